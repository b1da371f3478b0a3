using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ProSaaS.Infrastructure.EventStore;

/// <summary>
/// Applies the embedded, numbered SQL migrations in order, each in its own transaction, under an advisory lock
/// so that any number of processes may start at once: one applies, the others wait and find nothing to do.
/// An applied migration whose text changed afterwards stops start-up rather than leaving schemas drifting.
/// </summary>
public sealed class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    private const string ResourcePrefix = "migrations/";
    private const string ResourceSuffix = ".sql";

    public static IReadOnlyList<Migration> Migrations { get; } = LoadMigrations();

    public async Task<IReadOnlyList<Migration>> ApplyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"select pg_advisory_lock({AdvisoryLockKeys.Namespace}, {AdvisoryLockKeys.Migrations})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, null, """
                create table if not exists prosaas_schema_migrations (
                    version    integer     primary key,
                    name       text        not null,
                    checksum   text        not null,
                    applied_at timestamptz not null default now())
                """, cancellationToken);

            var applied = await ReadAppliedAsync(connection, cancellationToken);
            var newlyApplied = new List<Migration>();
            foreach (var migration in Migrations)
            {
                if (applied.TryGetValue(migration.Version, out var checksum))
                {
                    if (checksum != migration.Checksum)
                    {
                        throw new InvalidOperationException(
                            $"Migration {migration.Version} ({migration.Name}) was changed after it was applied. Add a new migration instead.");
                    }

                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
                await using (var record = new NpgsqlCommand(
                                 "insert into prosaas_schema_migrations (version, name, checksum) values (@v, @n, @c)", connection, transaction))
                {
                    record.Parameters.AddWithValue("v", migration.Version);
                    record.Parameters.AddWithValue("n", migration.Name);
                    record.Parameters.AddWithValue("c", migration.Checksum);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Applied schema migration {Version} {Name}", migration.Version, migration.Name);
                newlyApplied.Add(migration);
            }

            return newlyApplied;
        }
        finally
        {
            await ExecuteAsync(connection, null, $"select pg_advisory_unlock({AdvisoryLockKeys.Namespace}, {AdvisoryLockKeys.Migrations})", CancellationToken.None);
        }
    }

    /// <summary>Migrations known to this build that the database has not recorded.</summary>
    public async Task<IReadOnlyList<Migration>> GetPendingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var exists = new NpgsqlCommand("select to_regclass('prosaas_schema_migrations') is not null", connection))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                return Migrations;
            }
        }

        var applied = await ReadAppliedAsync(connection, cancellationToken);
        return Migrations.Where(m => !applied.ContainsKey(m.Version)).ToList();
    }

    private static async Task<Dictionary<int, string>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, string>();
        await using var command = new NpgsqlCommand("select version, checksum from prosaas_schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt32(0)] = reader.GetString(1);
        }

        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<Migration> LoadMigrations()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames()
                     .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(ResourceSuffix, StringComparison.Ordinal)))
        {
            // migrations/0001_event_store.sql → version 1, name "event_store"
            var fileName = resource[ResourcePrefix.Length..^ResourceSuffix.Length];
            var separator = fileName.IndexOf('_');
            var version = int.Parse(fileName[..separator], System.Globalization.CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var sql = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
            migrations.Add(new Migration(version, fileName[(separator + 1)..], sql, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sql)))));
        }

        var duplicates = migrations.GroupBy(m => m.Version).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw new InvalidOperationException($"Duplicate migration versions: {string.Join(", ", duplicates)}");
        }

        return migrations.OrderBy(m => m.Version).ToList();
    }
}

public sealed record Migration(int Version, string Name, string Sql, string Checksum);
