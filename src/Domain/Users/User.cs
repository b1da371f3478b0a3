using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.Users;

/// <summary>
/// A person who signs in to the dashboard. A tenant user's stream is stored under its tenant; the system admin
/// belongs to no tenant and its stream is stored under <see cref="PlatformTenantId"/>.
/// </summary>
[StreamType("user")]
public sealed class User : AggregateRoot
{
    /// <summary>The event-store tenant of platform users (the system admin). Never a business's tenant id.</summary>
    public const string PlatformTenantId = "platform";

    public const int MaxEmailLength = 320;
    public const int MaxDisplayNameLength = 100;

    private User()
    {
    }

    /// <summary>The user's business; null for the system admin.</summary>
    public string? TenantId { get; private set; }

    public string Email { get; private set; } = "";
    public string DisplayName { get; private set; } = "";
    public Role Role { get; private set; }
    public string PasswordHash { get; private set; } = "";
    public bool IsDisabled { get; private set; }
    public int ConsecutiveFailedSignIns { get; private set; }
    public DateTimeOffset? LockedUntil { get; private set; }
    public DateTimeOffset? LastSignInAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The tenant the user's stream is stored under.</summary>
    public string StreamTenantId => StreamTenantOf(TenantId);

    public static string StreamTenantOf(string? tenantId) => tenantId ?? PlatformTenantId;

    /// <summary>Trimmed and lower-cased: the form e-mails are stored, compared and looked up in.</summary>
    public static string NormaliseEmail(string email) => (email ?? "").Trim().ToLowerInvariant();

    public static User Create(
        Guid id,
        string? tenantId,
        string email,
        string displayName,
        Role role,
        string passwordHash,
        DateTimeOffset createdAt)
    {
        if (id == Guid.Empty)
        {
            throw new DomainException("user.id_required", "A user needs an id.");
        }

        if (!Enum.IsDefined(role))
        {
            throw new DomainException("user.role_invalid", "התפקיד אינו מוכר.");
        }

        var tenant = string.IsNullOrWhiteSpace(tenantId) ? null : tenantId.Trim();
        if (role == Role.SystemAdmin && tenant is not null)
        {
            throw new DomainException("user.system_admin_has_no_tenant", "מנהל מערכת אינו שייך לעסק.");
        }

        if (role != Role.SystemAdmin && tenant is null)
        {
            throw new DomainException("user.tenant_required", "משתמש חייב להיות שייך לעסק.");
        }

        if (string.Equals(tenant, PlatformTenantId, StringComparison.Ordinal))
        {
            throw new DomainException("user.tenant_reserved", "מזהה העסק שמור למערכת.");
        }

        var normalisedEmail = NormaliseEmail(email);
        if (!LooksLikeEmail(normalisedEmail))
        {
            throw new DomainException("user.email_invalid", "כתובת האימייל אינה תקינה.");
        }

        var name = (displayName ?? "").Trim();
        if (name.Length == 0)
        {
            throw new DomainException("user.display_name_required", "יש למלא שם.");
        }

        if (name.Length > MaxDisplayNameLength)
        {
            throw new DomainException("user.display_name_too_long", $"השם ארוך מדי (עד {MaxDisplayNameLength} תווים).");
        }

        if (string.IsNullOrWhiteSpace(passwordHash))
        {
            throw new DomainException("user.password_required", "A user needs a password hash.");
        }

        var user = new User();
        user.Raise(new UserCreated(id, tenant, normalisedEmail, name, role, passwordHash, createdAt));
        return user;
    }

    /// <summary>Gives the user another role; see <see cref="UserManagementPolicy.CanChangeRole"/>. The same role changes nothing.</summary>
    public void ChangeRole(Role newRole, Role actorRole, Guid? actorUserId, DateTimeOffset changedAt)
    {
        if (!UserManagementPolicy.CanChangeRole(actorRole, actorUserId == Id, Role, newRole))
        {
            throw new DomainException("user.role_change_forbidden", "אין הרשאה לשנות את התפקיד הזה.");
        }

        if (newRole != Role)
        {
            Raise(new UserRoleChanged(Id, Role, newRole, changedAt));
        }
    }

    /// <summary>Stops the user from signing in. Disabling a disabled user changes nothing.</summary>
    public void Disable(Role actorRole, Guid? actorUserId, DateTimeOffset disabledAt)
    {
        EnsureMayChangeAccess(actorRole, actorUserId);
        if (!IsDisabled)
        {
            Raise(new UserDisabled(Id, disabledAt));
        }
    }

    public void Enable(Role actorRole, Guid? actorUserId, DateTimeOffset enabledAt)
    {
        EnsureMayChangeAccess(actorRole, actorUserId);
        if (IsDisabled)
        {
            Raise(new UserEnabled(Id, enabledAt));
        }
    }

    /// <summary>Replaces the password hash: a new password, or the same one re-hashed with stronger parameters.</summary>
    public void ChangePassword(string newPasswordHash, DateTimeOffset changedAt)
    {
        if (string.IsNullOrWhiteSpace(newPasswordHash))
        {
            throw new DomainException("user.password_required", "A user needs a password hash.");
        }

        if (!string.Equals(newPasswordHash, PasswordHash, StringComparison.Ordinal))
        {
            Raise(new UserPasswordChanged(Id, newPasswordHash, changedAt));
        }
    }

    /// <summary>
    /// Records a password sign-in attempt under <see cref="SignInLockout"/>: a success, a failure, or a failure that
    /// locks the account. An attempt during a lockout records nothing, so it cannot extend the lockout.
    /// </summary>
    public SignInDecision AttemptSignIn(bool passwordMatches, DateTimeOffset now)
    {
        if (IsDisabled)
        {
            throw new DomainException("user.disabled", "המשתמש מושבת.");
        }

        var decision = SignInLockout.Decide(ConsecutiveFailedSignIns, LockedUntil, passwordMatches, now);
        switch (decision.Outcome)
        {
            case SignInOutcome.Succeeded:
                Raise(new UserSignedIn(Id, now));
                break;
            case SignInOutcome.Failed:
                Raise(new UserSignInFailed(Id, now, decision.ConsecutiveFailures));
                break;
            case SignInOutcome.LockedOut:
                Raise(new UserSignInFailed(Id, now, decision.ConsecutiveFailures));
                Raise(new UserLockedOut(Id, now, decision.LockedUntil!.Value));
                break;
        }

        return decision;
    }

    public bool IsLockedAt(DateTimeOffset now) => SignInLockout.IsLocked(LockedUntil, now);

    private void EnsureMayChangeAccess(Role actorRole, Guid? actorUserId)
    {
        if (!UserManagementPolicy.CanChangeAccess(actorRole, actorUserId == Id, Role))
        {
            throw new DomainException("user.access_change_forbidden", "אין הרשאה לשנות את הגישה של משתמש זה.");
        }
    }

    private static bool LooksLikeEmail(string email)
    {
        if (email.Length is 0 or > MaxEmailLength || email.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var at = email.IndexOf('@');
        return at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1;
    }

    protected override void Apply(IDomainEvent @event)
    {
        switch (@event)
        {
            case UserCreated e:
                Id = e.UserId;
                TenantId = e.TenantId;
                Email = e.Email;
                DisplayName = e.DisplayName;
                Role = e.Role;
                PasswordHash = e.PasswordHash;
                CreatedAt = e.CreatedAt;
                break;
            case UserRoleChanged e:
                Role = e.ToRole;
                break;
            case UserDisabled:
                IsDisabled = true;
                break;
            case UserEnabled:
                IsDisabled = false;
                break;
            case UserPasswordChanged e:
                PasswordHash = e.PasswordHash;
                break;
            case UserSignedIn e:
                ConsecutiveFailedSignIns = 0;
                LockedUntil = null;
                LastSignInAt = e.SignedInAt;
                break;
            case UserSignInFailed e:
                ConsecutiveFailedSignIns = e.ConsecutiveFailures;
                break;
            case UserLockedOut e:
                // The count starts again once the lockout is over: five more failures for the next one.
                ConsecutiveFailedSignIns = 0;
                LockedUntil = e.LockedUntil;
                break;
            default:
                throw new InvalidOperationException($"User cannot apply {@event.GetType().Name}.");
        }
    }
}
