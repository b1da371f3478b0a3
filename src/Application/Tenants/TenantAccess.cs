using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Tenants;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Tenants;

/// <summary>Who may act on a business, and how its stream is reached.</summary>
internal static class TenantAccess
{
    /// <summary>Platform work (creating, suspending, provisioning numbers) is the system admin's alone.</summary>
    public static void RequireSystemAdmin(this IRequestContext context)
    {
        if (context.RequireRole() != Role.SystemAdmin)
        {
            throw new ForbiddenException("פעולה זו שמורה למנהל המערכת.");
        }
    }

    public static void RequireAtLeast(this IRequestContext context, Role minimum)
    {
        if (!context.RequireRole().IsAtLeast(minimum))
        {
            throw new ForbiddenException("אין לך הרשאה לבצע פעולה זו.");
        }
    }

    /// <summary>
    /// The business the request acts in (a system admin's selected one), signed in with any role. A tenant id that
    /// names no business is simply not found.
    /// </summary>
    public static Guid RequireCurrentTenant(this IRequestContext context)
    {
        context.RequireRole();
        var tenantId = context.RequireTenant();
        return Guid.TryParse(tenantId, out var id) && id != Guid.Empty ? id : throw new NotFoundException("tenant", tenantId);
    }

    /// <summary>Loads a business from its own stream, kept under its own tenant id.</summary>
    public static async Task<(Tenant Tenant, IEventStore Stream)> LoadTenantAsync(this IEventStore eventStore, Guid tenantId, CancellationToken cancellationToken)
    {
        var store = eventStore.ForTenant(tenantId.ToString());
        var tenant = await store.AggregateStreamAsync<Tenant>(tenantId, cancellationToken: cancellationToken)
                     ?? throw new NotFoundException("tenant", tenantId);
        return (tenant, store);
    }
}
