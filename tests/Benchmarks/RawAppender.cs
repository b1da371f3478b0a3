using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using ProSaaS.Domain.Common;
using ProSaaS.Infrastructure.EventStore;

namespace ProSaaS.Benchmarks;

/// <summary>
/// The baseline: the same rows the store writes (one mt_streams row, one mt_events row per event, same columns and
/// JSON), as plain INSERTs in one transaction per call. No advisory lock, no version check, no metadata handling
/// beyond copying the same values, no projections.
/// </summary>
public sealed class RawAppender(NpgsqlDataSource dataSource, EventTypeRegistry eventTypes, string tenantId, string correlationId, string? userName)
{
    private const int SharedParameters = 6; // stream id, timestamp, tenant, correlation, user, (causation)
    private const int RowParameters = 5;    // id, version, data, type, dotnet type

    private readonly Dictionary<int, string> _insertEvents = [];

    public async Task AppendNewStreamAsync(Guid streamId, string streamType, IReadOnlyList<IDomainEvent> events)
    {
        var count = events.Count;
        var timestamp = DateTimeOffset.UtcNow;
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);

        var stream = new NpgsqlBatchCommand(
            "insert into mt_streams (id, tenant_id, type, version, timestamp, created) values ($1, $2, $3, $4, $5, $5)");
        stream.Parameters.Add(new NpgsqlParameter { Value = streamId });
        stream.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        stream.Parameters.Add(new NpgsqlParameter { Value = streamType });
        stream.Parameters.Add(new NpgsqlParameter { Value = (long)count });
        stream.Parameters.Add(new NpgsqlParameter { Value = timestamp });
        batch.BatchCommands.Add(stream);

        var insert = new NpgsqlBatchCommand(InsertEventsSql(count));
        insert.Parameters.Add(new NpgsqlParameter { Value = streamId });
        insert.Parameters.Add(new NpgsqlParameter { Value = timestamp });
        insert.Parameters.Add(new NpgsqlParameter { Value = tenantId });
        insert.Parameters.Add(new NpgsqlParameter { Value = correlationId, NpgsqlDbType = NpgsqlDbType.Varchar });
        insert.Parameters.Add(new NpgsqlParameter { Value = (object?)userName ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        insert.Parameters.Add(new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        for (var i = 0; i < count; i++)
        {
            var type = events[i].GetType();
            insert.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7(timestamp) });
            insert.Parameters.Add(new NpgsqlParameter { Value = (long)(i + 1) });
            insert.Parameters.Add(new NpgsqlParameter
            {
                Value = JsonSerializer.Serialize(events[i], type, EventTypeRegistry.SerializerOptions),
                NpgsqlDbType = NpgsqlDbType.Jsonb,
            });
            insert.Parameters.Add(new NpgsqlParameter { Value = eventTypes.AliasOf(type), NpgsqlDbType = NpgsqlDbType.Varchar });
            insert.Parameters.Add(new NpgsqlParameter { Value = type.FullName!, NpgsqlDbType = NpgsqlDbType.Varchar });
        }

        batch.BatchCommands.Add(insert);
        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    private string InsertEventsSql(int count)
    {
        if (_insertEvents.TryGetValue(count, out var sql))
        {
            return sql;
        }

        var text = new StringBuilder("""
            insert into mt_events (id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type,
                                   correlation_id, causation_id, user_name, headers)
            values
            """);
        for (var i = 0; i < count; i++)
        {
            var p = SharedParameters + (i * RowParameters);
            text.Append(i == 0 ? "\n  " : ",\n  ")
                .Append($"(${p + 1}, $1, ${p + 2}, ${p + 3}, ${p + 4}, $2, $3, ${p + 5}, $4, $6, $5, null)");
        }

        sql = text.ToString();
        _insertEvents[count] = sql;
        return sql;
    }
}
