using Dapper;
using ProSaaS.Application.Calls;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Calls;
using ProSaaS.Infrastructure.Projections;

namespace ProSaaS.Infrastructure.ReadModels.Calls;

/// <summary>
/// Writes the outcome of each media host command that recorded events into <c>call_commands</c>, in the append's
/// transaction. A command id that has an outcome already (a concurrent delivery of the same command committed first) fails
/// the append with <see cref="CallCommandSeenException"/>: nothing of it is kept, and the first outcome is answered.
/// </summary>
public sealed class CallCommandProjection : IProjection
{
    private const string InsertOutcomes = """
        insert into call_commands (tenant_id, command_id, call_id, kind, status, call_version, recorded_at)
        select x.t, x.k, x.c, x.kind, 'applied', x.v, x.at
        from unnest(@TenantIds, @CommandIds, @CallIds, @Kinds, @Versions, @RecordedAt) as x(t, k, c, kind, v, at)
        on conflict (tenant_id, command_id) do nothing
        returning tenant_id, command_id
        """;

    public string Name => "call_commands";

    public ProjectionLifecycle Lifecycle => ProjectionLifecycle.Inline;

    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(CallTranscriptTurn), typeof(CallFieldsCollected), typeof(CallMediaEnded)];

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        // One outcome per command: the version of its last event (a call's end comes before the media host's account of it).
        var outcomes = new Dictionary<(string Tenant, Guid CommandId), (Guid CallId, string Kind, long Version, DateTimeOffset At)>();
        foreach (var @event in events)
        {
            (Guid CommandId, Guid CallId, string Kind)? command = @event.Data switch
            {
                CallTranscriptTurn e => (e.CommandId, e.CallId, CallCommandKinds.TranscriptTurn),
                CallFieldsCollected e => (e.CommandId, e.CallId, CallCommandKinds.FieldsCollected),
                CallMediaEnded e => (e.CommandId, e.CallId, CallCommandKinds.CallEnded),
                _ => null,
            };
            if (command is { } c)
            {
                outcomes[(@event.TenantId, c.CommandId)] = (c.CallId, c.Kind, @event.Version, @event.Timestamp);
            }
        }

        if (outcomes.Count == 0)
        {
            return;
        }

        var keys = outcomes.Keys.ToList();
        var written = (await context.Connection.QueryAsync<(string Tenant, Guid CommandId)>(new CommandDefinition(InsertOutcomes, new
        {
            TenantIds = keys.Select(k => k.Tenant).ToArray(),
            CommandIds = keys.Select(k => k.CommandId).ToArray(),
            CallIds = keys.Select(k => outcomes[k].CallId).ToArray(),
            Kinds = keys.Select(k => outcomes[k].Kind).ToArray(),
            Versions = keys.Select(k => outcomes[k].Version).ToArray(),
            RecordedAt = keys.Select(k => outcomes[k].At.ToUniversalTime()).ToArray(),
        }, context.Transaction, cancellationToken: cancellationToken))).ToHashSet();

        var seen = keys.Where(k => !written.Contains(k)).Select(k => k.CommandId).ToList();
        if (seen.Count > 0)
        {
            throw new CallCommandSeenException(seen[0]);
        }
    }

    /// <summary>The outcomes of commands that recorded nothing are not in any event: a rebuild keeps them.</summary>
    public Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken) =>
        context.Connection.ExecuteAsync(new CommandDefinition(
            "delete from call_commands where status = 'applied'", transaction: context.Transaction, cancellationToken: cancellationToken));
}
