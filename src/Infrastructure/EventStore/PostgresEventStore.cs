using System.Reflection;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Common;
using ProSaaS.Infrastructure.Projections;
using ProSaaS.Infrastructure.ReadModels;

namespace ProSaaS.Infrastructure.EventStore;

/// <summary>
/// The event store over Npgsql. One append is one transaction: the stream row moves to its new version (the
/// optimistic concurrency check), the events are inserted with their metadata, and inline projections run.
/// </summary>
public sealed class PostgresEventStore(
    NpgsqlDataSource dataSource,
    EventTypeRegistry eventTypes,
    ProjectionRegistry projections,
    IRequestContext context,
    TimeProvider clock) : IEventStore
{
    private const string EventColumns =
        "seq_id, id, stream_id, version, type, data, timestamp, tenant_id, correlation_id, causation_id, user_name, headers, is_archived";

    /// <summary>Which stream versions an append may find: a new stream, exactly one version, or any.</summary>
    internal readonly record struct Expectation(long? Version, bool MustBeNew)
    {
        public static Expectation New => new(0, true);
        public static Expectation Any => new(null, false);
        public static Expectation At(long version) => new(version, false);
    }

    public IEventStore ForTenant(string tenantId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        return new PostgresEventStore(dataSource, eventTypes, projections, new TenantOverride(context, tenantId), clock);
    }

    /// <summary>The request's metadata with another tenant.</summary>
    private sealed class TenantOverride(IRequestContext inner, string tenantId) : IRequestContext
    {
        public string? TenantId => tenantId;
        public string? UserId => inner.UserId;
        public Domain.Users.Role? Role => inner.Role;
        public string? UserName => inner.UserName;
        public string CorrelationId => inner.CorrelationId;
        public string? CausationId => inner.CausationId;
        public IReadOnlyDictionary<string, string> Headers => inner.Headers;
    }

    public Task<long> StartStreamAsync<TAggregate>(Guid streamId, IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken = default)
        where TAggregate : AggregateRoot =>
        AppendAsync(streamId, Expectation.New, StreamTypeOf(typeof(TAggregate)), events, cancellationToken);

    public Task<long> AppendAsync(Guid streamId, long expectedVersion, IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        return AppendAsync(streamId, expectedVersion == 0 ? Expectation.New : Expectation.At(expectedVersion), null, events, cancellationToken);
    }

    public Task<long> AppendAsync(Guid streamId, IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken = default) =>
        AppendAsync(streamId, Expectation.Any, null, events, cancellationToken);

    public async Task SaveAsync<TAggregate>(TAggregate aggregate, CancellationToken cancellationToken = default)
        where TAggregate : AggregateRoot
    {
        if (aggregate.UncommittedEvents.Count == 0)
        {
            return;
        }

        var expectation = aggregate.PersistedVersion == 0 ? Expectation.New : Expectation.At(aggregate.PersistedVersion);
        await AppendAsync(aggregate.Id, expectation, StreamTypeOf(aggregate.GetType()), aggregate.UncommittedEvents, cancellationToken);
        aggregate.MarkCommitted();
    }

    public async Task SaveManyAsync(IReadOnlyList<AggregateRoot> aggregates, CancellationToken cancellationToken = default)
    {
        var changed = aggregates.Where(a => a.UncommittedEvents.Count > 0).ToList();
        if (changed.Count == 0)
        {
            return;
        }

        var tenantId = context.RequireTenant();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var aggregate in changed)
        {
            var expectation = aggregate.PersistedVersion == 0 ? Expectation.New : Expectation.At(aggregate.PersistedVersion);
            await AppendInTransactionAsync(connection, transaction, tenantId, aggregate.Id, expectation, StreamTypeOf(aggregate.GetType()),
                aggregate.UncommittedEvents, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var aggregate in changed)
        {
            aggregate.MarkCommitted();
        }
    }

    public async Task<IReadOnlyList<StoredEvent>> FetchStreamAsync(
        Guid streamId, long? toVersion = null, DateTimeOffset? toTimestamp = null, CancellationToken cancellationToken = default)
    {
        var tenantId = context.RequireTenant();
        await using var command = dataSource.CreateCommand($"""
            select {EventColumns} from mt_events
            where tenant_id = $1 and stream_id = $2
              and ($3::bigint is null or version <= $3)
              and ($4::timestamptz is null or timestamp <= $4)
            order by version
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)toVersion ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)toTimestamp ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var events = new List<StoredEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(ReadEvent(reader, eventTypes));
        }

        return events;
    }

    public async Task<StreamState?> FetchStreamStateAsync(Guid streamId, CancellationToken cancellationToken = default)
    {
        var tenantId = context.RequireTenant();
        await using var command = dataSource.CreateCommand(
            "select id, version, type, created, timestamp, is_archived from mt_streams where tenant_id = $1 and id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        command.Parameters.Add(new NpgsqlParameter { Value = streamId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StreamState(
            reader.GetGuid(0),
            reader.GetInt64(1),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.GetFieldValue<DateTimeOffset>(3),
            reader.GetFieldValue<DateTimeOffset>(4),
            reader.GetBoolean(5));
    }

    public async Task<TAggregate?> AggregateStreamAsync<TAggregate>(
        Guid streamId, long? version = null, DateTimeOffset? timestamp = null, CancellationToken cancellationToken = default)
        where TAggregate : AggregateRoot
    {
        var events = await FetchStreamAsync(streamId, version, timestamp, cancellationToken);
        if (events.Count == 0)
        {
            return null;
        }

        var aggregate = (TAggregate)Activator.CreateInstance(typeof(TAggregate), nonPublic: true)!;
        foreach (var stored in events)
        {
            aggregate.ReplayEvent(stored.Data, stored.Version);
        }

        return aggregate;
    }

    public async Task ArchiveStreamAsync(Guid streamId, CancellationToken cancellationToken = default)
    {
        var tenantId = context.RequireTenant();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("update mt_streams set is_archived = true where tenant_id = $1 and id = $2")
                    { Parameters = { new() { Value = tenantId }, new() { Value = streamId } } },
                new NpgsqlBatchCommand("update mt_events set is_archived = true where tenant_id = $1 and stream_id = $2")
                    { Parameters = { new() { Value = tenantId }, new() { Value = streamId } } },
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
        if (batch.BatchCommands[0].RecordsAffected == 0)
        {
            throw new NotFoundException("stream", streamId);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<long> AppendAsync(
        Guid streamId, Expectation expectation, string? streamType, IReadOnlyList<IDomainEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            throw new ArgumentException("Nothing to append.", nameof(events));
        }

        var tenantId = context.RequireTenant();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var appended = await AppendInTransactionAsync(connection, transaction, tenantId, streamId, expectation, streamType, events, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return appended[^1].Version;
    }

    /// <summary>
    /// Appends inside a transaction the caller owns and commits (or rolls back). The shared advisory lock taken
    /// first marks this transaction as a possible owner of sequence numbers until it ends: the high-water agent
    /// reads it to tell a gap that may still fill from one that never will.
    /// </summary>
    internal async Task<IReadOnlyList<StoredEvent>> AppendInTransactionAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        string tenantId,
        Guid streamId,
        Expectation expectation,
        string? streamType,
        IReadOnlyList<IDomainEvent> events,
        CancellationToken cancellationToken)
    {
        var count = events.Count;
        var timestamp = clock.GetUtcNow();
        var ids = new Guid[count];
        var aliases = new string[count];
        var payloads = new string[count];
        var dotnetTypes = new string[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = Guid.CreateVersion7(timestamp);
            aliases[i] = eventTypes.AliasOf(events[i].GetType());
            payloads[i] = eventTypes.Serialize(events[i]);
            dotnetTypes[i] = events[i].GetType().FullName!;
        }

        var headers = context.Headers.Count == 0 ? null : JsonSerializer.Serialize(context.Headers);
        var streamStatement = expectation switch
        {
            { MustBeNew: true } => """
                insert into mt_streams (id, tenant_id, type, version, timestamp, created)
                values ($1, $2, $3, $4, $5, $5)
                on conflict (tenant_id, id) do nothing
                returning version
                """,
            { Version: null } => """
                insert into mt_streams as s (id, tenant_id, type, version, timestamp, created)
                values ($1, $2, $3, $4, $5, $5)
                on conflict (tenant_id, id) do update set version = s.version + $4, timestamp = $5 where not s.is_archived
                returning version
                """,
            _ => """
                update mt_streams set version = version + $4, timestamp = $5
                where id = $1 and tenant_id = $2 and version = $6 and not is_archived
                returning version
                """,
        };

        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            $"select pg_advisory_xact_lock_shared({AdvisoryLockKeys.Namespace}, {AdvisoryLockKeys.Appenders})"));
        // Inline projections write this tenant's read-model rows and, under row-level security, no other tenant's.
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"select set_config('{TenantScope.SettingName}', $1, true)")
        {
            Parameters = { new() { Value = tenantId } },
        });
        var insert = new NpgsqlBatchCommand($"""
            with s as ({streamStatement})
            insert into mt_events (id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type,
                                   correlation_id, causation_id, user_name, headers)
            select e.id, $1, s.version - $4 + e.ord, e.data, e.type, $5, $2, e.dotnet_type, $7, $8, $9, $10::jsonb
            from s, unnest($11::uuid[], $12::text[], $13::jsonb[], $14::text[]) with ordinality as e(id, type, data, dotnet_type, ord)
            order by e.ord
            returning seq_id, version
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = streamId });
        insert.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)streamType ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter { Value = (long)count });
        insert.Parameters.Add(new NpgsqlParameter { Value = timestamp });
        insert.Parameters.Add(new NpgsqlParameter { Value = expectation.Version ?? 0L });
        insert.Parameters.Add(new NpgsqlParameter { Value = context.CorrelationId, NpgsqlDbType = NpgsqlDbType.Varchar });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)context.CausationId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)context.UserName ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)headers ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter { Value = ids });
        insert.Parameters.Add(new NpgsqlParameter { Value = aliases });
        insert.Parameters.Add(new NpgsqlParameter { Value = payloads });
        insert.Parameters.Add(new NpgsqlParameter { Value = dotnetTypes });
        batch.BatchCommands.Add(insert);

        var sequences = new long[count];
        var versions = new long[count];
        var rows = 0;
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken); // past the lock and the tenant setting
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                sequences[rows] = reader.GetInt64(0);
                versions[rows] = reader.GetInt64(1);
                rows++;
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName == "uq_mt_events_stream_and_version")
        {
            throw new ConcurrencyException(streamId, expectation.Version, null);
        }

        if (rows != count)
        {
            throw await DescribeRejectedAppendAsync(connection, transaction, tenantId, streamId, expectation, cancellationToken);
        }

        var stored = new StoredEvent[count];
        var headerMap = context.Headers.Count == 0
            ? (IReadOnlyDictionary<string, string>)EmptyHeaders
            : new Dictionary<string, string>(context.Headers, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            stored[i] = new StoredEvent(sequences[i], ids[i], streamId, versions[i], aliases[i], events[i], timestamp, tenantId,
                context.CorrelationId, context.CausationId, context.UserName, headerMap, false);
        }

        if (projections.Inline.Count > 0)
        {
            var projectionContext = new ProjectionContext(connection, transaction);
            foreach (var projection in projections.Inline)
            {
                var relevant = Array.FindAll(stored, e => projection.EventTypes.Contains(e.Data.GetType()));
                if (relevant.Length > 0)
                {
                    await projection.ApplyAsync(projectionContext, relevant, cancellationToken);
                }
            }
        }

        return stored;
    }

    private static readonly Dictionary<string, string> EmptyHeaders = new(StringComparer.Ordinal);

    private static async Task<Exception> DescribeRejectedAppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string tenantId, Guid streamId, Expectation expectation, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select version, is_archived from mt_streams where tenant_id = $1 and id = $2", connection, transaction)
        {
            Parameters = { new() { Value = tenantId }, new() { Value = streamId } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return new NotFoundException("stream", streamId);
        }

        var version = reader.GetInt64(0);
        if (reader.GetBoolean(1))
        {
            return new BusinessRuleException("stream.archived", $"Stream {streamId} is archived and takes no further events.");
        }

        return new ConcurrencyException(streamId, expectation.Version, version);
    }

    internal static StoredEvent ReadEvent(NpgsqlDataReader reader, EventTypeRegistry eventTypes)
    {
        var alias = reader.GetString(4);
        var headersJson = reader.IsDBNull(11) ? null : reader.GetString(11);
        return new StoredEvent(
            Sequence: reader.GetInt64(0),
            Id: reader.GetGuid(1),
            StreamId: reader.GetGuid(2),
            Version: reader.GetInt64(3),
            EventTypeName: alias,
            Data: eventTypes.Deserialize(alias, reader.GetString(5)),
            Timestamp: reader.GetFieldValue<DateTimeOffset>(6),
            TenantId: reader.GetString(7),
            CorrelationId: reader.IsDBNull(8) ? null : reader.GetString(8),
            CausationId: reader.IsDBNull(9) ? null : reader.GetString(9),
            UserName: reader.IsDBNull(10) ? null : reader.GetString(10),
            Headers: headersJson is null
                ? EmptyHeaders
                : JsonSerializer.Deserialize<Dictionary<string, string>>(headersJson) ?? EmptyHeaders,
            IsArchived: reader.GetBoolean(12));
    }

    internal static string? StreamTypeOf(Type aggregateType) => aggregateType.GetCustomAttribute<StreamTypeAttribute>()?.Alias;
}
