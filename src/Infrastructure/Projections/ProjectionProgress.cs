using Npgsql;

namespace ProSaaS.Infrastructure.Projections;

/// <summary>Where the async projections stand relative to the events, for health checks, operations and tests.</summary>
public static class ProjectionProgress
{
    /// <summary>
    /// Waits until every named projection has passed the highest committed sequence number (as read when the
    /// wait starts or later). Throws <see cref="TimeoutException"/> naming the laggards.
    /// </summary>
    public static async Task WaitForNonStaleAsync(
        NpgsqlDataSource dataSource, IReadOnlyCollection<string> projectionNames, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        long target = -1;
        IReadOnlyDictionary<string, long> progress = new Dictionary<string, long>();
        try
        {
            while (true)
            {
                await using var connection = await dataSource.OpenConnectionAsync(deadline.Token);
                if (target < 0)
                {
                    await using var max = new NpgsqlCommand("select coalesce(max(seq_id), 0) from mt_events", connection);
                    target = (long)(await max.ExecuteScalarAsync(deadline.Token))!;
                }

                progress = await ReadAsync(connection, projectionNames, deadline.Token);
                if (projectionNames.All(n => progress.TryGetValue(n, out var p) && p >= target))
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(25), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"Projections did not reach sequence {target} within {timeout}: " +
                string.Join(", ", projectionNames.Select(n => $"{n} at {(progress.TryGetValue(n, out var p) ? p : -1)}")));
        }
    }

    public static async Task<IReadOnlyDictionary<string, long>> ReadAsync(
        NpgsqlConnection connection, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select name, last_seq_id from mt_event_progression where name = any($1)", connection)
        {
            Parameters = { new() { Value = names.ToArray() } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            result[reader.GetString(0)] = reader.GetInt64(1);
        }

        return result;
    }
}
