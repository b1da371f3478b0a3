using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Application.Calls;
using ProSaaS.Infrastructure.Projections;
using ProSaaS.Infrastructure.ReadModels.Calls;

// In the root namespace so that AddInfrastructure sees the extension without an import.
namespace ProSaaS.Infrastructure;

public static class CallMediaReadModelsRegistration
{
    /// <summary>
    /// What the media host reports about calls: the transcripts, details and ends (after the calls read model, whose rows
    /// they extend) and the outcome of each report by its command id.
    /// </summary>
    public static IServiceCollection AddCallMediaReadModels(this IServiceCollection services)
    {
        services.AddSingleton<IProjection, CallMediaProjection>();
        services.AddSingleton<IProjection, CallCommandProjection>();
        services.AddScoped<ICallMediaQueries, CallMediaQueries>();
        services.AddScoped<ICallCommandLog, CallCommandLog>();
        return services;
    }
}
