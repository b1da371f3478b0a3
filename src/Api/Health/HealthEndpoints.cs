using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace ProSaaS.Api.Health;

/// <summary>
/// <c>/health/live</c>: the process is up (for restarts). <c>/health/ready</c>: it can serve (for load balancers and
/// start scripts): 200 when every check is Healthy, 503 otherwise.
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddApiHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", timeout: CheckTimeout)
            .AddCheck<MigrationsHealthCheck>("migrations", timeout: CheckTimeout)
            .AddCheck<ProjectionDaemonHealthCheck>("projections-daemon", timeout: CheckTimeout);
        return services;
    }

    public static IEndpointRouteBuilder MapApiHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(LivePath, () => Results.Json(new HealthResponse(nameof(HealthStatus.Healthy), null)))
            .ExcludeFromDescription();

        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            ResponseWriter = WriteReportAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).ExcludeFromDescription();
        return endpoints;
    }

    private static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        var body = new HealthResponse(
            report.Status.ToString(),
            report.Entries.Select(e => new HealthCheckEntry(
                e.Key, e.Value.Status.ToString(), e.Value.Description, Math.Round(e.Value.Duration.TotalMilliseconds, 1))).ToList());
        var json = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return context.Response.WriteAsJsonAsync(body, json, context.RequestAborted);
    }

    private sealed record HealthResponse(
        string Status,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        IReadOnlyList<HealthCheckEntry>? Checks);

    private sealed record HealthCheckEntry(string Name, string Status, string? Description, double DurationMs);
}
