using Dapper;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Leads;
using ProSaaS.Infrastructure.Projections;

namespace ProSaaS.Infrastructure.ReadModels.Leads;

/// <summary>Counts leads per status per tenant for the funnel; follows the events asynchronously.</summary>
public sealed class LeadStatusCountsProjection : IProjection
{
    private const string Increment = """
        insert into lead_status_counts (tenant_id, status, lead_count) values (@TenantId, @Status, @Delta)
        on conflict (tenant_id, status) do update set lead_count = lead_status_counts.lead_count + excluded.lead_count
        """;

    public string Name => "lead_status_counts";

    public ProjectionLifecycle Lifecycle => ProjectionLifecycle.Async;

    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(LeadCaptured), typeof(LeadStatusChanged)];

    public async Task ApplyAsync(ProjectionContext context, StoredEvent @event, CancellationToken cancellationToken)
    {
        switch (@event.Data)
        {
            case LeadCaptured e:
                await Add(context, @event.TenantId, e.Status, 1, cancellationToken);
                break;
            case LeadStatusChanged e:
                await Add(context, @event.TenantId, e.FromStatus, -1, cancellationToken);
                await Add(context, @event.TenantId, e.ToStatus, 1, cancellationToken);
                break;
        }
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken) =>
        context.Connection.ExecuteAsync(new CommandDefinition("delete from lead_status_counts", transaction: context.Transaction, cancellationToken: cancellationToken));

    private static Task Add(ProjectionContext context, string tenantId, string status, int delta, CancellationToken cancellationToken) =>
        context.Connection.ExecuteAsync(new CommandDefinition(
            Increment, new { TenantId = tenantId, Status = status, Delta = (long)delta }, context.Transaction, cancellationToken: cancellationToken));
}
