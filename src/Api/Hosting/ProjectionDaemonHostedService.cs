using ProSaaS.Infrastructure.Projections.Daemon;

namespace ProSaaS.Api.Hosting;

/// <summary>
/// Runs the singleton <see cref="ProjectionDaemon"/> with the host. A forwarder rather than the daemon itself, so the
/// container owns (and disposes) the daemon exactly once: as a hosted-service factory result it would be tracked twice.
/// </summary>
public sealed class ProjectionDaemonHostedService(ProjectionDaemon daemon) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => daemon.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => daemon.StopAsync(cancellationToken);
}
