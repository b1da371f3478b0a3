using Microsoft.Extensions.Diagnostics.HealthChecks;
using ProSaaS.Infrastructure.Projections.Daemon;

namespace ProSaaS.Api.Health;

/// <summary>
/// <c>projections-daemon</c>: the async projection daemon of this process is running. A process started with
/// <c>Projections:Enabled=false</c> leaves the work to others and is healthy without it.
/// </summary>
public sealed class ProjectionDaemonHealthCheck(ProjectionDaemon daemon, ProjectionDaemonOptions options) : IHealthCheck
{
    public const string DisabledDescription = "disabled in this process";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Enabled)
        {
            return Task.FromResult(HealthCheckResult.Healthy(DisabledDescription));
        }

        var status = daemon.GetStatus();
        if (!status.IsRunning)
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, "not running"));
        }

        var leading = status.Agents.Count(a => a.IsLeader);
        var failing = status.Agents.Where(a => a.LastError is not null).Select(a => a.Name).ToList();
        var description = $"running; high-water mark {status.HighWaterMark}; leading {leading} of {status.Agents.Count} agents"
                          + (failing.Count > 0 ? $"; last tick failed: {string.Join(", ", failing)}" : string.Empty);
        return Task.FromResult(HealthCheckResult.Healthy(description));
    }
}
