using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.Users;

/// <summary>
/// A user was created. <see cref="TenantId"/> is null for the system admin, who belongs to no tenant; the e-mail is
/// already normalised (trimmed, lower case) and the password is only ever present as its hash.
/// </summary>
[EventType("user_created")]
public sealed record UserCreated(
    Guid UserId,
    string? TenantId,
    string Email,
    string DisplayName,
    Role Role,
    string PasswordHash,
    DateTimeOffset CreatedAt) : IDomainEvent;

[EventType("user_role_changed")]
public sealed record UserRoleChanged(Guid UserId, Role FromRole, Role ToRole, DateTimeOffset ChangedAt) : IDomainEvent;

[EventType("user_disabled")]
public sealed record UserDisabled(Guid UserId, DateTimeOffset DisabledAt) : IDomainEvent;

[EventType("user_enabled")]
public sealed record UserEnabled(Guid UserId, DateTimeOffset EnabledAt) : IDomainEvent;

[EventType("user_password_changed")]
public sealed record UserPasswordChanged(Guid UserId, string PasswordHash, DateTimeOffset ChangedAt) : IDomainEvent;

[EventType("user_signed_in")]
public sealed record UserSignedIn(Guid UserId, DateTimeOffset SignedInAt) : IDomainEvent;

/// <summary>A sign-in with a wrong password; <see cref="ConsecutiveFailures"/> counts since the last success or lockout.</summary>
[EventType("user_sign_in_failed")]
public sealed record UserSignInFailed(Guid UserId, DateTimeOffset FailedAt, int ConsecutiveFailures) : IDomainEvent;

/// <summary>Too many consecutive failures: every sign-in is refused until <see cref="LockedUntil"/>.</summary>
[EventType("user_locked_out")]
public sealed record UserLockedOut(Guid UserId, DateTimeOffset LockedAt, DateTimeOffset LockedUntil) : IDomainEvent;
