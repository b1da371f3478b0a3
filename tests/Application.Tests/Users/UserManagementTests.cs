using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Auth.SignIn;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Users;
using ProSaaS.Application.Users.ChangeUserRole;
using ProSaaS.Application.Users.CreateUser;
using ProSaaS.Application.Users.DisableUser;
using ProSaaS.Application.Users.EnableUser;
using ProSaaS.Application.Users.GetUser;
using ProSaaS.Application.Users.ListUsers;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Tests.Users;

public sealed class UserManagementTests(UsersHost host) : IClassFixture<UsersHost>
{
    private static CreateUser NewUser(Role role, string? tenantId = null) =>
        new(UsersHost.NewEmail(role.ToWireName()), "חדש", role, UsersHost.Password, tenantId);

    [Theory]
    [InlineData(Role.Agent)]
    [InlineData(Role.Admin)]
    [InlineData(Role.Owner)]
    public async Task An_agent_cannot_create_users(Role role)
    {
        var agent = await host.CreateUserAsync(UsersHost.NewTenant(), Role.Agent);

        await FluentActions.Invoking(() => host.SendAsync(NewUser(role), agent)).Should().ThrowAsync<ForbiddenException>();
    }

    [Fact]
    public async Task An_admin_creates_agents_but_not_admins_or_owners()
    {
        var tenant = UsersHost.NewTenant();
        var admin = await host.CreateUserAsync(tenant, Role.Admin);

        var agentId = await host.SendAsync(NewUser(Role.Agent), admin);

        (await host.SendAsync(new GetUser(agentId), admin)).Should().Match<UserView>(u => u.TenantId == tenant && u.Role == Role.Agent);
        await FluentActions.Invoking(() => host.SendAsync(NewUser(Role.Admin), admin)).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Invoking(() => host.SendAsync(NewUser(Role.Owner), admin)).Should().ThrowAsync<ForbiddenException>();
    }

    [Fact]
    public async Task An_owner_creates_admins_and_agents_but_not_owners()
    {
        var owner = await host.CreateUserAsync(UsersHost.NewTenant(), Role.Owner);

        await host.SendAsync(NewUser(Role.Admin), owner);
        await host.SendAsync(NewUser(Role.Agent), owner);
        await FluentActions.Invoking(() => host.SendAsync(NewUser(Role.Owner), owner)).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Invoking(() => host.SendAsync(NewUser(Role.SystemAdmin), owner)).Should().ThrowAsync<ForbiddenException>();
    }

    [Fact]
    public async Task Only_the_system_admin_names_the_tenant_of_a_new_user()
    {
        var tenant = UsersHost.NewTenant();
        var otherTenant = UsersHost.NewTenant();

        var firstOwner = await host.SendAsync(NewUser(Role.Owner, tenant), Actor.SystemAdmin());
        var inSelected = await host.SendAsync(NewUser(Role.Admin), Actor.SystemAdmin(selectedTenant: tenant));

        var owner = new Actor(Role.Owner, tenant, firstOwner);
        (await host.SendAsync(new ListUsers(), owner)).Select(u => u.Id).Should().Equal(firstOwner, inSelected);
        await FluentActions.Invoking(() => host.SendAsync(NewUser(Role.Agent, otherTenant), owner)).Should().ThrowAsync<ForbiddenException>();
        (await host.SendAsync(new ListUsers(), owner with { TenantId = otherTenant })).Should().BeEmpty();
        (await FluentActions.Invoking(() => host.SendAsync(NewUser(Role.Owner), Actor.SystemAdmin()))
            .Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Should().ContainKey("tenantId");
        await FluentActions.Invoking(() => host.SendAsync(NewUser(Role.SystemAdmin), Actor.SystemAdmin(tenant))).Should().ThrowAsync<ForbiddenException>();
    }

    [Fact]
    public async Task The_system_admin_cannot_create_users_in_a_business_that_does_not_exist()
    {
        var unknown = UsersHost.NewTenant();
        host.Tenants.Set(unknown, TenantAccessStatus.Unknown);

        await FluentActions.Invoking(() => host.SendAsync(NewUser(Role.Owner, unknown), Actor.SystemAdmin())).Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public async Task An_email_is_taken_platform_wide_whatever_its_casing()
    {
        var agent = await host.CreateUserAsync(UsersHost.NewTenant(), Role.Agent);

        var act = () => host.SendAsync(NewUser(Role.Agent, UsersHost.NewTenant()) with { Email = " " + agent.Email.ToUpperInvariant() }, Actor.SystemAdmin());

        (await act.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("user.email_taken");
    }

    [Fact]
    public async Task Two_concurrent_creations_with_one_email_leave_exactly_one_user()
    {
        var email = UsersHost.NewEmail("race");
        var attempts = Enumerable.Range(0, 6)
            .Select(i => Task.Run(async () =>
            {
                try
                {
                    await host.SendAsync(new CreateUser(email, "מרוץ " + i, Role.Agent, UsersHost.Password, UsersHost.NewTenant()), Actor.SystemAdmin());
                    return "created";
                }
                catch (ConflictException ex)
                {
                    return ex.Code;
                }
            }))
            .ToList();

        var outcomes = await Task.WhenAll(attempts);

        outcomes.Count(o => o == "created").Should().Be(1);
        outcomes.Where(o => o != "created").Should().OnlyContain(o => o == "user.email_taken");
        (await host.Database.ScalarAsync<long>("select count(*) from users where email = $1", email)).Should().Be(1);
        (await host.Database.ScalarAsync<long>("select count(*) from mt_events where type = 'user_created' and data->>'email' = $1", email)).Should().Be(1);
    }

    [Fact]
    public async Task The_read_models_unique_email_refuses_a_duplicate_that_got_past_the_check_and_nothing_is_stored()
    {
        var agent = await host.CreateUserAsync(UsersHost.NewTenant(), Role.Agent);
        var otherTenant = UsersHost.NewTenant();
        var duplicate = User.Create(Guid.NewGuid(), otherTenant, agent.Email, "כפיל", Role.Agent, "hash", host.Clock.GetUtcNow());

        await using var scope = host.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IEventStore>().ForTenant(otherTenant);
        (await FluentActions.Invoking(() => store.SaveAsync(duplicate)).Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("user.email_taken");

        (await host.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1", duplicate.Id)).Should().Be(0);
        (await host.Database.ScalarAsync<long>("select count(*) from mt_streams where id = $1", duplicate.Id)).Should().Be(0);
    }

    [Fact]
    public async Task Weak_passwords_and_bad_fields_are_listed_in_hebrew()
    {
        var owner = await host.CreateUserAsync(UsersHost.NewTenant(), Role.Owner);

        var error = (await FluentActions.Invoking(() => host.SendAsync(new CreateUser("not-an-email", "", (Role)42, "short"), owner))
            .Should().ThrowAsync<ValidationFailedException>()).Which;

        error.Errors.Keys.Should().BeEquivalentTo("email", "displayName", "role", "password");
        error.Errors["password"].Should().Equal("הסיסמה חייבת להכיל 10–128 תווים.");
        (await FluentActions.Invoking(() => host.SendAsync(NewUser(Role.Agent) with { Password = "12345678901234" }, owner))
            .Should().ThrowAsync<ValidationFailedException>()).Which.Errors["password"].Should().Equal("הסיסמה אינה יכולה להכיל ספרות בלבד.");
        await FluentActions.Invoking(() => host.SendAsync(NewUser(Role.Agent) with { Password = new string('א', 129) }, owner))
            .Should().ThrowAsync<ValidationFailedException>();
        await host.SendAsync(NewUser(Role.Agent) with { Password = new string('א', 128) }, owner);
    }

    [Fact]
    public async Task Nobody_changes_their_own_role()
    {
        var tenant = UsersHost.NewTenant();
        var owner = await host.CreateUserAsync(tenant, Role.Owner);
        var admin = await host.CreateUserAsync(tenant, Role.Admin);

        await FluentActions.Invoking(() => host.SendAsync(new ChangeUserRole(owner.UserId, Role.Admin), owner)).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Invoking(() => host.SendAsync(new ChangeUserRole(admin.UserId, Role.Agent), admin)).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Invoking(() => host.SendAsync(new ChangeUserRole(admin.UserId, Role.Owner), admin)).Should().ThrowAsync<ForbiddenException>();
        (await host.SendAsync(new GetUser(owner.UserId), owner)).Role.Should().Be(Role.Owner);
        (await host.SendAsync(new GetUser(admin.UserId), owner)).Role.Should().Be(Role.Admin);
    }

    [Fact]
    public async Task Roles_change_only_between_roles_the_actor_manages()
    {
        var tenant = UsersHost.NewTenant();
        var owner = await host.CreateUserAsync(tenant, Role.Owner);
        var admin = await host.CreateUserAsync(tenant, Role.Admin);
        var agent = await host.CreateUserAsync(tenant, Role.Agent);
        var agent2 = await host.CreateUserAsync(tenant, Role.Agent);

        await FluentActions.Invoking(() => host.SendAsync(new ChangeUserRole(agent.UserId, Role.Admin), admin)).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Invoking(() => host.SendAsync(new ChangeUserRole(owner.UserId, Role.Agent), admin)).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Invoking(() => host.SendAsync(new ChangeUserRole(agent.UserId, Role.Owner), owner)).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Invoking(() => host.SendAsync(new ChangeUserRole(agent.UserId, Role.Agent), agent2)).Should().ThrowAsync<ForbiddenException>();

        (await host.SendAsync(new ChangeUserRole(agent.UserId, Role.Admin), owner)).Should().Be(2);
        (await host.SendAsync(new ChangeUserRole(admin.UserId, Role.Agent), owner)).Should().Be(2);
        (await host.SendAsync(new ChangeUserRole(owner.UserId, Role.Admin), Actor.SystemAdmin(tenant))).Should().Be(2);

        (await host.SendAnonymousAsync(new SignIn(agent.Email, UsersHost.Password))).Role.Should().Be(Role.Admin);
        (await host.SendAsync(new ListUsers(), Actor.SystemAdmin(tenant))).ToDictionary(u => u.Id, u => u.Role).Should().BeEquivalentTo(
            new Dictionary<Guid, Role>
            {
                [owner.UserId] = Role.Admin, [admin.UserId] = Role.Agent, [agent.UserId] = Role.Admin, [agent2.UserId] = Role.Agent,
            });
        (await host.Database.ScalarAsync<string>("select data->>'fromRole' || '>' || (data->>'toRole') from mt_events where stream_id = $1 and version = 2", agent.UserId))
            .Should().Be("agent>admin");
    }

    [Fact]
    public async Task Disabling_is_for_users_the_actor_manages_and_never_oneself()
    {
        var tenant = UsersHost.NewTenant();
        var owner = await host.CreateUserAsync(tenant, Role.Owner);
        var admin = await host.CreateUserAsync(tenant, Role.Admin);
        var otherAdmin = await host.CreateUserAsync(tenant, Role.Admin);
        var agent = await host.CreateUserAsync(tenant, Role.Agent);

        await FluentActions.Invoking(() => host.SendAsync(new DisableUser(owner.UserId), owner)).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Invoking(() => host.SendAsync(new DisableUser(admin.UserId), admin)).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Invoking(() => host.SendAsync(new DisableUser(otherAdmin.UserId), admin)).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Invoking(() => host.SendAsync(new DisableUser(owner.UserId), admin)).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Invoking(() => host.SendAsync(new DisableUser(agent.UserId), agent with { UserId = Guid.NewGuid() }))
            .Should().ThrowAsync<ForbiddenException>();

        await host.SendAsync(new DisableUser(agent.UserId), admin);
        await host.SendAsync(new DisableUser(otherAdmin.UserId), owner);
        (await host.SendAsync(new DisableUser(otherAdmin.UserId), owner)).Should().Be(2, "disabling twice changes nothing");

        var users = (await host.SendAsync(new ListUsers(), owner)).ToDictionary(u => u.Id);
        users[agent.UserId].IsDisabled.Should().BeTrue();
        users[otherAdmin.UserId].IsDisabled.Should().BeTrue();
        users[admin.UserId].IsDisabled.Should().BeFalse();

        await FluentActions.Invoking(() => host.SendAsync(new EnableUser(otherAdmin.UserId), admin)).Should().ThrowAsync<ForbiddenException>();
        await host.SendAsync(new EnableUser(otherAdmin.UserId), owner);
        (await host.SendAsync(new GetUser(otherAdmin.UserId), owner)).IsDisabled.Should().BeFalse();
    }

    [Fact]
    public async Task Another_tenants_users_are_not_found_whatever_is_asked()
    {
        var tenantA = UsersHost.NewTenant();
        var tenantB = UsersHost.NewTenant();
        var agentA = await host.CreateUserAsync(tenantA, Role.Agent);
        var ownerB = await host.CreateUserAsync(tenantB, Role.Owner);

        await FluentActions.Invoking(() => host.SendAsync(new GetUser(agentA.UserId), ownerB)).Should().ThrowAsync<NotFoundException>();
        await FluentActions.Invoking(() => host.SendAsync(new ChangeUserRole(agentA.UserId, Role.Admin), ownerB)).Should().ThrowAsync<NotFoundException>();
        await FluentActions.Invoking(() => host.SendAsync(new DisableUser(agentA.UserId), ownerB)).Should().ThrowAsync<NotFoundException>();
        await FluentActions.Invoking(() => host.SendAsync(new EnableUser(agentA.UserId), ownerB)).Should().ThrowAsync<NotFoundException>();
        await FluentActions.Invoking(() => host.SendAsync(new GetUser(Guid.NewGuid()), ownerB)).Should().ThrowAsync<NotFoundException>();
        (await host.SendAsync(new ListUsers(), ownerB)).Select(u => u.Id).Should().Equal(ownerB.UserId);

        (await host.SendAnonymousAsync(new SignIn(agentA.Email, UsersHost.Password))).Role.Should().Be(Role.Agent, "nothing changed");
    }

    [Fact]
    public async Task Listing_users_is_for_admins_and_above_and_shows_no_password_hash()
    {
        var tenant = UsersHost.NewTenant();
        var admin = await host.CreateUserAsync(tenant, Role.Admin);
        var agent = await host.CreateUserAsync(tenant, Role.Agent);

        await FluentActions.Invoking(() => host.SendAsync(new ListUsers(), agent)).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Invoking(() => host.SendAsync(new GetUser(admin.UserId), agent)).Should().ThrowAsync<ForbiddenException>();
        (await host.SendAsync(new ListUsers(), admin)).Should().HaveCount(2);
        typeof(UserView).GetProperties().Select(p => p.Name).Should().NotContain(n => n.Contains("Password"));
    }

    [Fact]
    public async Task Nothing_is_done_for_an_unauthenticated_request()
    {
        await FluentActions.Invoking(() => host.SendAnonymousAsync(NewUser(Role.Agent, UsersHost.NewTenant()))).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Invoking(() => host.SendAnonymousAsync(new ListUsers())).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Invoking(() => host.SendAsync(new ListUsers(), Actor.SystemAdmin())).Should().ThrowAsync<TenantRequiredException>();
    }
}
