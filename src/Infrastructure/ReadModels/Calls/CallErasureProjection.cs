using System.Reflection;
using Dapper;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Calls;
using ProSaaS.Domain.Common;
using ProSaaS.Domain.Leads;
using ProSaaS.Infrastructure.Projections;

namespace ProSaaS.Infrastructure.ReadModels.Calls;

/// <summary>
/// When a lead is deleted, blanks the personal details (the numbers) in every event of its calls, in the deleting
/// transaction — the events recorded before the caller became the lead too, which carry no lead id (an inbound call's
/// <c>call_started</c>). The lead erasure covers the events that name the lead; this covers the rest of their calls.
/// </summary>
public sealed class CallErasureProjection : IProjection
{
    private static readonly string[] CallAliases = typeof(CallStarted).Assembly.GetTypes()
        .Where(t => t.Namespace == typeof(CallStarted).Namespace && typeof(IDomainEvent).IsAssignableFrom(t))
        .Select(t => t.GetCustomAttribute<EventTypeAttribute>()!.Alias)
        .ToArray();

    private const string EraseCallsOfLeads = """
        update mt_events e set data = prosaas_erase_personal_data(e.data)
        from (select distinct c.tenant_id, c.stream_id
              from unnest(@TenantIds, @LeadIds) as x(t, l)
              join mt_events c on c.tenant_id = x.t and c.data ? 'leadId' and c.data ->> 'leadId' = x.l
              where c.type = any(@CallAliases)) as s
        where e.tenant_id = s.tenant_id and e.stream_id = s.stream_id and not (e.data ? 'erased')
        """;

    public string Name => "call_erasure";

    public ProjectionLifecycle Lifecycle => ProjectionLifecycle.Inline;

    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(LeadDeleted)];

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var deleted = events.Where(e => e.Data is LeadDeleted).Select(e => (e.TenantId, ((LeadDeleted)e.Data).LeadId)).Distinct().ToList();
        if (deleted.Count == 0)
        {
            return;
        }

        await context.Connection.ExecuteAsync(new CommandDefinition(EraseCallsOfLeads, new
        {
            TenantIds = deleted.Select(d => d.TenantId).ToArray(),
            LeadIds = deleted.Select(d => d.LeadId.ToString()).ToArray(),
            CallAliases,
        }, context.Transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Erasure is not undone by a rebuild: there is nothing to reset.</summary>
    public Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}
