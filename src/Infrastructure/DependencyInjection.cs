using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Leads;
using ProSaaS.Infrastructure.EventStore;
using ProSaaS.Infrastructure.Projections;
using ProSaaS.Infrastructure.Projections.Daemon;
using ProSaaS.Infrastructure.ReadModels.Leads;

namespace ProSaaS.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// PostgreSQL event store, projections, read-model queries and the schema migrator. The projection daemon is
    /// registered as a singleton; hosts that should run it add it as a hosted service.
    /// </summary>
    public static IServiceCollection AddInfrastructure(
        this IServiceCollection services, string connectionString, Action<ProjectionDaemonOptions>? configureDaemon = null)
    {
        var daemonOptions = new ProjectionDaemonOptions();
        configureDaemon?.Invoke(daemonOptions);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new EventStoreOptions { ConnectionString = connectionString });
        services.AddSingleton(daemonOptions);
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        services.AddSingleton(_ => EventTypeRegistry.ForDomain());
        services.AddSingleton<SchemaMigrator>();

        services.AddSingleton<IProjection, LeadProjection>();
        services.AddSingleton<IProjection, LeadErasureProjection>();
        services.AddSingleton<IProjection, LeadStatusCountsProjection>();
        services.AddSingleton(provider => new ProjectionRegistry(provider.GetServices<IProjection>()));
        services.AddSingleton<ProjectionDaemon>();

        services.AddScoped<IEventStore, PostgresEventStore>();
        services.AddScoped<ILeadQueries, LeadQueries>();
        services.AddSingleton<Application.Common.Idempotency.IIdempotencyStore, Idempotency.PostgresIdempotencyStore>();
        services.AddUserReadModels();
        services.AddTenantReadModels();
        services.AddAppointmentReadModels();
        services.AddNoteReadModels();
        services.AddWorkItemReadModels();
        services.AddWebhooks();
        services.AddCallReadModels();
        services.AddCallMediaReadModels();
        services.AddCallToolReadModels();
        services.AddOutboundReadModels();
        services.AddOutboundCalls();
        services.AddPromptAndFaqReadModels();
        services.AddCallWrapUpQueue();
        ReadModels.Overview.OverviewReadModelsRegistration.AddOverviewReadModels(services);
        return services;
    }
}
