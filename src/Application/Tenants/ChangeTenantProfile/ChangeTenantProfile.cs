using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Tenants.ChangeTenantProfile;

/// <summary>
/// Renames the current business, moves it to another time zone and/or sets its street address (owner and above). An
/// omitted time zone or address stays as it is; an empty address removes it. With <see cref="ExpectedVersion"/> the change
/// applies only to the version the caller read. Returns the tenant's version.
/// </summary>
public sealed record ChangeTenantProfile(string Name, string? TimeZone = null, long? ExpectedVersion = null, string? Address = null) : IRequest<long>;

public sealed class ChangeTenantProfileHandler(IEventStore eventStore, IRequestContext context, TimeProvider clock)
    : IRequestHandler<ChangeTenantProfile, long>
{
    public async Task<long> Handle(ChangeTenantProfile request, CancellationToken cancellationToken)
    {
        context.RequireAtLeast(Role.Owner);
        var (tenant, stream) = await eventStore.LoadTenantAsync(context.RequireCurrentTenant(), cancellationToken);
        if (request.ExpectedVersion is { } expected && expected != tenant.Version)
        {
            throw new ConcurrencyException(tenant.Id, expected, tenant.Version);
        }

        tenant.ChangeProfile(request.Name, request.TimeZone ?? tenant.TimeZone, request.Address ?? tenant.Address, clock.GetUtcNow());
        await stream.SaveAsync(tenant, cancellationToken);
        return tenant.Version;
    }
}
