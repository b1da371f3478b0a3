using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Tenants.ChangeTenantLimits;

/// <summary>Sets how many calls a business may hold at once, and how many of them outbound (system admin only). Returns the tenant's version.</summary>
public sealed record ChangeTenantLimits(Guid TenantId, int MaxConcurrentCalls, int MaxOutboundCalls) : IRequest<long>;

public sealed class ChangeTenantLimitsHandler(IEventStore eventStore, IRequestContext context, TimeProvider clock) : IRequestHandler<ChangeTenantLimits, long>
{
    public async Task<long> Handle(ChangeTenantLimits request, CancellationToken cancellationToken)
    {
        context.RequireSystemAdmin();
        var (tenant, stream) = await eventStore.LoadTenantAsync(request.TenantId, cancellationToken);
        tenant.ChangeLimits(new TenantLimits(request.MaxConcurrentCalls, request.MaxOutboundCalls), clock.GetUtcNow());
        await stream.SaveAsync(tenant, cancellationToken);
        return tenant.Version;
    }
}
