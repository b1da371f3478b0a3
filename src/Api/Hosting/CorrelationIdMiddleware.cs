using ProSaaS.Application.Common.Context;

namespace ProSaaS.Api.Hosting;

/// <summary>
/// Gives every request a correlation id: the caller's <c>X-Correlation-Id</c> when it is 1–64 characters of
/// <c>[A-Za-z0-9._:-]</c>, a new one otherwise. The id goes into the request context (and from there onto every
/// event the request causes), into the logging scope, and back out on the response.
/// </summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public const string HeaderName = "X-Correlation-Id";
    public const int MaxLength = 64;

    public async Task InvokeAsync(HttpContext context, RequestContext requestContext)
    {
        var incoming = context.Request.Headers[HeaderName];
        var correlationId = incoming.Count == 1 && IsAcceptable(incoming[0]) ? incoming[0]! : NewId();

        requestContext.CorrelationId = correlationId;
        requestContext.CausationId = context.TraceIdentifier;

        // Set when the response starts: the exception handler clears headers set earlier.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[HeaderName] = correlationId;
            return Task.CompletedTask;
        });

        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = correlationId }))
        {
            await next(context);
        }
    }

    public static bool IsAcceptable(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static string NewId() => Guid.NewGuid().ToString("N");
}
