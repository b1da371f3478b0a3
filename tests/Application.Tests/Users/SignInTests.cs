using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Auth.ChangePassword;
using ProSaaS.Application.Auth.GetCurrentUser;
using ProSaaS.Application.Auth.SignIn;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Users.BootstrapSystemAdmin;
using ProSaaS.Application.Users.DisableUser;
using ProSaaS.Application.Users.EnableUser;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Tests.Users;

public sealed class SignInTests(UsersHost host) : IClassFixture<UsersHost>
{
    private const string Invalid = "האימייל או הסיסמה שגויים";

    [Fact]
    public async Task A_created_user_signs_in_with_any_casing_of_the_email()
    {
        var tenant = UsersHost.NewTenant();
        var agent = await host.CreateUserAsync(tenant, Role.Agent, email: UsersHost.NewEmail("Noa"));

        var user = await host.SendAnonymousAsync(new SignIn("  " + agent.Email.ToUpperInvariant() + " ", UsersHost.Password));

        user.Should().Be(new AuthenticatedUser(agent.UserId, tenant, Role.Agent, "משתמש agent", agent.Email.ToLowerInvariant()));
        (await host.Database.ScalarAsync<long>(
                "select count(*) from mt_events where tenant_id = $1 and stream_id = $2 and type = 'user_signed_in'", tenant, agent.UserId))
            .Should().Be(1);
        (await host.Database.ScalarAsync<DateTime>("select last_sign_in_at from users where id = $1", agent.UserId))
            .Should().Be(host.Clock.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task Unknown_email_and_wrong_password_are_refused_alike()
    {
        var agent = await host.CreateUserAsync(UsersHost.NewTenant(), Role.Agent);

        var unknown = await FluentActions.Invoking(() => host.SendAnonymousAsync(new SignIn(UsersHost.NewEmail(), UsersHost.Password)))
            .Should().ThrowAsync<AuthenticationFailedException>();
        var wrong = await FluentActions.Invoking(() => host.SendAnonymousAsync(new SignIn(agent.Email, UsersHost.Password + "x")))
            .Should().ThrowAsync<AuthenticationFailedException>();

        unknown.Which.Message.Should().Be(Invalid);
        wrong.Which.Message.Should().Be(Invalid);
        unknown.Which.LockedUntil.Should().BeNull();
        wrong.Which.LockedUntil.Should().BeNull();
        (await host.Database.ScalarAsync<int>("select failed_sign_ins from users where id = $1", agent.UserId)).Should().Be(1);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_the_right_one_is_then_refused_until_the_lockout_ends()
    {
        var tenant = UsersHost.NewTenant();
        var agent = await host.CreateUserAsync(tenant, Role.Agent);
        var lockedAt = host.Clock.GetUtcNow();

        for (var i = 1; i <= 4; i++)
        {
            (await FluentActions.Invoking(() => host.SendAnonymousAsync(new SignIn(agent.Email, "wrong-password-" + i)))
                .Should().ThrowAsync<AuthenticationFailedException>()).Which.Message.Should().Be(Invalid);
        }

        var fifth = await FluentActions.Invoking(() => host.SendAnonymousAsync(new SignIn(agent.Email, "wrong-password-5")))
            .Should().ThrowAsync<AuthenticationFailedException>();
        fifth.Which.LockedUntil.Should().Be(lockedAt.AddMinutes(15));
        fifth.Which.Message.Should().NotBe(Invalid).And.Contain("נחסם");

        var right = await FluentActions.Invoking(() => host.SendAnonymousAsync(new SignIn(agent.Email, UsersHost.Password)))
            .Should().ThrowAsync<AuthenticationFailedException>();
        right.Which.LockedUntil.Should().Be(lockedAt.AddMinutes(15));

        (await host.Database.ScalarAsync<long>(
                "select count(*) from mt_events where stream_id = $1 and type = 'user_sign_in_failed'", agent.UserId)).Should().Be(5);
        (await host.Database.ScalarAsync<string>(
                "select string_agg(type, ',' order by version) from mt_events where stream_id = $1 and version > 5", agent.UserId))
            .Should().Be("user_sign_in_failed,user_locked_out");
        (await host.Database.ScalarAsync<DateTime>("select locked_until from users where id = $1", agent.UserId))
            .Should().Be(lockedAt.AddMinutes(15).UtcDateTime);

        host.Clock.Advance(TimeSpan.FromMinutes(15));
        (await host.SendAnonymousAsync(new SignIn(agent.Email, UsersHost.Password))).UserId.Should().Be(agent.UserId);
        (await host.Database.ScalarAsync<object>("select locked_until from users where id = $1", agent.UserId)).Should().BeNull();
    }

    [Fact]
    public async Task A_disabled_user_is_refused_even_with_the_right_password_and_signs_in_again_once_enabled()
    {
        var tenant = UsersHost.NewTenant();
        var owner = await host.CreateUserAsync(tenant, Role.Owner);
        var agent = await host.CreateUserAsync(tenant, Role.Agent);
        await host.SendAsync(new DisableUser(agent.UserId), owner);

        (await FluentActions.Invoking(() => host.SendAnonymousAsync(new SignIn(agent.Email, UsersHost.Password)))
            .Should().ThrowAsync<AuthenticationFailedException>()).Which.Message.Should().Be(Invalid);

        await host.SendAsync(new EnableUser(agent.UserId), owner);
        (await host.SendAnonymousAsync(new SignIn(agent.Email, UsersHost.Password))).Role.Should().Be(Role.Agent);
    }

    [Fact]
    public async Task Users_of_a_suspended_business_are_refused()
    {
        var tenant = UsersHost.NewTenant();
        var owner = await host.CreateUserAsync(tenant, Role.Owner);
        host.Tenants.Set(tenant, TenantAccessStatus.Suspended);

        (await FluentActions.Invoking(() => host.SendAnonymousAsync(new SignIn(owner.Email, UsersHost.Password)))
            .Should().ThrowAsync<AuthenticationFailedException>()).Which.Message.Should().Be(Invalid);

        host.Tenants.Set(tenant, TenantAccessStatus.Active);
        (await host.SendAnonymousAsync(new SignIn(owner.Email, UsersHost.Password))).TenantId.Should().Be(tenant);
    }

    [Fact]
    public async Task The_system_admin_is_bootstrapped_once_lives_under_the_platform_and_signs_in_without_a_tenant()
    {
        var email = UsersHost.NewEmail("root");
        var id = await host.SendAnonymousAsync(new BootstrapSystemAdmin(email, "מנהל המערכת", UsersHost.Password));

        var admin = await host.SendAnonymousAsync(new SignIn(email, UsersHost.Password));

        admin.Should().Be(new AuthenticatedUser(id, null, Role.SystemAdmin, "מנהל המערכת", email));
        (await host.Database.ScalarAsync<string>("select distinct tenant_id from mt_events where stream_id = $1", id)).Should().Be(User.PlatformTenantId);
        (await host.Database.ScalarAsync<string>("select tenant_id from users where id = $1", id)).Should().Be("platform");
        (await FluentActions.Invoking(() => host.SendAnonymousAsync(new BootstrapSystemAdmin(UsersHost.NewEmail("root2"), "שני", UsersHost.Password)))
            .Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("user.system_admin_exists");

        var me = await host.SendAsync(new GetCurrentUser(), new Actor(Role.SystemAdmin, UsersHost.NewTenant(), id));
        me.UserId.Should().Be(id);
        me.TenantId.Should().BeNull();
    }

    [Fact]
    public async Task Current_user_is_read_fresh_and_a_disabled_users_session_ends()
    {
        var tenant = UsersHost.NewTenant();
        var owner = await host.CreateUserAsync(tenant, Role.Owner);
        var agent = await host.CreateUserAsync(tenant, Role.Agent);

        (await host.SendAsync(new GetCurrentUser(), agent)).Should()
            .Be(new AuthenticatedUser(agent.UserId, tenant, Role.Agent, "משתמש agent", agent.Email));

        await host.SendAsync(new DisableUser(agent.UserId), owner);
        await FluentActions.Invoking(() => host.SendAsync(new GetCurrentUser(), agent)).Should().ThrowAsync<AuthenticationFailedException>();
        await FluentActions.Invoking(() => host.SendAsync(new GetCurrentUser(), agent with { TenantId = UsersHost.NewTenant() }))
            .Should().ThrowAsync<AuthenticationFailedException>();
    }

    [Fact]
    public async Task A_password_hashed_with_older_parameters_is_rehashed_at_sign_in()
    {
        var tenant = UsersHost.NewTenant();
        var email = UsersHost.NewEmail("legacy");
        var legacyHash = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV2,
        })).HashPassword(new object(), UsersHost.Password);
        var user = User.Create(Guid.NewGuid(), tenant, email, "ותיק", Role.Agent, legacyHash, host.Clock.GetUtcNow());
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IEventStore>().ForTenant(tenant).SaveAsync(user);
        }

        await host.SendAnonymousAsync(new SignIn(email, UsersHost.Password));

        var newHash = await host.Database.ScalarAsync<string>(
            "select data->>'passwordHash' from mt_events where stream_id = $1 and type = 'user_password_changed'", user.Id);
        newHash.Should().NotBeNullOrEmpty().And.NotBe(legacyHash);
        host.Services.GetRequiredService<IPasswordHasher>().Verify(newHash, UsersHost.Password).Should().Be(PasswordCheck.Success);
        (await host.SendAnonymousAsync(new SignIn(email, UsersHost.Password))).UserId.Should().Be(user.Id);
    }

    [Fact]
    public async Task Users_change_their_own_password_by_proving_the_current_one()
    {
        var agent = await host.CreateUserAsync(UsersHost.NewTenant(), Role.Agent);
        const string newPassword = "עוד-סיסמה-חדשה-1";

        (await FluentActions.Invoking(() => host.SendAsync(new ChangePassword("not-the-password", newPassword), agent))
            .Should().ThrowAsync<ValidationFailedException>()).Which.Errors.Should().ContainKey("currentPassword");
        (await FluentActions.Invoking(() => host.SendAsync(new ChangePassword(UsersHost.Password, "1234567890"), agent))
            .Should().ThrowAsync<ValidationFailedException>()).Which.Errors["newPassword"].Should().Equal("הסיסמה אינה יכולה להכיל ספרות בלבד.");

        await host.SendAsync(new ChangePassword(UsersHost.Password, newPassword), agent);

        (await host.SendAnonymousAsync(new SignIn(agent.Email, newPassword))).UserId.Should().Be(agent.UserId);
        await FluentActions.Invoking(() => host.SendAnonymousAsync(new SignIn(agent.Email, UsersHost.Password)))
            .Should().ThrowAsync<AuthenticationFailedException>();
    }

    [Fact]
    public async Task Sign_in_needs_an_email_and_a_password_and_never_logs_the_password()
    {
        var error = (await FluentActions.Invoking(() => host.SendAnonymousAsync(new SignIn(" ", "")))
            .Should().ThrowAsync<ValidationFailedException>()).Which;
        error.Errors.Keys.Should().BeEquivalentTo("email", "password");

        new SignIn("a@b.co", "my-secret-password").ToString().Should().NotContain("my-secret-password");
        host.Logs.Entries.Should().NotContain(e => e.Message.Contains(UsersHost.Password));
    }
}
