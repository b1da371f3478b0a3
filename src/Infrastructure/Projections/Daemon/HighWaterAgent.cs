using Microsoft.Extensions.Logging;
using Npgsql;
using ProSaaS.Infrastructure.EventStore;

namespace ProSaaS.Infrastructure.Projections.Daemon;

/// <summary>
/// Advances the high-water mark: the highest sequence number below which every number is either a committed
/// event or provably never will be. Async projections read only up to it, so none can pass over an event that
/// a slow transaction has yet to commit.
/// A gap is provably dead once every append transaction that was alive when the gap was seen has ended
/// (appenders hold a shared advisory lock from before they draw sequence numbers until they finish): then it
/// is skipped and recorded in mt_high_water_skips.
/// </summary>
internal sealed class HighWaterAgent(
    NpgsqlDataSource dataSource,
    ProjectionDaemonOptions options,
    ILogger logger,
    TimeProvider clock)
{
    internal const string ProgressName = "HighWaterMark";
    private const int ScanLimit = 10_000;

    private PendingGap? _pending;

    public long Mark { get; private set; }

    /// <summary>Looks once; returns true when the mark moved (more may be waiting).</summary>
    public async Task<bool> TickAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var current = await ReadMarkAsync(connection, cancellationToken);
        Mark = current;
        var scan = await ScanAsync(connection, current, cancellationToken);

        if (scan.GapFrom is null)
        {
            _pending = null;
            return await MoveMarkAsync(connection, current, scan.Contiguous, null, cancellationToken);
        }

        var gapFrom = scan.GapFrom.Value;
        if (_pending is null || _pending.From != gapFrom)
        {
            // The holders are read after the gap was seen: whoever drew the missing numbers is among them or done.
            _pending = new PendingGap(gapFrom, await ReadAppenderTransactionsAsync(connection, cancellationToken), clock.GetUtcNow());
            return await MoveMarkAsync(connection, current, scan.Contiguous, null, cancellationToken);
        }

        if (await AnyStillRunningAsync(connection, _pending.Holders, cancellationToken))
        {
            var held = clock.GetUtcNow() - _pending.DetectedAt;
            if (held >= options.GapWarningAfter && !_pending.Warned)
            {
                _pending = _pending with { Warned = true };
                logger.LogWarning("High-water mark held at sequence {Sequence} for {Seconds:0} s by a transaction that is still open",
                    gapFrom, held.TotalSeconds);
            }

            return await MoveMarkAsync(connection, current, scan.Contiguous, null, cancellationToken);
        }

        // Every transaction that could fill the gap has ended. Look again: one of them may have committed it.
        var recheck = await ScanAsync(connection, current, cancellationToken);
        var detectedAt = _pending.DetectedAt;
        _pending = null;
        if (recheck.GapFrom != gapFrom)
        {
            return await MoveMarkAsync(connection, current, recheck.Contiguous, null, cancellationToken);
        }

        var skip = new Skip(gapFrom, recheck.GapTo!.Value, detectedAt);
        logger.LogWarning("High-water mark skipped sequence numbers {From}–{To}: their transactions ended without committing them",
            skip.From, skip.To);
        return await MoveMarkAsync(connection, current, skip.To, skip, cancellationToken);
    }

    private static async Task<long> ReadMarkAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select last_seq_id from mt_event_progression where name = $1", connection)
        {
            Parameters = { new() { Value = ProgressName } },
        };
        return (long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L);
    }

    /// <summary>Walks the committed sequence numbers above the mark to the first hole.</summary>
    private static async Task<Scan> ScanAsync(NpgsqlConnection connection, long from, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "select seq_id from mt_events where seq_id > $1 order by seq_id limit $2", connection)
        {
            Parameters = { new() { Value = from }, new() { Value = ScanLimit } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var expected = from + 1;
        while (await reader.ReadAsync(cancellationToken))
        {
            var seq = reader.GetInt64(0);
            if (seq != expected)
            {
                return new Scan(expected - 1, expected, seq - 1);
            }

            expected++;
        }

        return new Scan(expected - 1, null, null);
    }

    private static async Task<string[]> ReadAppenderTransactionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            select virtualtransaction from pg_locks
            where locktype = 'advisory' and granted and objsubid = 2
              and classid = {AdvisoryLockKeys.Namespace}::oid and objid = {AdvisoryLockKeys.Appenders}::oid
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var holders = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            holders.Add(reader.GetString(0));
        }

        return [.. holders];
    }

    private static async Task<bool> AnyStillRunningAsync(NpgsqlConnection connection, string[] holders, CancellationToken cancellationToken)
    {
        if (holders.Length == 0)
        {
            return false;
        }

        await using var command = new NpgsqlCommand($"""
            select exists (
                select 1 from pg_locks
                where locktype = 'advisory' and granted and objsubid = 2
                  and classid = {AdvisoryLockKeys.Namespace}::oid and objid = {AdvisoryLockKeys.Appenders}::oid
                  and virtualtransaction = any($1))
            """, connection)
        {
            Parameters = { new() { Value = holders } },
        };
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<bool> MoveMarkAsync(NpgsqlConnection connection, long current, long mark, Skip? skip, CancellationToken cancellationToken)
    {
        if (mark <= current)
        {
            return false;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        if (skip is not null)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("""
                insert into mt_high_water_skips (from_seq_id, to_seq_id, detected_at) values ($1, $2, $3)
                on conflict (from_seq_id) do nothing
                """)
            {
                Parameters = { new() { Value = skip.From }, new() { Value = skip.To }, new() { Value = skip.DetectedAt } },
            });
        }

        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            "update mt_event_progression set last_seq_id = $2, last_updated = now() where name = $1 and last_seq_id < $2")
        {
            Parameters = { new() { Value = ProgressName }, new() { Value = mark } },
        });
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Mark = mark;
        return true;
    }

    private readonly record struct Scan(long Contiguous, long? GapFrom, long? GapTo);

    private sealed record PendingGap(long From, string[] Holders, DateTimeOffset DetectedAt, bool Warned = false);

    private sealed record Skip(long From, long To, DateTimeOffset DetectedAt);
}
