using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Auth;

/// <summary>A signed-in dashboard user: what a session carries. <see cref="TenantId"/> is null for the system admin.</summary>
public sealed record AuthenticatedUser(Guid UserId, string? TenantId, Role Role, string DisplayName, string Email);
