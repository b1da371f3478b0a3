using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProSaaS.Application.ApiKeys;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Users;
using ProSaaS.Infrastructure.Projections;
using ProSaaS.Infrastructure.ReadModels.Users;
using ProSaaS.Infrastructure.Security;

// In the root namespace so that AddInfrastructure sees the extension without an import.
namespace ProSaaS.Infrastructure;

public static class UserReadModelsRegistration
{
    /// <summary>
    /// The users and API-keys read models (inline projections and queries), password hashing and key generation.
    /// The tenant status check is a replaceable default: a registration of <see cref="ITenantAccessCheck"/> made
    /// before or after this one takes precedence.
    /// </summary>
    public static IServiceCollection AddUserReadModels(this IServiceCollection services)
    {
        services.AddSingleton<IProjection, UserProjection>();
        services.AddSingleton<IProjection, ApiKeyProjection>();
        services.AddScoped<IUserQueries, UserQueries>();
        services.AddScoped<IApiKeyQueries, ApiKeyQueries>();
        services.AddSingleton<IPasswordHasher, IdentityPasswordHasher>();
        services.AddSingleton<IApiKeyGenerator, ApiKeyGenerator>();
        services.TryAddSingleton<ITenantAccessCheck, EveryTenantActive>();
        return services;
    }
}
