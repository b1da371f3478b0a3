using MediatR;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Auth.GetCurrentUser;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Auth;

/// <summary>
/// Every request with a session re-reads its user: a disabled or deleted user is signed out at once, and a changed
/// role or name takes effect without signing in again.
/// </summary>
public static class SessionValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var role = principal is null ? null : AuthClaims.RoleOf(principal);
        if (principal is null || role is null)
        {
            await RejectAsync(context);
            return;
        }

        var services = context.HttpContext.RequestServices;
        var requestContext = services.GetRequiredService<RequestContext>();
        requestContext.UserId = principal.FindFirst(AuthClaims.Subject)?.Value;
        requestContext.Role = role;
        requestContext.TenantId = principal.FindFirst(AuthClaims.TenantId)?.Value;

        AuthenticatedUser current;
        try
        {
            current = await services.GetRequiredService<IMediator>().Send(new GetCurrentUser(), context.HttpContext.RequestAborted);
        }
        catch (AuthenticationFailedException)
        {
            await RejectAsync(context);
            return;
        }

        // The system admin keeps the business it selected; everyone else is bound to their own tenant.
        var tenantId = current.Role == Role.SystemAdmin ? requestContext.TenantId : current.TenantId;
        if (current.Role != role || tenantId != requestContext.TenantId || current.DisplayName != principal.FindFirst(AuthClaims.Name)?.Value)
        {
            context.ReplacePrincipal(SessionPrincipal(current, tenantId));
            context.ShouldRenew = true;
        }
    }

    public static System.Security.Claims.ClaimsPrincipal SessionPrincipal(AuthenticatedUser user, string? tenantId) =>
        AuthClaims.Create(AuthClaims.SessionScheme, AuthClaims.SessionMethod, user.UserId.ToString(), tenantId, user.Role, user.DisplayName, user.Email);

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(AuthClaims.SessionScheme);
    }
}
