using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.EventStore;

namespace ProSaaS.Application.Tenants.SuspendTenant;

/// <summary>Stops a business's service (system admin only): its numbers still resolve, as suspended. Returns the tenant's version.</summary>
public sealed record SuspendTenant(Guid TenantId, string Reason) : IRequest<long>;

public sealed class SuspendTenantHandler(IEventStore eventStore, IRequestContext context, TimeProvider clock) : IRequestHandler<SuspendTenant, long>
{
    public async Task<long> Handle(SuspendTenant request, CancellationToken cancellationToken)
    {
        context.RequireSystemAdmin();
        var (tenant, stream) = await eventStore.LoadTenantAsync(request.TenantId, cancellationToken);
        tenant.Suspend(request.Reason, clock.GetUtcNow());
        await stream.SaveAsync(tenant, cancellationToken);
        return tenant.Version;
    }
}
