using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Tenants;
using ProSaaS.Infrastructure.Projections;
using ProSaaS.Infrastructure.ReadModels.Tenants;

// In the root namespace so that AddInfrastructure sees the extension without an import.
namespace ProSaaS.Infrastructure;

public static class TenantReadModelsRegistration
{
    /// <summary>
    /// The inline tenants projection (profile, numbers, WhatsApp lines), its queries, and the tenant status check that
    /// turns away the users and keys of a suspended or unknown business (replacing the everyone-active default).
    /// </summary>
    public static IServiceCollection AddTenantReadModels(this IServiceCollection services)
    {
        services.AddSingleton<IProjection, TenantProjection>();
        services.AddScoped<ITenantQueries, TenantQueries>();
        services.AddSingleton<ITenantAccessCheck, TenantAccessCheck>();
        return services;
    }
}
