using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Application.Faq;
using ProSaaS.Application.Prompts;
using ProSaaS.Infrastructure.Projections;
using ProSaaS.Infrastructure.ReadModels.Faq;
using ProSaaS.Infrastructure.ReadModels.Prompts;

// In the root namespace so that AddInfrastructure sees the extension without an import.
namespace ProSaaS.Infrastructure;

public static class PromptAndFaqReadModelsRegistration
{
    /// <summary>What the assistant is told and answers at once: the prompt versions per channel and the FAQ entries, their inline projections and queries.</summary>
    public static IServiceCollection AddPromptAndFaqReadModels(this IServiceCollection services)
    {
        services.AddSingleton<IProjection, PromptVersionProjection>();
        services.AddScoped<IPromptQueries, PromptQueries>();
        services.AddSingleton<IProjection, FaqEntryProjection>();
        services.AddScoped<IFaqQueries, FaqQueries>();
        return services;
    }
}
