using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace ProSaaS.Api.Errors;

public static class ProblemDetailsSetup
{
    /// <summary>Problem details for every error path: typed exceptions, bare status codes and framework-produced problems.</summary>
    public static IServiceCollection AddApiErrors(this IServiceCollection services)
    {
        services.AddProblemDetails(options =>
            options.CustomizeProblemDetails = context => ProblemResponses.AddIdentifiers(context.HttpContext, context.ProblemDetails));
        services.AddExceptionHandler<ApiExceptionHandler>();
        // Hebrew stays readable in JSON bodies instead of \uXXXX escapes.
        services.ConfigureHttpJsonOptions(options =>
        {
            // JSON bodies are never embedded in HTML: Hebrew and "+972…" stay readable.
            options.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            // Enums travel as their wire names: "system_admin", "suspended", "whats_app".
            options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(
                System.Text.Json.JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        });
        return services;
    }

    public static WebApplication UseApiErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(ProblemResponses.WriteStatusCodeAsync);
        return app;
    }
}
