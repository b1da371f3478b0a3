namespace ProSaaS.Domain.Users;

/// <summary>
/// The four tiers, lowest first. A higher role can do everything a lower one can. <see cref="SystemAdmin"/> is
/// platform-wide; the others belong to exactly one tenant.
/// </summary>
public enum Role
{
    Agent = 1,
    Admin = 2,
    Owner = 3,
    SystemAdmin = 4,
}

public static class RolePolicy
{
    public static bool IsAtLeast(this Role role, Role minimum) => role >= minimum;

    /// <summary>The wire name: system_admin, owner, admin, agent.</summary>
    public static string ToWireName(this Role role) => role switch
    {
        Role.SystemAdmin => "system_admin",
        Role.Owner => "owner",
        Role.Admin => "admin",
        Role.Agent => "agent",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static bool TryParse(string? value, out Role role)
    {
        role = value switch
        {
            "system_admin" => Role.SystemAdmin,
            "owner" => Role.Owner,
            "admin" => Role.Admin,
            "agent" => Role.Agent,
            _ => 0,
        };
        return role != 0;
    }

    /// <summary>
    /// Whether <paramref name="actor"/> may create, change or disable a user who has (or is to get) <paramref name="target"/>:
    /// owners manage admins and agents, admins manage agents, the system admin manages every tenant role.
    /// Nobody manages their own tier or above, so nobody can raise anyone (themselves included) above their own role.
    /// </summary>
    public static bool CanManage(this Role actor, Role target) => actor switch
    {
        Role.SystemAdmin => target is Role.Owner or Role.Admin or Role.Agent,
        Role.Owner => target is Role.Admin or Role.Agent,
        Role.Admin => target is Role.Agent,
        _ => false,
    };
}
