using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Common;
using ProSaaS.Domain.Leads;

namespace ProSaaS.Application.Leads.DeleteLeads;

/// <summary>
/// Deletes leads of the business with everything hanging off them (notes and their files, reminders, tasks,
/// appointments, notifications) and erases the personal details in their recorded activity — all of them in one
/// transaction, or none. Ids the business has no lead for (any more) are reported, not treated as an error, so a
/// repeated request is harmless.
/// </summary>
public sealed record DeleteLeads(IReadOnlyList<Guid> LeadIds, string? Reason = null) : IRequest<DeletedLeads>
{
    public const int MaxLeads = 500;
}

public sealed record DeletedLeads(IReadOnlyList<Guid> Deleted, IReadOnlyList<Guid> NotFound);

public sealed class DeleteLeadsHandler(
    IEventStore eventStore, ILeadQueries queries, IEnumerable<ILeadDeletionFollowUp> followUps, IRequestContext context, TimeProvider clock)
    : IRequestHandler<DeleteLeads, DeletedLeads>
{
    private const int MaxAttempts = 3;

    public async Task<DeletedLeads> Handle(DeleteLeads request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        var requested = request.LeadIds.Distinct().ToList();
        for (var attempt = 1; ; attempt++)
        {
            var existing = await queries.ExistingIdsAsync(tenantId, requested, cancellationToken);
            var leads = new List<AggregateRoot>(existing.Count);
            foreach (var id in requested.Where(existing.Contains))
            {
                var lead = await eventStore.AggregateStreamAsync<Lead>(id, cancellationToken: cancellationToken);
                if (lead is { IsDeleted: false })
                {
                    lead.Delete(request.Reason, clock.GetUtcNow());
                    leads.Add(lead);
                }
            }

            try
            {
                await eventStore.SaveManyAsync(leads, cancellationToken);
            }
            catch (ConcurrencyException) when (attempt < MaxAttempts)
            {
                // A lead changed while it was being deleted: start over from its new state.
                continue;
            }

            var deleted = leads.Select(l => l.Id).ToHashSet();
            foreach (var followUp in followUps)
            {
                await followUp.AfterLeadsDeletedAsync(tenantId, deleted, cancellationToken);
            }

            return new DeletedLeads(requested.Where(deleted.Contains).ToList(), requested.Where(id => !deleted.Contains(id)).ToList());
        }
    }
}

/// <summary>
/// Work outside the database that follows a committed lead deletion (removing stored files). It must be safe to
/// repeat and must not fail the request: whatever it cannot finish now, a periodic sweep completes.
/// </summary>
public interface ILeadDeletionFollowUp
{
    Task AfterLeadsDeletedAsync(string tenantId, IReadOnlyCollection<Guid> deletedLeadIds, CancellationToken cancellationToken);
}
