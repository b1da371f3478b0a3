namespace ProSaaS.Domain.Users;

/// <summary>
/// Who may do what to a user, on top of <see cref="RolePolicy.CanManage"/>: a role can be given only by someone who
/// manages both the user's current role and the new one, and nobody changes, disables or enables themselves.
/// </summary>
public static class UserManagementPolicy
{
    public static bool CanCreate(Role actor, Role role) => actor.CanManage(role);

    public static bool CanChangeRole(Role actor, bool actingOnSelf, Role currentRole, Role newRole) =>
        !actingOnSelf && actor.CanManage(currentRole) && actor.CanManage(newRole);

    public static bool CanChangeAccess(Role actor, bool actingOnSelf, Role targetRole) =>
        !actingOnSelf && actor.CanManage(targetRole);
}
