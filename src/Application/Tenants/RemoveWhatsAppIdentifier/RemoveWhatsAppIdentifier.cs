using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.EventStore;

namespace ProSaaS.Application.Tenants.RemoveWhatsAppIdentifier;

/// <summary>Stops routing a WhatsApp line to a business (system admin only). Returns the tenant's version.</summary>
public sealed record RemoveWhatsAppIdentifier(Guid TenantId, string Identifier) : IRequest<long>;

public sealed class RemoveWhatsAppIdentifierHandler(IEventStore eventStore, IRequestContext context, TimeProvider clock)
    : IRequestHandler<RemoveWhatsAppIdentifier, long>
{
    public async Task<long> Handle(RemoveWhatsAppIdentifier request, CancellationToken cancellationToken)
    {
        context.RequireSystemAdmin();
        var (tenant, stream) = await eventStore.LoadTenantAsync(request.TenantId, cancellationToken);
        tenant.RemoveWhatsAppIdentifier(request.Identifier, clock.GetUtcNow());
        await stream.SaveAsync(tenant, cancellationToken);
        return tenant.Version;
    }
}
