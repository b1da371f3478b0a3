using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using ProSaaS.Infrastructure.EventStore;

namespace ProSaaS.Api.Health;

/// <summary><c>migrations</c>: every migration this build knows is recorded as applied.</summary>
public sealed class MigrationsHealthCheck(SchemaMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = await migrator.GetPendingAsync(cancellationToken);
            return pending.Count == 0
                ? HealthCheckResult.Healthy($"All {SchemaMigrator.Migrations.Count} migrations applied")
                : new HealthCheckResult(
                    context.Registration.FailureStatus,
                    $"{pending.Count} migration(s) pending: {string.Join(", ", pending.Select(m => $"{m.Version:0000}_{m.Name}"))}");
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Cannot read the schema version: PostgreSQL is not reachable", ex);
        }
    }
}
