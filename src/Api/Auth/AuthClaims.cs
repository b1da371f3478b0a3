using System.Security.Claims;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Auth;

/// <summary>The claims a ProSaaS principal carries, for a dashboard session and an API key alike.</summary>
public static class AuthClaims
{
    public const string Subject = "sub";
    public const string TenantId = "tenant_id";
    public const string Role = "role";
    public const string Name = "name";
    public const string Email = "email";

    /// <summary>"session" or "api_key": CSRF checks apply to sessions only.</summary>
    public const string Method = "auth_method";

    public const string SessionMethod = "session";
    public const string ApiKeyMethod = "api_key";

    /// <summary>The media host, by its service key: internal call routes only.</summary>
    public const string ServiceMethod = "service";
    public const string MediaHostSubject = "service:media-host";

    public const string SessionScheme = "Session";
    public const string ApiKeyScheme = "ApiKey";
    public const string SmartScheme = "SessionOrApiKey";
    public const string ServiceKeyScheme = "ServiceKey";

    public static ClaimsPrincipal Create(string scheme, string method, string subject, string? tenantId, Role role, string name, string? email)
    {
        var claims = new List<Claim>
        {
            new(Subject, subject),
            new(Role, role.ToWireName()),
            new(Name, name),
            new(Method, method),
        };
        if (tenantId is not null)
        {
            claims.Add(new Claim(TenantId, tenantId));
        }

        if (email is not null)
        {
            claims.Add(new Claim(Email, email));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, Name, Role));
    }

    public static Role? RoleOf(ClaimsPrincipal user) =>
        RolePolicy.TryParse(user.FindFirstValue(Role), out var role) ? role : null;

    public static bool IsSession(ClaimsPrincipal user) => user.FindFirstValue(Method) == SessionMethod;
}
