using MediatR;
using Microsoft.Extensions.Options;
using ProSaaS.Application.Calls.ReclaimLostCalls;
using ProSaaS.Application.Common.Context;
using Quartz;

namespace ProSaaS.Api.Hosting;

/// <summary>Configuration section <c>Calls</c>.</summary>
public sealed class CallsOptions
{
    public const string Section = "Calls";

    /// <summary>How long a live call may go without a sign of life (a provider report, a media host heartbeat) before it is closed as lost.</summary>
    public int LostAfterSeconds { get; set; } = 120;

    /// <summary>How often this process looks for lost calls; 0 turns the scan off in this process.</summary>
    public int ReclaimScanSeconds { get; set; } = 30;
}

/// <summary>
/// Closes lost calls (<see cref="ReclaimLostCalls"/>) every <c>Calls:ReclaimScanSeconds</c>. Not concurrently within one
/// process; across processes a call ends once (its appends are versioned).
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class LostCallReclaimJob(IServiceScopeFactory scopes, IOptions<CallsOptions> options, ILogger<LostCallReclaimJob> logger) : IJob
{
    public const string Name = "lost-call-reclaim";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var requestContext = scope.ServiceProvider.GetRequiredService<RequestContext>();
        requestContext.CorrelationId = "call-reclaim-" + Guid.NewGuid().ToString("N");
        requestContext.UserName = "system:call-reclaim";
        try
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>()
                .Send(new ReclaimLostCalls(TimeSpan.FromSeconds(options.Value.LostAfterSeconds)), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The next run tries again; a call is closed only when its append committed.
            LogScanFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lost call scan failed; the next run retries")]
    private partial void LogScanFailed(Exception exception);
}
