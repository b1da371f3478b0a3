using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Application.Appointments;
using ProSaaS.Infrastructure.Projections;
using ProSaaS.Infrastructure.ReadModels.Appointments;

// In the root namespace so that AddInfrastructure sees the extension without an import.
namespace ProSaaS.Infrastructure;

public static class AppointmentReadModelsRegistration
{
    /// <summary>The inline appointments projection (which refuses double bookings) and its queries.</summary>
    public static IServiceCollection AddAppointmentReadModels(this IServiceCollection services)
    {
        services.AddSingleton<IProjection, AppointmentProjection>();
        services.AddScoped<IAppointmentQueries, AppointmentQueries>();
        return services;
    }
}
