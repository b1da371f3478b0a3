using ProSaaS.Application.Common.Context;

namespace ProSaaS.Api.Auth;

/// <summary>
/// Copies the authenticated principal into the request context: the tenant, the acting user and role always come
/// from here — never from a body, a route or a query string.
/// </summary>
public sealed class RequestContextMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, RequestContext requestContext)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            requestContext.UserId = user.FindFirst(AuthClaims.Subject)?.Value;
            requestContext.Role = AuthClaims.RoleOf(user);
            requestContext.TenantId = user.FindFirst(AuthClaims.TenantId)?.Value;
            requestContext.UserName = user.FindFirst(AuthClaims.Email)?.Value ?? user.FindFirst(AuthClaims.Name)?.Value;
            requestContext.SetHeader("auth", user.FindFirst(AuthClaims.Method)?.Value ?? "unknown");
        }

        return next(context);
    }
}
