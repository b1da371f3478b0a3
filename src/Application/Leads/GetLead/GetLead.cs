using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;

namespace ProSaaS.Application.Leads.GetLead;

/// <summary>The current state of one lead of the current tenant, from the read model.</summary>
public sealed record GetLead(Guid LeadId) : IRequest<LeadView>;

public sealed class GetLeadHandler(ILeadQueries queries, IRequestContext context) : IRequestHandler<GetLead, LeadView>
{
    public async Task<LeadView> Handle(GetLead request, CancellationToken cancellationToken) =>
        await queries.GetAsync(context.RequireTenant(), request.LeadId, cancellationToken)
        ?? throw new NotFoundException("lead", request.LeadId);
}
