using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace ProSaaS.Api.Health;

/// <summary><c>database</c>: PostgreSQL answers a trivial query through the Api's connection pool.</summary>
public sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("select 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("PostgreSQL answers");
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            // The exception stays in the report for logs; the public body says no more than this.
            return new HealthCheckResult(context.Registration.FailureStatus, "PostgreSQL is not reachable", ex);
        }
    }
}
