using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Users;

namespace ProSaaS.Application.Leads.AssignLead;

/// <summary>Gives a lead to an active user of the business to handle, or to nobody (null). Returns the lead's version.</summary>
public sealed record AssignLead(Guid LeadId, Guid? AssigneeUserId) : IRequest<long>;

public sealed class AssignLeadHandler(IEventStore eventStore, IUserQueries users, IRequestContext context, TimeProvider clock)
    : IRequestHandler<AssignLead, long>
{
    public const string AssigneeUnknownCode = "lead.assignee_unknown";

    public async Task<long> Handle(AssignLead request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        if (request.AssigneeUserId is { } userId && userId != Guid.Empty)
        {
            var user = await users.GetAsync(tenantId, userId, cancellationToken);
            if (user is null || user.IsDisabled)
            {
                throw new BusinessRuleException(AssigneeUnknownCode, "אפשר להקצות ליד רק למשתמש פעיל של העסק.");
            }
        }

        var lead = await LeadFields.LoadAsync(eventStore, request.LeadId, cancellationToken);
        lead.Assign(request.AssigneeUserId, clock.GetUtcNow());
        await eventStore.SaveAsync(lead, cancellationToken);
        return lead.Version;
    }
}
