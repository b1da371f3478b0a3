using Microsoft.AspNetCore.Antiforgery;
using ProSaaS.Api.Errors;

namespace ProSaaS.Api.Auth;

/// <summary>
/// A request that changes something with a dashboard session cookie must also carry the CSRF token
/// (<c>X-CSRF-Token</c>) that the sign-in answer and <c>GET /api/v1/auth/csrf</c> hand to the page. API-key calls carry
/// no cookie and need none.
/// </summary>
public sealed class CsrfMiddleware(RequestDelegate next, IAntiforgery antiforgery)
{
    public const string HeaderName = "X-CSRF-Token";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
            && !HttpMethods.IsOptions(context.Request.Method) && !HttpMethods.IsTrace(context.Request.Method)
            && context.User.Identity?.IsAuthenticated == true && AuthClaims.IsSession(context.User)
            && !await antiforgery.IsRequestValidAsync(context))
        {
            await ProblemResponses.WriteAsync(context, ProblemResponses.Create(
                StatusCodes.Status403Forbidden, "CSRF token missing or invalid",
                "אסימון האבטחה חסר או פג תוקף; רעננו את הדף ונסו שוב"));
            return;
        }

        await next(context);
    }
}
