using Microsoft.Extensions.Logging;
using Npgsql;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Infrastructure.EventStore;
using ProSaaS.Infrastructure.ReadModels;

namespace ProSaaS.Infrastructure.Projections.Daemon;

/// <summary>
/// Feeds one async projection. Each batch is one transaction that locks the projection's progress row, reads
/// the events after it up to the high-water mark, applies them and moves the progress: the row lock makes every
/// event apply exactly once however many processes run agents, and progress can never run ahead of the rows.
/// An event the projection cannot apply is parked in mt_dead_letter_events and the projection moves on.
/// </summary>
internal sealed class ProjectionAgent(
    IProjection projection,
    NpgsqlDataSource dataSource,
    EventTypeRegistry eventTypes,
    ProjectionDaemonOptions options,
    ILogger logger)
{
    private readonly string[] _aliases =
        projection.EventTypes.SelectMany(eventTypes.StoredAliasesOf).Concat(projection.EventAliases).Distinct().ToArray();

    private readonly HashSet<string> _rawAliases = new(projection.EventAliases, StringComparer.Ordinal);

    public IProjection Projection => projection;

    public long Progress { get; private set; }

    public static async Task EnsureProgressRowAsync(NpgsqlDataSource dataSource, string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "insert into mt_event_progression (name, last_seq_id) values ($1, 0) on conflict (name) do nothing");
        command.Parameters.Add(new NpgsqlParameter { Value = name });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Applies the next batch; returns the number of sequence numbers it moved past (0 when idle).</summary>
    public async Task<long> TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await ProcessBatchAsync(isolateFailures: false, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ex is not NpgsqlException { IsTransient: true })
        {
            logger.LogWarning(ex, "Projection {Projection} failed a batch; applying it event by event to isolate the failure", projection.Name);
            return await ProcessBatchAsync(isolateFailures: true, cancellationToken);
        }
    }

    private async Task<long> ProcessBatchAsync(bool isolateFailures, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await TenantScope.ApplyAsync(connection, transaction, TenantScope.AllTenants, cancellationToken);
        var (from, highWater, rows) = await ReadBatchAsync(connection, transaction, cancellationToken);
        Progress = from;
        if (highWater <= from)
        {
            await transaction.RollbackAsync(cancellationToken);
            return 0;
        }

        var context = new ProjectionContext(connection, transaction);
        if (!isolateFailures && rows.Count > 0)
        {
            await projection.ApplyAsync(context, rows.ConvertAll(ToStoredEvent), cancellationToken);
        }

        foreach (var row in isolateFailures ? rows : [])
        {
            await transaction.SaveAsync("event", cancellationToken);
            try
            {
                await projection.ApplyAsync(context, [ToStoredEvent(row)], cancellationToken);
                await transaction.ReleaseAsync("event", cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && ex is not NpgsqlException { IsTransient: true })
            {
                await transaction.RollbackAsync("event", cancellationToken);
                await DeadLetterAsync(connection, transaction, row, ex, cancellationToken);
                logger.LogError(ex, "Projection {Projection} parked event {Sequence} ({EventType}) in the dead-letter table",
                    projection.Name, row.Sequence, row.Type);
            }
        }

        var to = rows.Count == options.BatchSize ? rows[^1].Sequence : highWater;
        await using (var update = new NpgsqlCommand(
                         "update mt_event_progression set last_seq_id = $2, last_updated = now() where name = $1", connection, transaction))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = projection.Name });
            update.Parameters.Add(new NpgsqlParameter { Value = to });
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        Progress = to;
        return to - from;
    }

    private async Task<(long From, long HighWater, List<RawEvent> Rows)> ReadBatchAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            with p as (select last_seq_id from mt_event_progression where name = $1 for update),
                 h as (select last_seq_id as high_water from mt_event_progression where name = $2)
            select p.last_seq_id, h.high_water,
                   e.seq_id, e.id, e.stream_id, e.version, e.type, e.data::text, e.timestamp, e.tenant_id,
                   e.correlation_id, e.causation_id, e.user_name, e.headers::text, e.is_archived
            from p cross join h
            left join lateral (
                select * from mt_events
                where seq_id > p.last_seq_id and seq_id <= h.high_water and type = any($3)
                order by seq_id
                limit $4) e on true
            order by e.seq_id
            """, connection, transaction)
        {
            Parameters =
            {
                new() { Value = projection.Name },
                new() { Value = HighWaterAgent.ProgressName },
                new() { Value = _aliases },
                new() { Value = options.BatchSize },
            },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        long from = 0, highWater = 0;
        var rows = new List<RawEvent>();
        var any = false;
        while (await reader.ReadAsync(cancellationToken))
        {
            any = true;
            from = reader.GetInt64(0);
            highWater = reader.GetInt64(1);
            if (!reader.IsDBNull(2))
            {
                rows.Add(new RawEvent(
                    reader.GetInt64(2), reader.GetGuid(3), reader.GetGuid(4), reader.GetInt64(5), reader.GetString(6), reader.GetString(7),
                    reader.GetFieldValue<DateTimeOffset>(8), reader.GetString(9),
                    reader.IsDBNull(10) ? null : reader.GetString(10), reader.IsDBNull(11) ? null : reader.GetString(11),
                    reader.IsDBNull(12) ? null : reader.GetString(12), reader.IsDBNull(13) ? null : reader.GetString(13),
                    reader.GetBoolean(14)));
            }
        }

        if (!any)
        {
            throw new InvalidOperationException($"Projection {projection.Name} has no progress row; run migrations and start the daemon.");
        }

        return (from, highWater, rows);
    }

    private async Task DeadLetterAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, RawEvent row, Exception error, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            insert into mt_dead_letter_events (projection_name, seq_id, event_id, stream_id, tenant_id, type, error_type, error_message)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            on conflict (projection_name, seq_id) do update
                set error_type = excluded.error_type, error_message = excluded.error_message, failed_at = now()
            """, connection, transaction)
        {
            Parameters =
            {
                new() { Value = projection.Name }, new() { Value = row.Sequence }, new() { Value = row.Id }, new() { Value = row.StreamId },
                new() { Value = row.TenantId }, new() { Value = row.Type }, new() { Value = error.GetType().FullName ?? error.GetType().Name },
                new() { Value = error.Message },
            },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private StoredEvent ToStoredEvent(RawEvent row) =>
        row.ToStoredEvent(_rawAliases.Contains(row.Type) ? new RawEventData(row.Type, row.Data) : eventTypes.Deserialize(row.Type, row.Data));

    private sealed record RawEvent(
        long Sequence, Guid Id, Guid StreamId, long Version, string Type, string Data, DateTimeOffset Timestamp, string TenantId,
        string? CorrelationId, string? CausationId, string? UserName, string? Headers, bool IsArchived)
    {
        public StoredEvent ToStoredEvent(Domain.Common.IDomainEvent data) => new(
            Sequence, Id, StreamId, Version, Type, data, Timestamp, TenantId, CorrelationId, CausationId, UserName,
            Headers is null
                ? new Dictionary<string, string>()
                : System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(Headers) ?? [],
            IsArchived);
    }
}
