using Microsoft.OpenApi;

namespace ProSaaS.Api.OpenApi;

/// <summary>OpenAPI document at <c>/swagger/v1/swagger.json</c> and Swagger UI at <c>/swagger</c>.</summary>
public static class SwaggerSetup
{
    public const string DocumentName = "v1";
    public const string Title = "ProSaaS API";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc(DocumentName, new OpenApiInfo
            {
                Title = Title,
                Version = DocumentName,
                Description =
                    "REST API of ProSaaS, the Hebrew AI phone and WhatsApp assistant for businesses: leads, calls, " +
                    "appointments and conversations of the caller's tenant. Errors are RFC 9457 problem details " +
                    "(application/problem+json) that carry traceId and correlationId; validation errors list every " +
                    "invalid field. Send X-Correlation-Id (1–64 characters of A-Z a-z 0-9 . _ : -) to follow a request " +
                    "through the logs and the event history; the response always echoes the id used.",
            });

            options.SchemaFilter<RequestExamples>();

            var xml = Path.Combine(AppContext.BaseDirectory, $"{typeof(SwaggerSetup).Assembly.GetName().Name}.xml");
            if (File.Exists(xml))
            {
                options.IncludeXmlComments(xml);
            }
        });
        return services;
    }

    public static WebApplication UseApiDocumentation(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint($"/swagger/{DocumentName}/swagger.json", Title);
            options.DocumentTitle = Title;
        });
        return app;
    }
}
