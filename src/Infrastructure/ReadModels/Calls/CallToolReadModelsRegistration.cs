using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Application.Calls.Tools;
using ProSaaS.Infrastructure.Projections;
using ProSaaS.Infrastructure.ReadModels.Calls;

// In the root namespace so that AddInfrastructure sees the extension without an import.
namespace ProSaaS.Infrastructure;

public static class CallToolReadModelsRegistration
{
    /// <summary>The answers given to the AI's tool calls (after the calls read model, whose rows they hang off).</summary>
    public static IServiceCollection AddCallToolReadModels(this IServiceCollection services)
    {
        services.AddSingleton<IProjection, CallToolProjection>();
        services.AddScoped<ICallToolLog, CallToolLog>();
        return services;
    }
}
