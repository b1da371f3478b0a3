using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Common.Context;

/// <summary>
/// Who and what a unit of work runs on behalf of. Filled once per request by the host (from the authenticated
/// principal, never from the request body) and copied onto every event the request causes.
/// </summary>
public interface IRequestContext
{
    string? TenantId { get; }

    /// <summary>Id of the acting user or API key; null for unauthenticated work (sign-in, webhooks).</summary>
    string? UserId { get; }

    /// <summary>Role of the acting user or API key.</summary>
    Role? Role { get; }

    string? UserName { get; }
    string CorrelationId { get; }
    string? CausationId { get; }
    IReadOnlyDictionary<string, string> Headers { get; }
}

/// <summary>The scoped, host-populated implementation of <see cref="IRequestContext"/>.</summary>
public sealed class RequestContext : IRequestContext
{
    private readonly Dictionary<string, string> _headers = new(StringComparer.Ordinal);

    public string? TenantId { get; set; }
    public string? UserId { get; set; }
    public Role? Role { get; set; }
    public string? UserName { get; set; }
    public string CorrelationId { get; set; } = Guid.NewGuid().ToString("N");
    public string? CausationId { get; set; }
    public IReadOnlyDictionary<string, string> Headers => _headers;

    public RequestContext SetHeader(string name, string value)
    {
        _headers[name] = value;
        return this;
    }
}

public static class RequestContextExtensions
{
    /// <summary>The tenant the work is scoped to; fails when the host did not establish one.</summary>
    public static string RequireTenant(this IRequestContext context) =>
        string.IsNullOrEmpty(context.TenantId)
            ? throw new TenantRequiredException()
            : context.TenantId;
}

public static class RequestContextRoleExtensions
{
    /// <summary>The acting role; fails when nobody is authenticated.</summary>
    public static Role RequireRole(this IRequestContext context) =>
        context.Role ?? throw new Errors.ForbiddenException("Sign-in is required.");
}

public sealed class TenantRequiredException()
    : InvalidOperationException("No tenant is established for this request.");
