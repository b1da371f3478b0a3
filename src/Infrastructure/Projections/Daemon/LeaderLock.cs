using Npgsql;

namespace ProSaaS.Infrastructure.Projections.Daemon;

/// <summary>
/// Leadership held as a session-level advisory lock on a dedicated, unpooled connection. The lock lives exactly
/// as long as that session: when the connection or the server dies, leadership is gone, and the next
/// <see cref="EnsureAsync"/> notices and competes for it again.
/// </summary>
internal sealed class LeaderLock(string connectionString, int lockNamespace, int key) : IAsyncDisposable
{
    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(connectionString)
    {
        Pooling = false,
        KeepAlive = 15,
        ApplicationName = "prosaas-leader",
    }.ConnectionString;

    private NpgsqlConnection? _connection;

    public bool IsHeld => _connection is not null;

    /// <summary>True when this process leads: confirms a held lock is still alive, or tries to take a free one.</summary>
    public async Task<bool> EnsureAsync(CancellationToken cancellationToken)
    {
        if (_connection is not null)
        {
            try
            {
                await using var ping = new NpgsqlCommand("select 1", _connection);
                await ping.ExecuteScalarAsync(cancellationToken);
                return true;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or System.IO.IOException)
            {
                await ReleaseAsync();
            }
        }

        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var take = new NpgsqlCommand($"select pg_try_advisory_lock({lockNamespace}, {key})", connection);
            if ((bool)(await take.ExecuteScalarAsync(cancellationToken))!)
            {
                _connection = connection;
                return true;
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or System.IO.IOException or TimeoutException)
        {
            // Server unreachable: not the leader; try again on the next round.
        }

        await connection.DisposeAsync();
        return false;
    }

    /// <summary>Gives up leadership; closing the session releases the lock.</summary>
    public async Task ReleaseAsync()
    {
        var connection = _connection;
        _connection = null;
        if (connection is not null)
        {
            try
            {
                await connection.DisposeAsync();
            }
            catch (Exception ex) when (ex is NpgsqlException or System.IO.IOException)
            {
                // The session is already gone, and the lock with it.
            }
        }
    }

    public ValueTask DisposeAsync() => new(ReleaseAsync());
}
