using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Common.PhoneNumbers;

namespace ProSaaS.Application.Tenants.AssignPhoneNumber;

/// <summary>
/// Gives a business a number to answer (system admin only) and returns it in E.164. A number belongs to one business
/// at most: the read model answers the common case with a clear conflict, and the database's key on the number
/// refuses the event itself when two assignments race.
/// </summary>
public sealed record AssignPhoneNumber(Guid TenantId, string PhoneNumber) : IRequest<string>;

public sealed class AssignPhoneNumberHandler(IEventStore eventStore, ITenantQueries queries, IRequestContext context, TimeProvider clock)
    : IRequestHandler<AssignPhoneNumber, string>
{
    public async Task<string> Handle(AssignPhoneNumber request, CancellationToken cancellationToken)
    {
        context.RequireSystemAdmin();
        var (tenant, stream) = await eventStore.LoadTenantAsync(request.TenantId, cancellationToken);
        if (IsraeliPhoneNumber.TryNormalize(request.PhoneNumber, out var e164)
            && await queries.FindByPhoneNumberAsync(e164, cancellationToken) is { } owner
            && owner.TenantId != tenant.Id)
        {
            throw TenantConflicts.NumberTaken(e164);
        }

        var assigned = tenant.AssignPhoneNumber(request.PhoneNumber, clock.GetUtcNow());
        await stream.SaveAsync(tenant, cancellationToken);
        return assigned;
    }
}
