using System.Text.Json;
using Dapper;
using Npgsql;
using ProSaaS.Application.Calls;
using ProSaaS.Domain.Calls;
using ProSaaS.Infrastructure.EventStore;

namespace ProSaaS.Infrastructure.ReadModels.Calls;

public sealed class CallMediaQueries(NpgsqlDataSource dataSource) : ICallMediaQueries
{
    public async Task<CallMediaRecord> GetAsync(string tenantId, Guid callId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        await using var results = await scope.Connection.QueryMultipleAsync(new CommandDefinition("""
            select speaker, text, offset_ms, interrupted, at from call_transcript_turns
            where tenant_id = @tenantId and call_id = @callId
            order by offset_ms, sequence;
            select collected_fields::text as collected_fields, media_end_reason, media_ended_at, media_metrics::text as media_metrics
            from calls where tenant_id = @tenantId and id = @callId;
            """, new { tenantId, callId }, scope.Transaction, cancellationToken: cancellationToken));
        var turns = (await results.ReadAsync<TurnRow>()).Select(t => t.ToView()).ToList();
        var call = await results.ReadSingleOrDefaultAsync<MediaRow>();
        if (call is null)
        {
            return CallMediaRecord.Empty;
        }

        var fields = JsonSerializer.Deserialize<Dictionary<string, string>>(call.Collected_Fields) ?? [];
        var end = call is { Media_End_Reason: { } reason, Media_Ended_At: { } endedAt, Media_Metrics: { } metrics }
            ? new CallMediaEnd(
                ParseEndReason(reason),
                new DateTimeOffset(DateTime.SpecifyKind(endedAt, DateTimeKind.Utc)),
                JsonSerializer.Deserialize<CallMediaMetrics>(metrics, EventTypeRegistry.SerializerOptions)!)
            : null;
        return new CallMediaRecord(turns, fields, end);
    }

    private static CallEndReason ParseEndReason(string text)
    {
        foreach (var reason in Enum.GetValues<CallEndReason>())
        {
            if (CallText.WireName(reason) == text)
            {
                return reason;
            }
        }

        throw new InvalidOperationException($"Unknown end reason '{text}' in the calls read model.");
    }

    private sealed record TurnRow(string Speaker, string Text, long Offset_Ms, bool Interrupted, DateTime At)
    {
        public CallTranscriptTurnView ToView() => new(
            Speaker == "assistant" ? CallSpeaker.Assistant : CallSpeaker.Caller,
            Text,
            Offset_Ms,
            Interrupted,
            new DateTimeOffset(DateTime.SpecifyKind(At, DateTimeKind.Utc)));
    }

    private sealed record MediaRow(string Collected_Fields, string? Media_End_Reason, DateTime? Media_Ended_At, string? Media_Metrics);
}
