using Microsoft.Extensions.Options;
using ProSaaS.Application.Files;
using ProSaaS.Infrastructure.Files;
using Quartz;

namespace ProSaaS.Api.Hosting;

/// <summary>
/// The periodic sweep of <see cref="IFileCleanup"/>: deletes the blobs of attachments removed by anything that does not
/// sweep right away itself (a deleted lead, a bulk delete) and of uploads abandoned mid-way.
/// </summary>
[DisallowConcurrentExecution]
public sealed class FileCleanupJob(IFileCleanup cleanup) : IJob
{
    public static readonly JobKey Key = new("file-cleanup", "files");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await cleanup.SweepAsync(cancellationToken);
}

public static class FileCleanupJobRegistration
{
    /// <summary>Schedules <see cref="FileCleanupJob"/> every <c>Storage:SweepInterval</c> (default one minute).</summary>
    public static IServiceCollection AddFileCleanupJob(this IServiceCollection services) =>
        services.AddQuartz(q => q.ScheduleJob<FileCleanupJob>(
            (provider, trigger) => trigger
                .WithIdentity("file-cleanup", "files")
                .StartNow()
                .WithSimpleSchedule(s => s
                    .WithInterval(provider.GetRequiredService<IOptions<StorageOptions>>().Value.SweepInterval)
                    .RepeatForever()),
            (_, job) => job.WithIdentity(FileCleanupJob.Key)));
}
