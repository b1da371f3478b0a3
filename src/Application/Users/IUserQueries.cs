using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Users;

/// <summary>Reads of the <c>users</c> read model. Password hashes never leave it.</summary>
public interface IUserQueries
{
    /// <summary>The user with this (normalised) e-mail in any tenant, or null: for sign-in and the uniqueness check.</summary>
    Task<UserLocator?> FindByEmailAsync(string normalisedEmail, CancellationToken cancellationToken);

    /// <summary>One user of <paramref name="streamTenantId"/> (a tenant's id, or <see cref="User.PlatformTenantId"/>).</summary>
    Task<UserView?> GetAsync(string streamTenantId, Guid userId, CancellationToken cancellationToken);

    /// <summary>Every user of one tenant, oldest first.</summary>
    Task<IReadOnlyList<UserView>> ListAsync(string tenantId, CancellationToken cancellationToken);
}

/// <summary>Where a user's stream lives. <see cref="TenantId"/> is null for the system admin.</summary>
public sealed record UserLocator(Guid UserId, string? TenantId);

public sealed record UserView(
    Guid Id,
    string? TenantId,
    string Email,
    string DisplayName,
    Role Role,
    bool IsDisabled,
    DateTimeOffset? LockedUntil,
    DateTimeOffset? LastSignInAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version);

public static class UserConflicts
{
    public const string EmailTaken = "user.email_taken";
    public const string EmailTakenMessage = "כתובת האימייל כבר רשומה במערכת.";
    public const string SystemAdminExists = "user.system_admin_exists";
}
