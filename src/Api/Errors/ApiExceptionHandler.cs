using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Outbound;
using ProSaaS.Application.Telephony;

namespace ProSaaS.Api.Errors;

/// <summary>
/// Maps the application's typed errors to problem details: validation → 400 listing every field, not found → 404,
/// concurrency → 409, business rule → 422 with its <c>code</c>, malformed request → 400, a business at its call limits →
/// 429 with <c>Retry-After</c>, the telephony provider failing → 502, telephony not configured → 503. Anything else is a 500
/// whose body says nothing about the exception: the details stay in the log, found through traceId/correlationId.
/// </summary>
public sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public const string ValidationTitle = "One or more fields are invalid";
    public const string ValidationDetail = "אחד או יותר מהשדות אינם תקינים";
    public const string ConcurrencyDetail = "הנתונים השתנו בינתיים; טענו מחדש ונסו שוב";
    public const string BadRequestDetail = "הבקשה אינה תקינה";
    public const string ForbiddenDetail = "אין לך הרשאה לפעולה זו";
    public const string TenantRequiredDetail = "יש לבחור עסק לפני פעולה זו";
    public const string TelephonyRefusedDetail = "ספק הטלפוניה דחה את הבקשה. נסו שוב, ואם זה חוזר פנו לתמיכה";
    public const string TelephonyUnreachableDetail = "ספק הטלפוניה לא ענה בזמן, ולכן לא ידוע אם הפעולה בוצעה. בדקו את מצב השיחה לפני שתנסו שוב";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ValidationFailedException validation => new HttpValidationProblemDetails(
                validation.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal))
            {
                Status = StatusCodes.Status400BadRequest,
                Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
                Title = ValidationTitle,
                Detail = ValidationDetail,
            },
            NotFoundException => ProblemResponses.Create(
                StatusCodes.Status404NotFound, "The requested resource was not found", ProblemResponses.NotFoundDetail),
            ConcurrencyException => ProblemResponses.Create(
                StatusCodes.Status409Conflict, "The resource was changed by another request", ConcurrencyDetail),
            ForbiddenException => ProblemResponses.Create(
                StatusCodes.Status403Forbidden, "The caller may not do this", ForbiddenDetail),
            ConflictException conflict => WithCode(
                ProblemResponses.Create(StatusCodes.Status409Conflict, "The request conflicts with existing data", conflict.Message), conflict.Code),
            AuthenticationFailedException failed => WithLock(
                ProblemResponses.Create(StatusCodes.Status401Unauthorized, "Authentication failed", failed.Message), failed.LockedUntil),
            TenantRequiredException => WithCode(
                ProblemResponses.Create(StatusCodes.Status400BadRequest, "No business is selected", TenantRequiredDetail), "tenant.selection_required"),
            BusinessRuleException rule => WithCode(
                ProblemResponses.Create(StatusCodes.Status422UnprocessableEntity, "The request breaks a business rule", rule.Message), rule.Code),
            OutboundCallLimitException limit => WithLimit(httpContext, WithCode(
                ProblemResponses.Create(StatusCodes.Status429TooManyRequests, "The business is at its call limit", limit.Message), limit.Code), limit),
            TelephonyNotConfiguredException notConfigured => WithCode(
                ProblemResponses.Create(StatusCodes.Status503ServiceUnavailable, "Telephony is not configured", notConfigured.HebrewMessage),
                notConfigured.Code),
            TelephonyProviderException telephony => WithProvider(WithCode(
                ProblemResponses.Create(StatusCodes.Status502BadGateway, "The telephony provider failed the request",
                    telephony.Answered ? TelephonyRefusedDetail : TelephonyUnreachableDetail), telephony.Code), telephony),
            BadHttpRequestException badRequest => ProblemResponses.Create(
                badRequest.StatusCode, "The request is malformed", BadRequestDetail),
            _ => null,
        };

        if (problem is null)
        {
            LogUnhandled(exception, httpContext.Request.Method, httpContext.Request.Path);
            problem = ProblemResponses.Create(
                StatusCodes.Status500InternalServerError, ProblemResponses.UnexpectedErrorTitle, ProblemResponses.UnexpectedErrorDetail);
        }
        else
        {
            LogRefused(problem.Status ?? 0, exception.GetType().Name, exception.Message);
        }

        await ProblemResponses.WriteAsync(httpContext, problem);
        return true;
    }

    private static ProblemDetails WithLock(ProblemDetails problem, DateTimeOffset? lockedUntil)
    {
        if (lockedUntil is not null)
        {
            problem.Extensions["lockedUntil"] = lockedUntil.Value.ToUniversalTime().ToString("O");
        }

        return problem;
    }

    /// <summary>The limit and how long to wait, also as <c>Retry-After</c> (whole seconds).</summary>
    private static ProblemDetails WithLimit(HttpContext context, ProblemDetails problem, OutboundCallLimitException limit)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(limit.RetryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        problem.Extensions["active"] = limit.Active;
        problem.Extensions["limit"] = limit.Limit;
        problem.Extensions["retryAfterSeconds"] = seconds;
        return problem;
    }

    /// <summary>The provider's own error code and text (Twilio's, in English), for support.</summary>
    private static ProblemDetails WithProvider(ProblemDetails problem, TelephonyProviderException telephony)
    {
        if (telephony.ProviderCode is { } code)
        {
            problem.Extensions["providerCode"] = code;
        }

        if (telephony.ProviderMessage is { } message)
        {
            problem.Extensions["providerMessage"] = message;
        }

        return problem;
    }

    private static ProblemDetails WithCode(ProblemDetails problem, string code)
    {
        problem.Extensions["code"] = code;
        return problem;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception in {Method} {Path}; answered 500")]
    private partial void LogUnhandled(Exception exception, string method, PathString path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Answered {StatusCode}: {ErrorType} {ErrorMessage}")]
    private partial void LogRefused(int statusCode, string errorType, string errorMessage);
}
