using System.Diagnostics;

namespace ProSaaS.Hosting;

/// <summary>
/// One line per request with method, path (never the query string, which may carry personal data), status and
/// duration. Health probes log at Debug so that a probe every few seconds does not drown the log.
/// </summary>
public sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    private const string MessageTemplate = "HTTP {Method} {Path} responded {StatusCode} in {ElapsedMs:0.0} ms";

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var method = context.Request.Method;
        var path = context.Request.PathBase.Add(context.Request.Path);
        try
        {
            await next(context);
        }
        catch
        {
            Write(path, method, StatusCodes.Status500InternalServerError, started);
            throw;
        }

        Write(path, method, context.Response.StatusCode, started);
    }

    private void Write(PathString path, string method, int statusCode, long started)
    {
        var level = path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) ? LogLevel.Debug
            : statusCode >= StatusCodes.Status500InternalServerError ? LogLevel.Error
            : LogLevel.Information;
        if (logger.IsEnabled(level))
        {
            logger.Log(level, MessageTemplate, method, path.Value ?? "/", statusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
