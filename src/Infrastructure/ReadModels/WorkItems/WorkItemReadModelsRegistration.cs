using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Application.Common.Scheduling;
using ProSaaS.Application.Notifications;
using ProSaaS.Application.Notifications.ScanDueItems;
using ProSaaS.Application.Reminders;
using ProSaaS.Application.WorkTasks;
using ProSaaS.Infrastructure.Projections;
using ProSaaS.Infrastructure.ReadModels.WorkItems;

// In the root namespace so that AddInfrastructure sees the extension without an import.
namespace ProSaaS.Infrastructure;

public static class WorkItemReadModelsRegistration
{
    /// <summary>Reminders, the task board and notifications: their inline projections and queries, and the due scan's read.</summary>
    public static IServiceCollection AddWorkItemReadModels(this IServiceCollection services)
    {
        services.AddSingleton<IProjection, ReminderProjection>();
        services.AddSingleton<IProjection, WorkTaskProjection>();
        services.AddScoped<IReminderQueries, ReminderQueries>();
        services.AddScoped<IWorkTaskQueries, WorkTaskQueries>();
        services.AddScoped<INotificationInbox, NotificationInbox>();
        services.AddScoped<IDueItemQueries, DueItemQueries>();
        services.AddScoped<ITenantTimeZones, TenantTimeZones>();
        return services;
    }
}
