using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Application.Files;
using ProSaaS.Application.Notes;
using ProSaaS.Infrastructure.Files;
using ProSaaS.Infrastructure.Projections;
using ProSaaS.Infrastructure.ReadModels.Notes;

// In the root namespace so that AddInfrastructure sees the extension without an import.
namespace ProSaaS.Infrastructure;

public static class NoteReadModelsRegistration
{
    /// <summary>
    /// Lead notes: the inline projection and queries, file storage on disk (<c>Storage:*</c>), and the deletion queue
    /// with its sweeper (which hosts run periodically as a scheduled job).
    /// </summary>
    public static IServiceCollection AddNoteReadModels(this IServiceCollection services)
    {
        services.AddSingleton<IProjection, LeadNoteProjection>();
        services.AddScoped<ILeadNoteQueries, LeadNoteQueries>();

        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        services.AddSingleton<IFileStorage, DiskFileStorage>();
        services.AddSingleton<IFileCleanup, FileCleanup>();
        return services;
    }
}
