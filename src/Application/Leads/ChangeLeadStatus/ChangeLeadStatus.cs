using MediatR;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Tenants;
using ProSaaS.Domain.Leads;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Leads.ChangeLeadStatus;

/// <summary>
/// Moves a lead to another status. With <see cref="ExpectedVersion"/> the change applies only if nobody changed
/// the lead since the caller read it (otherwise a concurrency error); returns the lead's version afterwards.
/// </summary>
public sealed record ChangeLeadStatus(Guid LeadId, string Status, string? Reason = null, long? ExpectedVersion = null) : IRequest<long>;

public sealed class ChangeLeadStatusHandler(IEventStore eventStore, ITenantQueries tenants, IRequestContext context, TimeProvider clock)
    : IRequestHandler<ChangeLeadStatus, long>
{
    public const string UnknownStatusCode = "lead.status_unknown";

    public async Task<long> Handle(ChangeLeadStatus request, CancellationToken cancellationToken)
    {
        // Only the business's own statuses (settings → lead statuses); a business without settings has the defaults.
        var settings = await tenants.GetSettingsAsync(context.RequireTenant(), cancellationToken);
        var statuses = (settings?.Settings ?? TenantSettings.Default).LeadStatuses;
        if (statuses.All(s => s.Key != request.Status.Trim()))
        {
            throw new BusinessRuleException(UnknownStatusCode,
                $"הסטטוס '{request.Status.Trim()}' אינו מוגדר אצל העסק. סטטוסים אפשריים: {string.Join(", ", statuses.Select(s => s.Key))}.");
        }

        var lead = await LeadFields.LoadAsync(eventStore, request.LeadId, cancellationToken);
        if (request.ExpectedVersion is { } expected && expected != lead.Version)
        {
            throw new ConcurrencyException(request.LeadId, expected, lead.Version);
        }

        lead.ChangeStatus(request.Status, request.Reason, clock.GetUtcNow());
        await eventStore.SaveAsync(lead, cancellationToken);
        return lead.Version;
    }
}
