using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ProSaaS.Infrastructure.EventStore;

namespace ProSaaS.Benchmarks;

/// <summary>
/// A fresh database on the benchmark cluster, migrated with the application's own migrator, dropped on dispose.
/// The cluster is reached through <see cref="EnvironmentVariable"/>: a connection string to a maintenance database
/// for a role that may create databases.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    public const string EnvironmentVariable = "PROSAAS_BENCH_POSTGRES";

    private readonly string _adminConnectionString;

    private BenchDatabase(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString)
        {
            Database = name,
            // Room for the benchmark, the daemon's agents and their leader sessions.
            MaxPoolSize = 50,
        }.ConnectionString;
        if (AutoPrepare)
        {
            // Npgsql keeps the statements used most on each connection prepared: no parse and plan per call.
            ConnectionString = new NpgsqlConnectionStringBuilder(ConnectionString) { MaxAutoPrepare = 50, AutoPrepareMinUsages = 2 }.ConnectionString;
        }

        // Checks and the raw baseline read read models across tenants; the store sets its own tenant per transaction.
        DataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(ConnectionString) { Options = "-c app.tenant_id=*" }.ConnectionString);
    }

    /// <summary>Run with Npgsql automatic preparation on (--auto-prepare); off by default, as in the application.</summary>
    public static bool AutoPrepare { get; set; }

    public string Name { get; }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"Set {EnvironmentVariable} to an admin connection string (maintenance database, role with CREATEDB), or run ./prosaas bench.");

    public static async Task<BenchDatabase> CreateAsync(string purpose)
    {
        var admin = AdminConnectionString;
        var name = $"bench_{purpose}_{Guid.NewGuid().ToString("N")[..8]}".ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"create database \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var database = new BenchDatabase(admin, name);
        await new SchemaMigrator(database.DataSource, NullLogger<SchemaMigrator>.Instance).ApplyAsync();
        return database;
    }

    /// <summary>Drops databases an interrupted run left behind (ours, named bench_*, with nobody connected).</summary>
    public static async Task DropLeftoversAsync(TextWriter log)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        var names = new List<string>();
        await using (var list = new NpgsqlCommand("""
                         select d.datname from pg_database d
                         where d.datname like 'bench\_%' and pg_get_userbyid(d.datdba) = current_user
                           and not exists (select 1 from pg_stat_activity a where a.datname = d.datname)
                         """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        foreach (var name in names)
        {
            try
            {
                await using var drop = new NpgsqlCommand($"drop database if exists \"{name}\"", connection);
                await drop.ExecuteNonQueryAsync();
                log.WriteLine($"// dropped leftover database {name}");
            }
            catch (PostgresException)
            {
                // Someone connected meanwhile: leave it.
            }
        }
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"drop database if exists \"{Name}\" with (force)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
