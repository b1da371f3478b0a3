using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.EventStore;

namespace ProSaaS.Application.Tenants.ReactivateTenant;

/// <summary>Restores a suspended business's service (system admin only). Returns the tenant's version.</summary>
public sealed record ReactivateTenant(Guid TenantId) : IRequest<long>;

public sealed class ReactivateTenantHandler(IEventStore eventStore, IRequestContext context, TimeProvider clock) : IRequestHandler<ReactivateTenant, long>
{
    public async Task<long> Handle(ReactivateTenant request, CancellationToken cancellationToken)
    {
        context.RequireSystemAdmin();
        var (tenant, stream) = await eventStore.LoadTenantAsync(request.TenantId, cancellationToken);
        tenant.Reactivate(clock.GetUtcNow());
        await stream.SaveAsync(tenant, cancellationToken);
        return tenant.Version;
    }
}
