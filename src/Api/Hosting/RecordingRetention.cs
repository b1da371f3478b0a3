using MediatR;
using ProSaaS.Application.Calls.DeleteExpiredRecordings;
using ProSaaS.Application.Common.Context;
using Quartz;

namespace ProSaaS.Api.Hosting;

/// <summary>Configuration section <c>Recordings</c>.</summary>
public sealed class RecordingsOptions
{
    public const string Section = "Recordings";

    /// <summary>The largest call recording the media host may upload, in bytes (64 MB: over an hour of 16-bit stereo at 8 kHz).</summary>
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>How often this process deletes the recordings past their business's retention; 0 turns the job off in this process.</summary>
    public int RetentionScanSeconds { get; set; } = 300;
}

/// <summary>
/// Deletes expired recordings (<see cref="DeleteExpiredRecordings"/>) every <c>Recordings:RetentionScanSeconds</c>. Not
/// concurrently within one process; across processes a recording is deleted once (its call's appends are versioned).
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class RecordingRetentionJob(IServiceScopeFactory scopes, ILogger<RecordingRetentionJob> logger) : IJob
{
    public const string Name = "recording-retention";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var requestContext = scope.ServiceProvider.GetRequiredService<RequestContext>();
        requestContext.CorrelationId = "recording-retention-" + Guid.NewGuid().ToString("N");
        requestContext.UserName = "system:recording-retention";
        try
        {
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            // Batch after batch until a short one: a backlog (the job was off, retention was shortened) clears in one run.
            while (await mediator.Send(new DeleteExpiredRecordings(), cancellationToken) >= DeleteExpiredRecordings.DefaultLimit)
            {
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The next run tries again; a recording is deleted only when its append committed.
            LogRunFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting expired call recordings failed; the next run retries")]
    private partial void LogRunFailed(Exception exception);
}

public static class RecordingsRegistration
{
    /// <summary>Call recordings: the upload limit and the retention job (<c>Recordings:*</c>), checked at start-up.</summary>
    public static IServiceCollection AddRecordings(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RecordingsOptions.Section).Get<RecordingsOptions>() ?? new RecordingsOptions();
        if (options.MaxBytes <= 0)
        {
            throw new InvalidOperationException($"{RecordingsOptions.Section}:MaxBytes must be a positive number of bytes; it is {options.MaxBytes}.");
        }

        if (options.RetentionScanSeconds < 0)
        {
            throw new InvalidOperationException(
                $"{RecordingsOptions.Section}:RetentionScanSeconds must be 0 (off) or a number of seconds; it is {options.RetentionScanSeconds}.");
        }

        services.AddOptions<RecordingsOptions>().BindConfiguration(RecordingsOptions.Section);
        if (options.RetentionScanSeconds > 0)
        {
            services.AddQuartz(quartz => quartz.ScheduleJob<RecordingRetentionJob>(trigger => trigger
                .WithIdentity(RecordingRetentionJob.Name)
                .StartNow()
                .WithSimpleSchedule(TimeSpan.FromSeconds(options.RetentionScanSeconds))));
            services.AddQuartzHostedServiceOnce();
        }

        return services;
    }
}
