using Microsoft.Extensions.Options;
using Npgsql;
using ProSaaS.Infrastructure.EventStore;

namespace ProSaaS.Api.Hosting;

/// <summary>
/// Brings the schema up to date before the projection daemon and the server start. PostgreSQL often comes up
/// together with the Api (a fresh container, a laptop waking up), so an unreachable server is retried until
/// <see cref="DatabaseOptions.StartupTimeout"/>; any other failure (a changed migration, bad SQL) stops start-up at once.
/// </summary>
public sealed partial class DatabaseMigrationService(
    SchemaMigrator migrator,
    EventStoreOptions storeOptions,
    IOptions<DatabaseOptions> options,
    TimeProvider clock,
    ILogger<DatabaseMigrationService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var target = DescribeTarget(storeOptions.ConnectionString);
        if (!settings.MigrateOnStartup)
        {
            LogMigrationSkipped(target);
            return;
        }

        var deadline = clock.GetUtcNow() + settings.StartupTimeout;
        for (var attempt = 1; ; attempt++)
        {
            var remaining = deadline - clock.GetUtcNow();
            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptTimeout.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
            try
            {
                var applied = await migrator.ApplyAsync(attemptTimeout.Token);
                LogSchemaReady(target, applied.Count, SchemaMigrator.Migrations.Count);
                return;
            }
            catch (Exception ex) when (IsUnreachable(ex, cancellationToken))
            {
                if (clock.GetUtcNow() + DatabaseOptions.RetryInterval >= deadline)
                {
                    LogGaveUp(target, settings.StartupTimeout, attempt, ex.Message);
                    throw new DatabaseUnavailableException(
                        $"PostgreSQL ({target}) was not reachable within {settings.StartupTimeout}.", ex);
                }

                LogRetrying(target, ex.Message, DatabaseOptions.RetryInterval.TotalSeconds);
                await Task.Delay(DatabaseOptions.RetryInterval, clock, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static bool IsUnreachable(Exception ex, CancellationToken hostStopping) => ex switch
    {
        NpgsqlException { IsTransient: true } => true,
        System.Net.Sockets.SocketException or TimeoutException => true,
        OperationCanceledException => !hostStopping.IsCancellationRequested,
        _ => false,
    };

    /// <summary>Host, port and database only: the log must never carry the password.</summary>
    private static string DescribeTarget(string connectionString)
    {
        var parsed = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{parsed.Host}:{parsed.Port}/{parsed.Database}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema migrations at start-up are off (Database:MigrateOnStartup); using {Target} as it is")]
    private partial void LogMigrationSkipped(string target);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Target} is ready: {Applied} migration(s) applied now, {Known} known")]
    private partial void LogSchemaReady(string target, int applied, int known);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL {Target} is not reachable yet ({Reason}); retrying in {RetrySeconds} s")]
    private partial void LogRetrying(string target, string reason, double retrySeconds);

    [LoggerMessage(Level = LogLevel.Critical,
        Message = "Start-up aborted: PostgreSQL {Target} was not reachable within {StartupTimeout} ({Attempts} attempts; last error: {Reason}). Check ConnectionStrings:Postgres and that PostgreSQL is running.")]
    private partial void LogGaveUp(string target, TimeSpan startupTimeout, int attempts, string reason);
}

/// <summary>PostgreSQL stayed unreachable for the whole start-up window.</summary>
public sealed class DatabaseUnavailableException(string message, Exception inner) : Exception(message, inner);
