using MediatR;
using ProSaaS.Domain.Common.PhoneNumbers;

namespace ProSaaS.Application.Tenants.ResolveTenantByNumber;

/// <summary>
/// Which business answers a dialled number, for an inbound call. Null for a number that is unknown or is not a
/// phone number at all: the caller is then refused, and nothing is recorded. A suspended business is returned with
/// its status, for the caller to refuse. Outbound calls carry their tenant and never come here.
/// </summary>
public sealed record ResolveTenantByNumber(string? DialledNumber) : IRequest<ResolvedTenant?>;

public sealed class ResolveTenantByNumberHandler(ITenantQueries queries) : IRequestHandler<ResolveTenantByNumber, ResolvedTenant?>
{
    public async Task<ResolvedTenant?> Handle(ResolveTenantByNumber request, CancellationToken cancellationToken) =>
        IsraeliPhoneNumber.TryNormalize(request.DialledNumber, out var e164)
            ? await queries.FindByPhoneNumberAsync(e164, cancellationToken)
            : null;
}
