using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;

namespace ProSaaS.Application.Tenants.GetTenantProfile;

/// <summary>The current business's profile: name, slug, time zone, status, limits and numbers (any role of the business).</summary>
public sealed record GetTenantProfile : IRequest<TenantProfile>;

public sealed class GetTenantProfileHandler(ITenantQueries queries, IRequestContext context) : IRequestHandler<GetTenantProfile, TenantProfile>
{
    public async Task<TenantProfile> Handle(GetTenantProfile request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireCurrentTenant();
        return await queries.GetProfileAsync(tenantId.ToString(), cancellationToken)
               ?? throw new NotFoundException("tenant", tenantId);
    }
}
