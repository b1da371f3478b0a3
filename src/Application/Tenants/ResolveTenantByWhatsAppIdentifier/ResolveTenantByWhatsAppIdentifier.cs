using MediatR;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Tenants.ResolveTenantByWhatsAppIdentifier;

/// <summary>
/// Which business an incoming WhatsApp message is for, from the line it was sent to (a business number in any
/// provider's notation, or a provider's phone-number id). Null when unknown or unreadable; nothing is recorded.
/// </summary>
public sealed record ResolveTenantByWhatsAppIdentifier(string? Identifier) : IRequest<ResolvedTenant?>;

public sealed class ResolveTenantByWhatsAppIdentifierHandler(ITenantQueries queries)
    : IRequestHandler<ResolveTenantByWhatsAppIdentifier, ResolvedTenant?>
{
    public async Task<ResolvedTenant?> Handle(ResolveTenantByWhatsAppIdentifier request, CancellationToken cancellationToken) =>
        WhatsAppIdentifier.TryNormalize(request.Identifier, out var identifier)
            ? await queries.FindByWhatsAppIdentifierAsync(identifier, cancellationToken)
            : null;
}
