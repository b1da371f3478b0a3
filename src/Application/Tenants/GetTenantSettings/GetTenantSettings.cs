using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;

namespace ProSaaS.Application.Tenants.GetTenantSettings;

/// <summary>The current business's settings and version (any role of the business).</summary>
public sealed record GetTenantSettings : IRequest<TenantSettingsView>;

public sealed class GetTenantSettingsHandler(ITenantQueries queries, IRequestContext context) : IRequestHandler<GetTenantSettings, TenantSettingsView>
{
    public async Task<TenantSettingsView> Handle(GetTenantSettings request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireCurrentTenant();
        return await queries.GetSettingsAsync(tenantId.ToString(), cancellationToken)
               ?? throw new NotFoundException("tenant", tenantId);
    }
}
