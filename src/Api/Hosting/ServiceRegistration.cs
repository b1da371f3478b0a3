using ProSaaS.Application.Common;
using ProSaaS.Infrastructure;
using ProSaaS.Infrastructure.Projections.Daemon;
using Quartz;
using ProSaaS.Infrastructure.Webhooks;

namespace ProSaaS.Api.Hosting;

public static class ServiceRegistration
{
    /// <summary>
    /// Application and infrastructure, then the start-up work in order: hosted services start in registration
    /// order, so the schema is migrated before the projection daemon (<c>Projections:*</c>) and the webhook dispatcher
    /// (<c>Webhooks:*</c>) read it.
    /// </summary>
    public static IServiceCollection AddApiCore(this IServiceCollection services, IConfiguration configuration)
    {
        var daemonSection = configuration.GetSection(ProjectionDaemonOptions.Section);
        services.AddApplication();
        services.AddInfrastructure(DatabaseOptions.ResolveConnectionString(configuration), daemonSection.Bind);
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section));

        services.AddHostedService<DatabaseMigrationService>();
        if (daemonSection.GetValue(nameof(ProjectionDaemonOptions.Enabled), defaultValue: true))
        {
            services.AddHostedService<ProjectionDaemonHostedService>();
        }

        services.AddFileCleanupJob();
        services.AddQuartzHostedServiceOnce();
        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));
        services.AddHostedService<WebhookDispatcher>();
        services.AddTelephony(configuration);

        return services;
    }
}
