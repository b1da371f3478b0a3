using Dapper;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Leads;
using ProSaaS.Infrastructure.Projections;

namespace ProSaaS.Infrastructure.ReadModels.Leads;

/// <summary>Counts leads per status per tenant for the funnel; follows the events asynchronously, one statement per batch.</summary>
public sealed class LeadStatusCountsProjection : IProjection
{
    private const string Add = """
        insert into lead_status_counts (tenant_id, status, lead_count)
        select t, s, d from unnest(@TenantIds, @Statuses, @Deltas) as x(t, s, d)
        on conflict (tenant_id, status) do update set lead_count = lead_status_counts.lead_count + excluded.lead_count
        """;

    public string Name => "lead_status_counts";

    public ProjectionLifecycle Lifecycle => ProjectionLifecycle.Async;

    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(LeadCaptured), typeof(LeadStatusChanged), typeof(LeadDeleted)];

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var deltas = new Dictionary<(string Tenant, string Status), long>();
        foreach (var @event in events)
        {
            switch (@event.Data)
            {
                case LeadCaptured e:
                    Count(deltas, @event.TenantId, e.Status, 1);
                    break;
                case LeadDeleted e:
                    Count(deltas, @event.TenantId, e.Status, -1);
                    break;
                case LeadStatusChanged e:
                    Count(deltas, @event.TenantId, e.FromStatus, -1);
                    Count(deltas, @event.TenantId, e.ToStatus, 1);
                    break;
            }
        }

        var changes = deltas.Where(d => d.Value != 0).ToList();
        if (changes.Count == 0)
        {
            return;
        }

        await context.Connection.ExecuteAsync(new CommandDefinition(Add, new
        {
            TenantIds = changes.Select(c => c.Key.Tenant).ToArray(),
            Statuses = changes.Select(c => c.Key.Status).ToArray(),
            Deltas = changes.Select(c => c.Value).ToArray(),
        }, context.Transaction, cancellationToken: cancellationToken));
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken) =>
        context.Connection.ExecuteAsync(new CommandDefinition("delete from lead_status_counts", transaction: context.Transaction, cancellationToken: cancellationToken));

    private static void Count(Dictionary<(string, string), long> deltas, string tenant, string status, long delta) =>
        deltas[(tenant, status)] = deltas.GetValueOrDefault((tenant, status)) + delta;
}
