using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Tenants.CreateTenant;

/// <summary>
/// Opens a new business on the platform (system admin only) and returns its id, which is also the tenant id of
/// everything it will own. Omitted limits and settings take the platform defaults.
/// </summary>
public sealed record CreateTenant(
    string Name,
    string Slug,
    string? TimeZone = null,
    int? MaxConcurrentCalls = null,
    int? MaxOutboundCalls = null,
    TenantSettings? Settings = null) : IRequest<Guid>;

public sealed class CreateTenantHandler(IEventStore eventStore, ITenantQueries queries, IRequestContext context, TimeProvider clock)
    : IRequestHandler<CreateTenant, Guid>
{
    public async Task<Guid> Handle(CreateTenant request, CancellationToken cancellationToken)
    {
        context.RequireSystemAdmin();
        var slug = TenantSlug.Normalize(request.Slug) ?? string.Empty;
        if (await queries.SlugExistsAsync(slug, cancellationToken))
        {
            throw TenantConflicts.SlugTaken(slug);
        }

        var limits = new TenantLimits(
            request.MaxConcurrentCalls ?? TenantLimits.DefaultMaxConcurrentCalls,
            request.MaxOutboundCalls ?? TenantLimits.DefaultMaxOutboundCalls);
        var id = Guid.CreateVersion7();
        var tenant = Tenant.Create(id, request.Name, slug, request.TimeZone, limits, request.Settings, clock.GetUtcNow());
        await eventStore.ForTenant(tenant.TenantKey).SaveAsync(tenant, cancellationToken);
        return id;
    }
}
