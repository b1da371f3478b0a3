using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Application.Calls;
using ProSaaS.Infrastructure.Projections;
using ProSaaS.Infrastructure.ReadModels.Calls;

// In the root namespace so that AddInfrastructure sees the extension without an import.
namespace ProSaaS.Infrastructure;

public static class CallReadModelsRegistration
{
    /// <summary>Calls: the call slots (where the concurrency limits hold), the calls read model, the erasure of a deleted lead's calls, the recordings.</summary>
    public static IServiceCollection AddCallReadModels(this IServiceCollection services)
    {
        services.AddSingleton<IProjection, CallSlotProjection>();
        services.AddSingleton<IProjection, CallProjection>();
        services.AddSingleton<IProjection, CallErasureProjection>();
        services.AddScoped<ICallSlots, CallSlots>();
        services.AddScoped<ICallQueries, CallQueries>();
        services.AddSingleton<IProjection, CallRecordingProjection>();
        services.AddScoped<ICallRecordingQueries, CallRecordingQueries>();
        services.AddSingleton<IProjection, CallChangeNotifier>();
        services.AddSingleton<CallChangeFeed>();
        services.AddSingleton<ProSaaS.Application.Calls.WatchCalls.ICallChangeFeed>(p => p.GetRequiredService<CallChangeFeed>());
        services.AddHostedService(p => p.GetRequiredService<CallChangeFeed>());
        return services;
    }
}
