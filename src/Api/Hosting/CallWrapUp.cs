using MediatR;
using Microsoft.Extensions.Options;
using ProSaaS.Application.Calls.WrapUp.WrapUpDueCalls;
using ProSaaS.Application.Common.Context;
using ProSaaS.Infrastructure;
using Quartz;

namespace ProSaaS.Api.Hosting;

/// <summary>Configuration section <c>AfterCall</c>: the summary, lead status and <c>call.completed</c> webhook after each call.</summary>
public sealed class AfterCallOptions
{
    public const string Section = "AfterCall";

    /// <summary>How often this process looks for ended calls to wrap up; 0 turns the work off in this process.</summary>
    public int ScanSeconds { get; set; } = 5;

    /// <summary>How long after its end a call waits for the media host's last reports when the media host has not said its side ended.</summary>
    public int SettleSeconds { get; set; } = 30;

    /// <summary>Attempts of the summarizer (the OpenAI model) before the rules write the summary.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>The wait after the first failed attempt; each further failure waits twice as long (at most 30 minutes).</summary>
    public int RetryDelaySeconds { get; set; } = 30;

    /// <summary>Calls that ended longer ago than this when reached (a rebuild, a long outage) are not summarized.</summary>
    public int MaxAgeHours { get; set; } = 72;

    /// <summary>How long a claimed call belongs to this process before another may take it (the process died).</summary>
    public int LeaseSeconds { get; set; } = 300;

    public IEnumerable<string> Problems()
    {
        if (ScanSeconds < 0)
        {
            yield return $"{Section}:ScanSeconds must be 0 (off) or a number of seconds; it is {ScanSeconds}.";
        }

        if (SettleSeconds < 0)
        {
            yield return $"{Section}:SettleSeconds cannot be negative; it is {SettleSeconds}.";
        }

        if (MaxAttempts is < 1 or > 20)
        {
            yield return $"{Section}:MaxAttempts must be 1–20; it is {MaxAttempts}.";
        }

        if (RetryDelaySeconds <= 0 || MaxAgeHours <= 0 || LeaseSeconds <= 0)
        {
            yield return $"{Section}:RetryDelaySeconds, MaxAgeHours and LeaseSeconds must be positive.";
        }
    }

    public WrapUpDueCalls Command() => new(
        TimeSpan.FromSeconds(SettleSeconds), MaxAttempts, TimeSpan.FromSeconds(RetryDelaySeconds), TimeSpan.FromHours(MaxAgeHours),
        TimeSpan.FromSeconds(LeaseSeconds));
}

/// <summary>
/// Wraps up the ended calls that are due (<see cref="WrapUpDueCalls"/>) every <c>AfterCall:ScanSeconds</c>, batch after batch
/// until a short one. Not concurrently within one process; across processes each call is leased to one and summarized once.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class CallWrapUpJob(IServiceScopeFactory scopes, IOptions<AfterCallOptions> options, ILogger<CallWrapUpJob> logger) : IJob
{
    public const string Name = "call-wrap-up";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            while (true)
            {
                // A scope per batch: each batch's appends carry the after-call work as their author.
                await using var scope = scopes.CreateAsyncScope();
                var requestContext = scope.ServiceProvider.GetRequiredService<RequestContext>();
                requestContext.CorrelationId = "call-wrap-up-" + Guid.NewGuid().ToString("N");
                requestContext.UserName = "system:after-call";
                var command = options.Value.Command();
                if (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, cancellationToken) < command.Limit)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The next run tries again: a claimed call comes back when its lease runs out.
            LogRunFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wrapping up ended calls failed; the next run retries")]
    private partial void LogRunFailed(Exception exception);
}

public static class AfterCallRegistration
{
    /// <summary>
    /// After the call: the summarizer (<c>OpenAI:*</c>: the chat model with a key, the rules without) and the wrap-up job
    /// (<c>AfterCall:*</c>), checked at start-up.
    /// </summary>
    public static IServiceCollection AddAfterCall(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(AfterCallOptions.Section).Get<AfterCallOptions>() ?? new AfterCallOptions();
        var problems = options.Problems().ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }

        services.AddOptions<AfterCallOptions>().BindConfiguration(AfterCallOptions.Section);
        services.AddCallSummarizer(configuration);
        if (options.ScanSeconds > 0)
        {
            services.AddQuartz(quartz => quartz.ScheduleJob<CallWrapUpJob>(trigger => trigger
                .WithIdentity(CallWrapUpJob.Name)
                .StartNow()
                .WithSimpleSchedule(TimeSpan.FromSeconds(options.ScanSeconds))));
            services.AddQuartzHostedServiceOnce();
        }

        return services;
    }
}
