using Dapper;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Leads;
using ProSaaS.Infrastructure.Projections;

namespace ProSaaS.Infrastructure.ReadModels.Leads;

/// <summary>
/// When a lead is deleted, blanks the personal details (names, phones, e-mails, free text, collected fields) in every
/// recorded event of the lead and about it, in the deleting transaction. The events themselves stay, so the history
/// of what happened — and every projection's sequence — is intact.
/// </summary>
public sealed class LeadErasureProjection : IProjection
{
    private const string EraseOwnStreams = """
        update mt_events e set data = prosaas_erase_personal_data(e.data)
        from unnest(@TenantIds, @Ids) as x(t, i)
        where e.tenant_id = x.t and e.stream_id = x.i and e.type <> 'lead_deleted' and not (e.data ? 'erased')
        """;

    private const string EraseEventsAbout = """
        update mt_events e set data = prosaas_erase_personal_data(e.data)
        from unnest(@TenantIds, @IdTexts) as x(t, i)
        where e.tenant_id = x.t and e.data ? 'leadId' and e.data ->> 'leadId' = x.i and not (e.data ? 'erased')
          and e.type <> 'lead_deleted'
        """;

    public string Name => "lead_erasure";

    public ProjectionLifecycle Lifecycle => ProjectionLifecycle.Inline;

    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(LeadDeleted)];

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var deleted = events.Where(e => e.Data is LeadDeleted).Select(e => (e.TenantId, ((LeadDeleted)e.Data).LeadId)).Distinct().ToList();
        if (deleted.Count == 0)
        {
            return;
        }

        var tenantIds = deleted.Select(d => d.TenantId).ToArray();
        var ids = deleted.Select(d => d.LeadId).ToArray();
        await context.Connection.ExecuteAsync(new CommandDefinition(
            EraseOwnStreams, new { TenantIds = tenantIds, Ids = ids }, context.Transaction, cancellationToken: cancellationToken));
        await context.Connection.ExecuteAsync(new CommandDefinition(
            EraseEventsAbout, new { TenantIds = tenantIds, IdTexts = ids.Select(i => i.ToString()).ToArray() }, context.Transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Erasure is not undone by a rebuild: there is nothing to reset.</summary>
    public Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}
