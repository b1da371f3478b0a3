using ProSaaS.Domain.Common;
using ProSaaS.Domain.Users;

namespace ProSaaS.Domain.Tests.Users;

public sealed class UserTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 2, 10, 0, 0, TimeSpan.Zero);

    private static User NewUser(Role role = Role.Agent, string? tenant = "tenant-a")
    {
        var user = User.Create(Guid.NewGuid(), tenant, "dana@example.co.il", "דנה", role, "hash-1", Now);
        user.MarkCommitted();
        return user;
    }

    [Fact]
    public void Create_normalises_the_email_and_trims_the_name()
    {
        var id = Guid.NewGuid();
        var user = User.Create(id, "tenant-a", "  Dana.Levi@Example.CO.IL ", "  דנה לוי ", Role.Admin, "hash", Now);

        var created = user.UncommittedEvents.Should().ContainSingle().Which.Should().BeOfType<UserCreated>().Subject;
        created.Should().Be(new UserCreated(id, "tenant-a", "dana.levi@example.co.il", "דנה לוי", Role.Admin, "hash", Now));
        user.StreamTenantId.Should().Be("tenant-a");
        user.IsDisabled.Should().BeFalse();
    }

    [Fact]
    public void The_system_admin_has_no_tenant_and_lives_in_the_platform_stream_tenant()
    {
        var admin = User.Create(Guid.NewGuid(), null, "root@prosaas.co.il", "מנהל", Role.SystemAdmin, "hash", Now);

        admin.TenantId.Should().BeNull();
        admin.StreamTenantId.Should().Be(User.PlatformTenantId).And.Be("platform");
    }

    [Theory]
    [InlineData("tenant-a", Role.SystemAdmin, "user.system_admin_has_no_tenant")]
    [InlineData(null, Role.Owner, "user.tenant_required")]
    [InlineData(" ", Role.Agent, "user.tenant_required")]
    [InlineData("platform", Role.Agent, "user.tenant_reserved")]
    public void Tenant_and_role_must_agree(string? tenant, Role role, string code)
    {
        FluentActions.Invoking(() => User.Create(Guid.NewGuid(), tenant, "a@b.co", "x", role, "hash", Now))
            .Should().Throw<DomainException>().Which.Code.Should().Be(code);
    }

    [Theory]
    [InlineData("", "user.email_invalid")]
    [InlineData("no-at-sign", "user.email_invalid")]
    [InlineData("a@b@c", "user.email_invalid")]
    [InlineData("a b@c.co", "user.email_invalid")]
    [InlineData("@c.co", "user.email_invalid")]
    public void Create_refuses_malformed_emails(string email, string code)
    {
        FluentActions.Invoking(() => User.Create(Guid.NewGuid(), "t", email, "x", Role.Agent, "hash", Now))
            .Should().Throw<DomainException>().Which.Code.Should().Be(code);
    }

    [Fact]
    public void Create_refuses_an_empty_or_long_name_and_an_empty_hash()
    {
        FluentActions.Invoking(() => User.Create(Guid.NewGuid(), "t", "a@b.co", " ", Role.Agent, "hash", Now))
            .Should().Throw<DomainException>().Which.Code.Should().Be("user.display_name_required");
        FluentActions.Invoking(() => User.Create(Guid.NewGuid(), "t", "a@b.co", new string('א', 101), Role.Agent, "hash", Now))
            .Should().Throw<DomainException>().Which.Code.Should().Be("user.display_name_too_long");
        FluentActions.Invoking(() => User.Create(Guid.NewGuid(), "t", "a@b.co", "x", Role.Agent, "", Now))
            .Should().Throw<DomainException>().Which.Code.Should().Be("user.password_required");
    }

    [Fact]
    public void Five_wrong_passwords_lock_the_user_and_then_even_the_right_one_is_refused()
    {
        var user = NewUser();
        for (var i = 1; i <= 4; i++)
        {
            user.AttemptSignIn(false, Now).Outcome.Should().Be(SignInOutcome.Failed);
        }

        var fifth = user.AttemptSignIn(false, Now.AddMinutes(1));

        fifth.Outcome.Should().Be(SignInOutcome.LockedOut);
        user.UncommittedEvents.TakeLast(2).Should().Equal(
            new UserSignInFailed(user.Id, Now.AddMinutes(1), 5),
            new UserLockedOut(user.Id, Now.AddMinutes(1), Now.AddMinutes(16)));
        user.LockedUntil.Should().Be(Now.AddMinutes(16));

        var eventsSoFar = user.UncommittedEvents.Count;
        user.AttemptSignIn(true, Now.AddMinutes(15)).Outcome.Should().Be(SignInOutcome.StillLocked);
        user.UncommittedEvents.Should().HaveCount(eventsSoFar, "an attempt during a lockout records nothing");

        user.AttemptSignIn(true, Now.AddMinutes(16)).Outcome.Should().Be(SignInOutcome.Succeeded);
        user.UncommittedEvents[^1].Should().Be(new UserSignedIn(user.Id, Now.AddMinutes(16)));
        user.LockedUntil.Should().BeNull();
        user.LastSignInAt.Should().Be(Now.AddMinutes(16));
    }

    [Fact]
    public void A_success_resets_the_count_of_failures()
    {
        var user = NewUser();
        user.AttemptSignIn(false, Now);
        user.AttemptSignIn(false, Now);
        user.AttemptSignIn(true, Now);
        user.ConsecutiveFailedSignIns.Should().Be(0);

        for (var i = 0; i < 4; i++)
        {
            user.AttemptSignIn(false, Now).Outcome.Should().Be(SignInOutcome.Failed);
        }

        user.ConsecutiveFailedSignIns.Should().Be(4);
    }

    [Fact]
    public void After_a_lockout_the_count_starts_again()
    {
        var user = NewUser();
        for (var i = 0; i < 5; i++)
        {
            user.AttemptSignIn(false, Now);
        }

        var later = Now.AddMinutes(20);
        user.AttemptSignIn(false, later).Should().Be(new SignInDecision(SignInOutcome.Failed, 1, null));
    }

    [Fact]
    public void A_disabled_user_cannot_attempt_to_sign_in()
    {
        var user = NewUser();
        user.Disable(Role.Owner, Guid.NewGuid(), Now);

        FluentActions.Invoking(() => user.AttemptSignIn(true, Now)).Should().Throw<DomainException>().Which.Code.Should().Be("user.disabled");
    }

    [Fact]
    public void Role_change_records_from_and_to_and_the_same_role_changes_nothing()
    {
        var user = NewUser(Role.Agent);

        user.ChangeRole(Role.Admin, Role.Owner, Guid.NewGuid(), Now);
        user.ChangeRole(Role.Admin, Role.Owner, Guid.NewGuid(), Now);

        user.UncommittedEvents.Should().ContainSingle().Which.Should().Be(new UserRoleChanged(user.Id, Role.Agent, Role.Admin, Now));
        user.Role.Should().Be(Role.Admin);
    }

    [Theory]
    [InlineData(Role.Admin, Role.Agent, Role.Admin)]
    [InlineData(Role.Admin, Role.Admin, Role.Agent)]
    [InlineData(Role.Owner, Role.Agent, Role.Owner)]
    [InlineData(Role.Agent, Role.Agent, Role.Agent)]
    public void Role_change_refuses_what_the_actor_cannot_manage(Role actor, Role current, Role requested)
    {
        var user = NewUser(current);
        FluentActions.Invoking(() => user.ChangeRole(requested, actor, Guid.NewGuid(), Now))
            .Should().Throw<DomainException>().Which.Code.Should().Be("user.role_change_forbidden");
    }

    [Fact]
    public void Nobody_changes_or_disables_themselves()
    {
        var user = NewUser(Role.Admin);
        FluentActions.Invoking(() => user.ChangeRole(Role.Agent, Role.SystemAdmin, user.Id, Now))
            .Should().Throw<DomainException>().Which.Code.Should().Be("user.role_change_forbidden");
        FluentActions.Invoking(() => user.Disable(Role.SystemAdmin, user.Id, Now))
            .Should().Throw<DomainException>().Which.Code.Should().Be("user.access_change_forbidden");
    }

    [Fact]
    public void Disable_and_enable_are_idempotent()
    {
        var user = NewUser();
        var owner = Guid.NewGuid();

        user.Disable(Role.Owner, owner, Now);
        user.Disable(Role.Owner, owner, Now);
        user.Enable(Role.Admin, owner, Now);
        user.Enable(Role.Admin, owner, Now);

        user.UncommittedEvents.Should().Equal(new UserDisabled(user.Id, Now), new UserEnabled(user.Id, Now));
        user.IsDisabled.Should().BeFalse();
    }

    [Fact]
    public void Password_change_replaces_the_hash_once()
    {
        var user = NewUser();
        user.ChangePassword("hash-2", Now);
        user.ChangePassword("hash-2", Now);

        user.UncommittedEvents.Should().ContainSingle().Which.Should().Be(new UserPasswordChanged(user.Id, "hash-2", Now));
        user.PasswordHash.Should().Be("hash-2");
    }

    [Fact]
    public void Replaying_the_events_rebuilds_the_same_state()
    {
        var user = NewUser(Role.Agent);
        user.ChangeRole(Role.Admin, Role.Owner, null, Now);
        for (var i = 0; i < 5; i++)
        {
            user.AttemptSignIn(false, Now);
        }

        var events = new List<ProSaaS.Domain.Common.IDomainEvent>
        {
            new UserCreated(user.Id, "tenant-a", "dana@example.co.il", "דנה", Role.Agent, "hash-1", Now),
        };
        events.AddRange(user.UncommittedEvents);

        var replayed = (User)Activator.CreateInstance(typeof(User), nonPublic: true)!;
        for (var i = 0; i < events.Count; i++)
        {
            replayed.ReplayEvent(events[i], i + 1);
        }

        replayed.Role.Should().Be(Role.Admin);
        replayed.LockedUntil.Should().Be(Now + SignInLockout.LockoutDuration);
        replayed.ConsecutiveFailedSignIns.Should().Be(0);
        replayed.Version.Should().Be(user.Version);
    }
}
