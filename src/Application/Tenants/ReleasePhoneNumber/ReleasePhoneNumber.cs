using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.EventStore;

namespace ProSaaS.Application.Tenants.ReleasePhoneNumber;

/// <summary>Takes a number away from a business (system admin only); it is free for any business afterwards. Returns the tenant's version.</summary>
public sealed record ReleasePhoneNumber(Guid TenantId, string PhoneNumber) : IRequest<long>;

public sealed class ReleasePhoneNumberHandler(IEventStore eventStore, IRequestContext context, TimeProvider clock) : IRequestHandler<ReleasePhoneNumber, long>
{
    public async Task<long> Handle(ReleasePhoneNumber request, CancellationToken cancellationToken)
    {
        context.RequireSystemAdmin();
        var (tenant, stream) = await eventStore.LoadTenantAsync(request.TenantId, cancellationToken);
        tenant.ReleasePhoneNumber(request.PhoneNumber, clock.GetUtcNow());
        await stream.SaveAsync(tenant, cancellationToken);
        return tenant.Version;
    }
}
