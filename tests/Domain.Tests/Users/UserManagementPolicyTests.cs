using ProSaaS.Domain.Users;

namespace ProSaaS.Domain.Tests.Users;

public sealed class UserManagementPolicyTests
{
    private static readonly Role[] AllRoles = Enum.GetValues<Role>();

    /// <summary>Every actor × target pair: who may create, change or disable a user holding (or getting) a role.</summary>
    [Theory]
    [InlineData(Role.SystemAdmin, Role.SystemAdmin, false)]
    [InlineData(Role.SystemAdmin, Role.Owner, true)]
    [InlineData(Role.SystemAdmin, Role.Admin, true)]
    [InlineData(Role.SystemAdmin, Role.Agent, true)]
    [InlineData(Role.Owner, Role.SystemAdmin, false)]
    [InlineData(Role.Owner, Role.Owner, false)]
    [InlineData(Role.Owner, Role.Admin, true)]
    [InlineData(Role.Owner, Role.Agent, true)]
    [InlineData(Role.Admin, Role.SystemAdmin, false)]
    [InlineData(Role.Admin, Role.Owner, false)]
    [InlineData(Role.Admin, Role.Admin, false)]
    [InlineData(Role.Admin, Role.Agent, true)]
    [InlineData(Role.Agent, Role.SystemAdmin, false)]
    [InlineData(Role.Agent, Role.Owner, false)]
    [InlineData(Role.Agent, Role.Admin, false)]
    [InlineData(Role.Agent, Role.Agent, false)]
    public void Management_matrix(Role actor, Role target, bool allowed)
    {
        actor.CanManage(target).Should().Be(allowed);
        UserManagementPolicy.CanCreate(actor, target).Should().Be(allowed);
        UserManagementPolicy.CanChangeAccess(actor, actingOnSelf: false, target).Should().Be(allowed);
        UserManagementPolicy.CanChangeAccess(actor, actingOnSelf: true, target).Should().BeFalse();
    }

    [Fact]
    public void A_role_changes_only_between_roles_the_actor_manages()
    {
        foreach (var actor in AllRoles)
        {
            foreach (var current in AllRoles)
            {
                foreach (var requested in AllRoles)
                {
                    UserManagementPolicy.CanChangeRole(actor, false, current, requested).Should()
                        .Be(actor.CanManage(current) && actor.CanManage(requested), "{0} moving {1} to {2}", actor, current, requested);
                }
            }
        }
    }

    [Fact]
    public void Nobody_changes_their_own_role_not_even_downwards()
    {
        foreach (var actor in AllRoles)
        {
            foreach (var requested in AllRoles)
            {
                UserManagementPolicy.CanChangeRole(actor, true, actor, requested).Should().BeFalse();
            }
        }
    }

    [Fact]
    public void Nobody_raises_anyone_to_or_above_their_own_role()
    {
        foreach (var actor in AllRoles)
        {
            foreach (var requested in AllRoles.Where(r => r >= actor))
            {
                foreach (var current in AllRoles)
                {
                    UserManagementPolicy.CanChangeRole(actor, false, current, requested).Should().BeFalse();
                }
            }
        }
    }

    [Fact]
    public void Agents_manage_nobody()
    {
        AllRoles.Should().OnlyContain(target => !Role.Agent.CanManage(target));
    }
}
