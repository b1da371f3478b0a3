using Npgsql;

namespace ProSaaS.Infrastructure.ReadModels;

/// <summary>
/// A connection and transaction in which PostgreSQL's row-level security shows one tenant's read-model rows only
/// (the per-transaction setting <c>app.tenant_id</c>). Every read-model query runs in one, so that a query that
/// forgot its <c>tenant_id</c> filter still returns nothing foreign. <see cref="AllTenants"/> is for platform work
/// (projections, sign-in lookups, the system admin's tenant list) and nothing else.
/// </summary>
public sealed class TenantScope : IAsyncDisposable
{
    public const string AllTenants = "*";
    public const string SettingName = "app.tenant_id";

    private TenantScope(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        Connection = connection;
        Transaction = transaction;
    }

    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction Transaction { get; }

    public static async Task<TenantScope> OpenAsync(NpgsqlDataSource dataSource, string tenantId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ApplyAsync(connection, transaction, tenantId, cancellationToken);
            return new TenantScope(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sets the tenant for the rest of an open transaction.</summary>
    public static async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string tenantId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"select set_config('{SettingName}', $1, true)", connection, transaction)
        {
            Parameters = { new() { Value = tenantId } },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task CommitAsync(CancellationToken cancellationToken) => Transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
