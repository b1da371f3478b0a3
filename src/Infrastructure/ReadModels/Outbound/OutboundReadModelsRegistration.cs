using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Application.Outbound;
using ProSaaS.Infrastructure.Projections;
using ProSaaS.Infrastructure.ReadModels.Outbound;

// In the root namespace so that AddInfrastructure sees the extension without an import.
namespace ProSaaS.Infrastructure;

public static class OutboundReadModelsRegistration
{
    /// <summary>Outbound call templates: their inline projection and queries.</summary>
    public static IServiceCollection AddOutboundReadModels(this IServiceCollection services)
    {
        services.AddSingleton<IProjection, OutboundTemplateProjection>();
        services.AddScoped<IOutboundTemplateQueries, OutboundTemplateQueries>();
        return services;
    }
}
