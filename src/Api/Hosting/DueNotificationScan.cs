using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Notifications.ScanDueItems;
using Quartz;

namespace ProSaaS.Api.Hosting;

/// <summary>
/// Runs the due scan (<see cref="ScanDueItems"/>) every <c>Notifications:DueScanSeconds</c>. Not concurrently within one
/// process; across processes the scan's versioned appends make each due time notify once.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class DueScanJob(IServiceScopeFactory scopes, ILogger<DueScanJob> logger) : IJob
{
    public const string Name = "due-notification-scan";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var requestContext = scope.ServiceProvider.GetRequiredService<RequestContext>();
        requestContext.CorrelationId = "due-scan-" + Guid.NewGuid().ToString("N");
        requestContext.UserName = "system:due-scan";
        try
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ScanDueItems(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The next run tries again; nothing is marked notified unless its append committed.
            LogScanFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The due scan failed; the next run retries")]
    private partial void LogScanFailed(Exception exception);
}

public static class DueNotificationScanRegistration
{
    public const string Section = "Notifications";
    public const string IntervalKey = "DueScanSeconds";
    public const int DefaultSeconds = 30;

    /// <summary>
    /// Schedules the due scan on the process's Quartz scheduler, every <c>Notifications:DueScanSeconds</c> (default 30;
    /// 0 turns it off in this process). Other areas add their jobs with their own <c>AddQuartz</c> call.
    /// </summary>
    public static IServiceCollection AddDueNotificationScan(this IServiceCollection services, IConfiguration configuration)
    {
        var seconds = configuration.GetSection(Section).GetValue(IntervalKey, DefaultSeconds);
        if (seconds < 0)
        {
            throw new InvalidOperationException($"{Section}:{IntervalKey} must be 0 (off) or a number of seconds; it is {seconds}.");
        }

        if (seconds == 0)
        {
            return services;
        }

        services.AddQuartz(quartz => quartz.ScheduleJob<DueScanJob>(trigger => trigger
            .WithIdentity(DueScanJob.Name)
            .StartNow()
            .WithSimpleSchedule(TimeSpan.FromSeconds(seconds))));
        return services.AddQuartzHostedServiceOnce();
    }

    /// <summary>
    /// The hosted service that starts every scheduler of the container, registered once however many areas schedule
    /// jobs. It waits for running jobs on shutdown.
    /// </summary>
    public static IServiceCollection AddQuartzHostedServiceOnce(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(QuartzHostedService)))
        {
            services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        }

        return services;
    }
}
