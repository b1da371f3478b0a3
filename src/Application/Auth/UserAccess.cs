using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Auth;

/// <summary>Role gates shared by the user and API-key use cases.</summary>
internal static class UserAccess
{
    public const string NotAllowedMessage = "אין לך הרשאה לבצע פעולה זו.";

    /// <summary>The acting role when it is at least <paramref name="minimum"/>; otherwise 403 (before any lookup, so nothing leaks).</summary>
    public static Role RequireAtLeast(IRequestContext context, Role minimum)
    {
        var role = context.RequireRole();
        return role.IsAtLeast(minimum) ? role : throw new ForbiddenException(NotAllowedMessage);
    }

    /// <summary>The acting user's id; null when the actor is not a user (an API key) or unknown.</summary>
    public static Guid? ActingUserId(IRequestContext context) =>
        Guid.TryParse(context.UserId, out var id) ? id : null;

    /// <summary>The tenant the acting user's own stream is stored under (the system admin's is the platform's).</summary>
    public static string OwnStreamTenant(IRequestContext context) =>
        context.RequireRole() == Role.SystemAdmin ? User.PlatformTenantId : context.RequireTenant();
}
