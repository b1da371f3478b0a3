using System.Text.Json;
using Dapper;
using Npgsql;
using ProSaaS.Application.Calls;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Calls;
using ProSaaS.Infrastructure.EventStore;
using ProSaaS.Infrastructure.Projections;

namespace ProSaaS.Infrastructure.ReadModels.Calls;

/// <summary>
/// Keeps what the media host reported about calls, in the append's transaction: the transcript turns
/// (<c>call_transcript_turns</c>) and, on the call's row, the details collected, the media host's end and figures, and the
/// call's version. Two statements per append. A report about a call whose row is gone is refused with 404 when its lead was
/// deleted before the report (the report would bring back what the deletion removed), and left out when a later
/// <c>lead_deleted</c> explains it (a rebuild).
/// </summary>
public sealed class CallMediaProjection : IProjection
{
    private const string InsertTurns = """
        insert into call_transcript_turns (tenant_id, call_id, sequence, command_id, speaker, text, offset_ms, interrupted, at)
        select x.t, x.c, x.s, x.k, x.sp, x.tx, x.o, x.i, x.at
        from unnest(@TenantIds, @CallIds, @Sequences, @CommandIds, @Speakers, @Texts, @Offsets, @Interrupted, @At)
             as x(t, c, s, k, sp, tx, o, i, at)
        where exists (select 1 from calls c where c.tenant_id = x.t and c.id = x.c)
        """;

    private const string UpdateCalls = """
        update calls c set
            collected_fields = case when x.f is null then c.collected_fields else c.collected_fields || x.f end,
            media_end_reason = coalesce(x.r, c.media_end_reason),
            media_ended_at = coalesce(x.ea, c.media_ended_at),
            media_metrics = coalesce(x.m, c.media_metrics),
            updated_at = greatest(c.updated_at, x.u),
            version = greatest(c.version, x.v)
        from unnest(@TenantIds, @Ids, @Fields::jsonb[], @Reasons, @EndedAt, @Metrics::jsonb[], @UpdatedAt, @Versions)
             as x(t, i, f, r, ea, m, u, v)
        where c.tenant_id = x.t and c.id = x.i
        returning c.tenant_id, c.id
        """;

    public string Name => "call_media";

    /// <summary>Its rows hang off the calls' rows (cascade) and it writes columns of them: rebuilding calls rebuilds this too.</summary>
    public IReadOnlyCollection<string> DependsOn { get; } = ["calls"];

    public ProjectionLifecycle Lifecycle => ProjectionLifecycle.Inline;

    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(CallTranscriptTurn), typeof(CallFieldsCollected), typeof(CallMediaEnded)];

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var calls = new Dictionary<(string Tenant, Guid Id), CallChange>();
        var turns = new List<(StoredEvent Stored, CallTranscriptTurn Turn)>();
        foreach (var @event in events)
        {
            var (callId, leadId) = @event.Data switch
            {
                CallTranscriptTurn e => (e.CallId, e.LeadId),
                CallFieldsCollected e => (e.CallId, e.LeadId),
                CallMediaEnded e => (e.CallId, e.LeadId),
                _ => (Guid.Empty, null),
            };
            if (callId == Guid.Empty)
            {
                continue;
            }

            if (!calls.TryGetValue((@event.TenantId, callId), out var change))
            {
                calls[(@event.TenantId, callId)] = change = new CallChange(@event.TenantId, callId);
            }

            change.LeadId = leadId ?? change.LeadId;
            change.Sequence = @event.Sequence;
            change.UpdatedAt = @event.Timestamp;
            change.Version = @event.Version;
            switch (@event.Data)
            {
                case CallTranscriptTurn e:
                    turns.Add((@event, e));
                    break;
                case CallFieldsCollected e:
                    change.Fields ??= new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var (key, value) in e.Fields ?? new Dictionary<string, string>())
                    {
                        change.Fields[key] = value;
                    }

                    break;
                case CallMediaEnded e:
                    change.MediaEnd = e;
                    break;
            }
        }

        if (calls.Count == 0)
        {
            return;
        }

        if (turns.Count > 0)
        {
            await InsertTurnsAsync(context, turns, cancellationToken);
        }

        var rows = calls.Values.ToList();
        var updated = (await context.Connection.QueryAsync<(string Tenant, Guid Id)>(new CommandDefinition(UpdateCalls, new
        {
            TenantIds = rows.Select(r => r.Tenant).ToArray(),
            Ids = rows.Select(r => r.Id).ToArray(),
            Fields = rows.Select(r => r.Fields is null ? null : JsonSerializer.Serialize(r.Fields)).ToArray(),
            Reasons = rows.Select(r => r.MediaEnd is { } end ? CallText.WireName(end.EndReason) : null).ToArray(),
            EndedAt = rows.Select(r => r.MediaEnd?.EndedAt.ToUniversalTime()).ToArray(),
            Metrics = rows.Select(r => r.MediaEnd is { } end ? JsonSerializer.Serialize(end.Metrics, EventTypeRegistry.SerializerOptions) : null).ToArray(),
            UpdatedAt = rows.Select(r => r.UpdatedAt.ToUniversalTime()).ToArray(),
            Versions = rows.Select(r => r.Version).ToArray(),
        }, context.Transaction, cancellationToken: cancellationToken))).ToHashSet();

        // A call without a row: its lead's deletion took it. A report recorded before the call had a lead has none to check.
        var missing = rows.Where(r => !updated.Contains((r.Tenant, r.Id)) && r.LeadId is not null)
            .Select(r => (r.Tenant, r.LeadId!.Value, r.Sequence))
            .ToList();
        await Leads.MissingLeads.ThrowIfUnexplainedAsync(context, missing, cancellationToken);
    }

    public async Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken)
    {
        await context.Connection.ExecuteAsync(new CommandDefinition("""
            delete from call_transcript_turns;
            update calls set collected_fields = '{}'::jsonb, media_end_reason = null, media_ended_at = null, media_metrics = null
            where collected_fields <> '{}'::jsonb or media_end_reason is not null;
            """, transaction: context.Transaction, cancellationToken: cancellationToken));
    }

    private static async Task InsertTurnsAsync(
        ProjectionContext context, List<(StoredEvent Stored, CallTranscriptTurn Turn)> turns, CancellationToken cancellationToken)
    {
        try
        {
            await context.Connection.ExecuteAsync(new CommandDefinition(InsertTurns, new
            {
                TenantIds = turns.Select(t => t.Stored.TenantId).ToArray(),
                CallIds = turns.Select(t => t.Turn.CallId).ToArray(),
                Sequences = turns.Select(t => t.Stored.Sequence).ToArray(),
                CommandIds = turns.Select(t => t.Turn.CommandId).ToArray(),
                Speakers = turns.Select(t => CallText.WireName(t.Turn.Speaker)).ToArray(),
                // An erased turn (its lead deleted) replays without its text; its call's row is gone then too.
                Texts = turns.Select(t => t.Turn.Text ?? string.Empty).ToArray(),
                Offsets = turns.Select(t => t.Turn.OffsetMs).ToArray(),
                Interrupted = turns.Select(t => t.Turn.Interrupted).ToArray(),
                At = turns.Select(t => t.Turn.At.ToUniversalTime()).ToArray(),
            }, context.Transaction, cancellationToken: cancellationToken));
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            // The call's row went with its lead, deleted by a transaction that committed while this one waited.
            throw new NotFoundException("call", turns[0].Turn.CallId);
        }
    }

    /// <summary>What one batch changes on one call's row.</summary>
    private sealed class CallChange(string tenant, Guid id)
    {
        public string Tenant { get; } = tenant;
        public Guid Id { get; } = id;
        public Guid? LeadId { get; set; }
        public long Sequence { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        public long Version { get; set; }
        public Dictionary<string, string>? Fields { get; set; }
        public CallMediaEnded? MediaEnd { get; set; }
    }
}
