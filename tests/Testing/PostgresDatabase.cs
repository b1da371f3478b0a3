using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ProSaaS.Infrastructure.EventStore;
using Xunit;

namespace ProSaaS.Testing;

/// <summary>
/// A fresh, migrated database on the test PostgreSQL cluster that <c>./prosaas test</c> starts; dropped afterwards.
/// The cluster is reached through PROSAAS_TEST_POSTGRES (a connection string to its maintenance database, for a
/// role that may create databases).
/// </summary>
public class PostgresDatabase : IAsyncLifetime
{
    public const string EnvironmentVariable = "PROSAAS_TEST_POSTGRES";
    private const string DefaultAdmin = "Host=127.0.0.1;Port=55433;Database=postgres;Username=prosaas_test;Password=prosaas_test";

    private readonly string _adminConnectionString;

    public PostgresDatabase()
    {
        _adminConnectionString = Environment.GetEnvironmentVariable(EnvironmentVariable) ?? DefaultAdmin;
        Name = "t_" + Guid.NewGuid().ToString("N")[..12];
        ConnectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = Name }.ConnectionString;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        PlatformDataSource = NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(ConnectionString) { Options = "-c app.tenant_id=*" }.ConnectionString);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>What the application uses: read models show nothing until a transaction names its tenant.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>
    /// For a test's own checks: connections that see every tenant's read-model rows (row-level security's
    /// platform setting at session level). <see cref="ScalarAsync{T}"/> and <see cref="ExecuteAsync"/> use it.
    /// </summary>
    public NpgsqlDataSource PlatformDataSource { get; }

    /// <summary>Applies the schema when true (default); a test of the migrator itself starts from an empty database.</summary>
    protected virtual bool Migrate => true;

    public async Task InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(_adminConnectionString))
        {
            try
            {
                await admin.OpenAsync();
            }
            catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException)
            {
                throw new InvalidOperationException(
                    $"The test PostgreSQL is not reachable ({ex.Message}). Run the tests with ./prosaas test, or set {EnvironmentVariable}.", ex);
            }

            await using var create = new NpgsqlCommand($"create database \"{Name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        if (Migrate)
        {
            await new SchemaMigrator(DataSource, NullLogger<SchemaMigrator>.Instance).ApplyAsync();
        }
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await PlatformDataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        // A drop can still meet a connection that is being torn down at that moment (the cluster is shared by test
        // classes running in parallel): try again shortly rather than fail the test class's cleanup.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var admin = new NpgsqlConnection(_adminConnectionString);
                await admin.OpenAsync();
                await using var drop = new NpgsqlCommand($"drop database if exists \"{Name}\" with (force)", admin);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException) when (attempt < 3)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
        }
    }

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = PlatformDataSource.CreateCommand(sql);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default! : (T)value;
    }

    public async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = PlatformDataSource.CreateCommand(sql);
        foreach (var p in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        }

        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>An empty database: for tests of the schema migrator.</summary>
public sealed class EmptyPostgresDatabase : PostgresDatabase
{
    protected override bool Migrate => false;
}
