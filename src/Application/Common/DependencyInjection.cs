using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProSaaS.Application.Common.Behaviours;
using ProSaaS.Application.Common.Context;

namespace ProSaaS.Application.Common;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the mediator, every handler and validator of the given assemblies (this one by default) and the
    /// pipeline: logging (outermost) → error mapping → validation → handler.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services, params Assembly[] extraAssemblies)
    {
        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.TryAddScoped<RequestContext>();
        services.TryAddScoped<IRequestContext>(provider => provider.GetRequiredService<RequestContext>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ErrorMappingBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));

        services.AddScoped<Leads.DeleteLeads.ILeadDeletionFollowUp, Notes.NoteFilesAfterLeadDeletion>();

        foreach (var assembly in extraAssemblies.Prepend(typeof(DependencyInjection).Assembly).Distinct())
        {
            RegisterClosedImplementations(services, assembly, typeof(IRequestHandler<,>));
            RegisterClosedImplementations(services, assembly, typeof(IValidator<>));
        }

        return services;
    }

    private static void RegisterClosedImplementations(IServiceCollection services, Assembly assembly, Type openInterface)
    {
        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == openInterface))
            {
                services.AddScoped(contract, type);
            }
        }
    }
}
