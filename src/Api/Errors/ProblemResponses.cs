using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using ProSaaS.Application.Common.Context;

namespace ProSaaS.Api.Errors;

/// <summary>
/// Writes RFC 9457 problem details. Every body carries <c>traceId</c> (the request's trace identifier, also stored as
/// the causation id of the events it appends) and <c>correlationId</c>, so a failure seen by a client can be found
/// in the logs and in the event history. Always <c>application/problem+json</c>, whatever the Accept header says.
/// </summary>
public static class ProblemResponses
{
    public const string ContentType = "application/problem+json";

    public const string NotFoundDetail = "המשאב המבוקש לא נמצא";
    public const string UnexpectedErrorTitle = "An unexpected error occurred";
    public const string UnexpectedErrorDetail = "אירעה שגיאה לא צפויה. נסו שוב מאוחר יותר";

    public static ProblemDetails Create(int status, string title, string? detail = null) => new()
    {
        Status = status,
        Type = TypeFor(status),
        Title = title,
        Detail = detail,
    };

    /// <summary>A problem for a bare status code (no route, wrong method, …) set by the pipeline with no body.</summary>
    public static ProblemDetails ForStatusCode(int status) => status switch
    {
        StatusCodes.Status404NotFound => Create(status, "The requested resource was not found", NotFoundDetail),
        StatusCodes.Status401Unauthorized => Create(status, "Authentication is required", "יש להתחבר כדי להמשיך"),
        StatusCodes.Status403Forbidden => Create(status, "The caller may not do this", "אין לך הרשאה לפעולה זו"),
        >= StatusCodes.Status500InternalServerError => Create(status, ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : UnexpectedErrorTitle, UnexpectedErrorDetail),
        _ => Create(status, ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } reason ? reason : "The request failed"),
    };

    public static async Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        AddIdentifiers(context, problem);
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        context.Response.Headers.CacheControl = "no-store";
        var json = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        await context.Response.WriteAsJsonAsync(problem, problem.GetType(), json, ContentType, context.RequestAborted);
    }

    /// <summary>Status code pages: turns a body-less 4xx/5xx into problem details.</summary>
    public static Task WriteStatusCodeAsync(StatusCodeContext statusCodeContext) =>
        WriteAsync(statusCodeContext.HttpContext, ForStatusCode(statusCodeContext.HttpContext.Response.StatusCode));

    public static void AddIdentifiers(HttpContext context, ProblemDetails problem)
    {
        problem.Extensions["traceId"] = context.TraceIdentifier;
        problem.Extensions["correlationId"] = context.RequestServices.GetService<IRequestContext>()?.CorrelationId;
    }

    private static string? TypeFor(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        422 => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        429 => "https://www.rfc-editor.org/rfc/rfc6585#section-4",
        500 => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        502 => "https://tools.ietf.org/html/rfc9110#section-15.6.3",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => null,
    };
}
