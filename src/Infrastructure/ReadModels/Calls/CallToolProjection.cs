using Dapper;
using ProSaaS.Application.Calls.Tools;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Calls;
using ProSaaS.Infrastructure.Projections;

namespace ProSaaS.Infrastructure.ReadModels.Calls;

/// <summary>
/// Writes the answer of each tool call that changed something into <c>call_tool_calls</c>, in the append's transaction. A
/// tool call answered already (a concurrent delivery of the same call committed first) fails the append with
/// <see cref="CallToolSeenException"/>: nothing of it is kept, and the first answer is answered. A tool call of a call whose
/// row is gone is refused with 404 when the call's lead was deleted before it, and left out when a later
/// <c>lead_deleted</c> explains it (a rebuild).
/// </summary>
public sealed class CallToolProjection : IProjection
{
    private const string InsertAnswers = """
        insert into call_tool_calls (tenant_id, call_id, tool_call_id, tool, ok, answer, applied, recorded_at)
        select x.t, x.c, x.k, x.tool, true, coalesce(x.a, '{"ok":true,"erased":true}')::jsonb, true, x.at
        from unnest(@TenantIds, @CallIds, @ToolCallIds, @Tools, @Answers, @RecordedAt) as x(t, c, k, tool, a, at)
        where exists (select 1 from calls c where c.tenant_id = x.t and c.id = x.c)
        on conflict (tenant_id, call_id, tool_call_id) do nothing
        returning tenant_id, call_id, tool_call_id
        """;

    private const string Existing = """
        select t.tenant_id, t.call_id, t.tool_call_id from call_tool_calls t
        join unnest(@TenantIds, @CallIds, @ToolCallIds) as x(t, c, k) on t.tenant_id = x.t and t.call_id = x.c and t.tool_call_id = x.k
        """;

    public string Name => "call_tool_calls";

    /// <summary>Its rows hang off the calls' rows (cascade): rebuilding calls rebuilds this too.</summary>
    public IReadOnlyCollection<string> DependsOn { get; } = ["calls"];

    public ProjectionLifecycle Lifecycle => ProjectionLifecycle.Inline;

    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(CallToolApplied)];

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var answers = events
            .Where(e => e.Data is CallToolApplied)
            .Select(e => new Answer(e.TenantId, (CallToolApplied)e.Data, e.Sequence, e.Timestamp))
            .ToList();
        if (answers.Count == 0)
        {
            return;
        }

        var written = (await context.Connection.QueryAsync<(string Tenant, Guid CallId, string ToolCallId)>(new CommandDefinition(InsertAnswers, new
        {
            TenantIds = answers.Select(a => a.TenantId).ToArray(),
            CallIds = answers.Select(a => a.Tool.CallId).ToArray(),
            ToolCallIds = answers.Select(a => a.Tool.ToolCallId).ToArray(),
            Tools = answers.Select(a => a.Tool.Tool).ToArray(),
            Answers = answers.Select(a => a.Tool.Content).ToArray(),
            RecordedAt = answers.Select(a => a.Timestamp.ToUniversalTime()).ToArray(),
        }, context.Transaction, cancellationToken: cancellationToken))).ToHashSet();

        var notWritten = answers.Where(a => !written.Contains((a.TenantId, a.Tool.CallId, a.Tool.ToolCallId))).ToList();
        if (notWritten.Count == 0)
        {
            return;
        }

        var answered = (await context.Connection.QueryAsync<(string Tenant, Guid CallId, string ToolCallId)>(new CommandDefinition(Existing, new
        {
            TenantIds = notWritten.Select(a => a.TenantId).ToArray(),
            CallIds = notWritten.Select(a => a.Tool.CallId).ToArray(),
            ToolCallIds = notWritten.Select(a => a.Tool.ToolCallId).ToArray(),
        }, context.Transaction, cancellationToken: cancellationToken))).ToList();
        if (answered.Count > 0)
        {
            throw new CallToolSeenException(answered[0].CallId, answered[0].ToolCallId);
        }

        // A call without a row: its lead's deletion took it.
        var missing = notWritten.Where(a => a.Tool.LeadId is not null).Select(a => (a.TenantId, a.Tool.LeadId!.Value, a.Sequence)).ToList();
        await Leads.MissingLeads.ThrowIfUnexplainedAsync(context, missing, cancellationToken);
    }

    /// <summary>The answers that changed nothing are not in any event: a rebuild keeps them (unless their calls' rows go).</summary>
    public Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken) =>
        context.Connection.ExecuteAsync(new CommandDefinition(
            "delete from call_tool_calls where applied", transaction: context.Transaction, cancellationToken: cancellationToken));

    private sealed record Answer(string TenantId, CallToolApplied Tool, long Sequence, DateTimeOffset Timestamp);
}
