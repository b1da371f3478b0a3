using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Tenants.AddWhatsAppIdentifier;

/// <summary>
/// Routes a WhatsApp line (business number or provider phone-number id) to a business (system admin only); returns the
/// identifier as stored. Like phone numbers, an identifier belongs to one business at most.
/// </summary>
public sealed record AddWhatsAppIdentifier(Guid TenantId, string Identifier) : IRequest<string>;

public sealed class AddWhatsAppIdentifierHandler(IEventStore eventStore, ITenantQueries queries, IRequestContext context, TimeProvider clock)
    : IRequestHandler<AddWhatsAppIdentifier, string>
{
    public async Task<string> Handle(AddWhatsAppIdentifier request, CancellationToken cancellationToken)
    {
        context.RequireSystemAdmin();
        var (tenant, stream) = await eventStore.LoadTenantAsync(request.TenantId, cancellationToken);
        if (WhatsAppIdentifier.TryNormalize(request.Identifier, out var identifier)
            && await queries.FindByWhatsAppIdentifierAsync(identifier, cancellationToken) is { } owner
            && owner.TenantId != tenant.Id)
        {
            throw TenantConflicts.WhatsAppTaken(identifier);
        }

        var added = tenant.AddWhatsAppIdentifier(request.Identifier, clock.GetUtcNow());
        await stream.SaveAsync(tenant, cancellationToken);
        return added;
    }
}
