using System.Net.Http.Json;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Tenancy;

/// <summary>
/// Nobody raises anyone — themselves included — to their own tier or above: owners manage admins and agents, admins
/// manage agents, agents manage nobody, and an API key's role is at most its creator's. Every attempt answers 403
/// and leaves the user, or the list of keys, as it was.
/// </summary>
public sealed class EscalationTests(TenancyFixture fx) : IClassFixture<TenancyFixture>
{
    private Guid A => fx.TenantA;

    public static TheoryData<Caller, string> UsersTheCallerMayNotCreate => new()
    {
        { Caller.AgentSession, "agent" },
        { Caller.AgentSession, "admin" },
        { Caller.AgentKey, "agent" },
        { Caller.AdminSession, "admin" },
        { Caller.AdminSession, "owner" },
        { Caller.AdminKey, "admin" },
        { Caller.AdminKey, "owner" },
        { Caller.OwnerSession, "owner" },
        { Caller.OwnerSession, "system_admin" },
        { Caller.OwnerKey, "owner" },
        { Caller.SystemAdmin, "system_admin" },
    };

    [Theory]
    [MemberData(nameof(UsersTheCallerMayNotCreate))]
    public async Task Nobody_creates_a_user_of_their_own_tier_or_above(Caller caller, string role)
    {
        var client = await fx.ClientAsync(A, caller);
        var email = Callers.Unique("climber") + "@escalation.test";

        var response = await client.PostAsJsonAsync("/api/v1/users", new { email, displayName = "מטפס", role, password = TenancyFixture.Password });

        await response.ShouldBeProblemAsync(403);
        (await fx.Database.ScalarAsync<long>("select count(*) from users where email = $1", email)).Should().Be(0);
    }

    /// <summary>Whose role the caller tries to change: itself, a fresh agent or admin, or the business's owner.</summary>
    public enum Subject
    {
        Self,
        FreshAgent,
        FreshAdmin,
        Owner,
    }

    public static TheoryData<Caller, Subject, string> RoleChangesTheCallerMayNotMake => new()
    {
        // An agent changes no role, its own least of all.
        { Caller.AgentSession, Subject.Self, "admin" },
        { Caller.AgentSession, Subject.Self, "owner" },
        { Caller.AgentSession, Subject.FreshAgent, "admin" },
        { Caller.AgentSession, Subject.FreshAdmin, "agent" },
        { Caller.AgentSession, Subject.Owner, "agent" },
        { Caller.AgentKey, Subject.FreshAgent, "admin" },
        // An admin manages agents only, and not its own role.
        { Caller.AdminSession, Subject.FreshAgent, "admin" },
        { Caller.AdminSession, Subject.FreshAgent, "owner" },
        { Caller.AdminSession, Subject.FreshAdmin, "agent" },
        { Caller.AdminSession, Subject.Self, "owner" },
        { Caller.AdminSession, Subject.Self, "agent" },
        { Caller.AdminSession, Subject.Owner, "agent" },
        { Caller.AdminKey, Subject.FreshAgent, "admin" },
        { Caller.AdminKey, Subject.Owner, "admin" },
        // An owner makes no other owner and does not change its own role.
        { Caller.OwnerSession, Subject.FreshAdmin, "owner" },
        { Caller.OwnerSession, Subject.FreshAgent, "owner" },
        { Caller.OwnerSession, Subject.Self, "admin" },
        { Caller.OwnerSession, Subject.FreshAgent, "system_admin" },
        { Caller.OwnerKey, Subject.FreshAdmin, "owner" },
    };

    [Theory]
    [MemberData(nameof(RoleChangesTheCallerMayNotMake))]
    public async Task Nobody_raises_anyone_to_their_own_tier_or_changes_their_own_role(Caller caller, Subject subject, string role)
    {
        var client = await fx.ClientAsync(A, caller);
        var userId = subject switch
        {
            Subject.Self => fx.Users[(A, caller.RoleOf())],
            Subject.FreshAgent => await fx.NewUserAsync(A, Role.Agent),
            Subject.FreshAdmin => await fx.NewUserAsync(A, Role.Admin),
            Subject.Owner => fx.Users[(A, Role.Owner)],
            _ => throw new ArgumentOutOfRangeException(nameof(subject)),
        };
        var before = await fx.ReadUserAsync(A, userId);

        var response = await client.PutAsJsonAsync($"/api/v1/users/{userId}/role", new { role });

        await response.ShouldBeProblemAsync(403);
        var after = await fx.ReadUserAsync(A, userId);
        after.GetProperty("role").GetString().Should().Be(before.GetProperty("role").GetString());
        after.GetProperty("version").GetInt64().Should().Be(before.GetProperty("version").GetInt64());
    }

    [Theory]
    [InlineData(Caller.AdminSession, Role.Owner)]
    [InlineData(Caller.AdminSession, Role.Admin)]
    [InlineData(Caller.AdminKey, Role.Owner)]
    [InlineData(Caller.AgentSession, Role.Agent)]
    [InlineData(Caller.AgentKey, Role.Admin)]
    public async Task An_admin_disables_no_owner_or_admin_and_an_agent_disables_nobody(Caller caller, Role subjectRole)
    {
        var client = await fx.ClientAsync(A, caller);
        var userId = subjectRole == Role.Owner ? fx.Users[(A, Role.Owner)] : await fx.NewUserAsync(A, subjectRole);

        await (await client.PostAsync($"/api/v1/users/{userId}/disable", null)).ShouldBeProblemAsync(403);

        (await fx.ReadUserAsync(A, userId)).GetProperty("isDisabled").GetBoolean().Should().BeFalse();
    }

    [Theory]
    [InlineData(Caller.OwnerSession)]
    [InlineData(Caller.AdminSession)]
    public async Task Nobody_disables_themselves(Caller caller)
    {
        var client = await fx.ClientAsync(A, caller);
        var self = fx.Users[(A, caller.RoleOf())];

        await (await client.PostAsync($"/api/v1/users/{self}/disable", null)).ShouldBeProblemAsync(403);

        (await fx.ReadUserAsync(A, self)).GetProperty("isDisabled").GetBoolean().Should().BeFalse();
    }

    [Theory]
    [InlineData(Caller.OwnerSession)]
    [InlineData(Caller.AdminSession)]
    [InlineData(Caller.OwnerKey)]
    public async Task Only_the_system_admin_creates_a_user_in_another_business(Caller caller)
    {
        var client = await fx.ClientAsync(A, caller);
        var email = Callers.Unique("intruder") + "@escalation.test";

        var response = await client.PostAsJsonAsync("/api/v1/users", new
        {
            email, displayName = "פולש", role = "agent", password = TenancyFixture.Password, tenantId = fx.TenantB.ToString(),
        });

        await response.ShouldBeProblemAsync(403);
        (await fx.Database.ScalarAsync<long>("select count(*) from users where email = $1", email)).Should().Be(0);
    }

    public static TheoryData<Caller, string> KeysTheCallerMayNotCreate => new()
    {
        { Caller.AgentKey, "agent" },
        { Caller.AgentSession, "agent" },
        { Caller.AdminSession, "owner" },
        { Caller.AdminKey, "owner" },
        { Caller.OwnerSession, "system_admin" },
        { Caller.OwnerKey, "system_admin" },
        { Caller.SystemAdmin, "system_admin" },
    };

    [Theory]
    [MemberData(nameof(KeysTheCallerMayNotCreate))]
    public async Task No_api_key_acts_above_its_creator(Caller caller, string role)
    {
        var client = await fx.ClientAsync(A, caller);
        var keysBefore = (await fx.ListKeysAsync(A)).GetArrayLength();
        var name = Callers.Unique("מפתח על");

        var response = await client.PostAsJsonAsync("/api/v1/api-keys", new { name, role });

        await response.ShouldBeProblemAsync(403);
        (await fx.ListKeysAsync(A)).GetArrayLength().Should().Be(keysBefore);
        (await fx.Database.ScalarAsync<long>("select count(*) from api_keys where name = $1", name)).Should().Be(0);
    }

    [Theory]
    [InlineData(Caller.AdminSession)]
    [InlineData(Caller.AdminKey)]
    public async Task An_admin_cannot_revoke_the_owner_s_key(Caller caller)
    {
        var client = await fx.ClientAsync(A, caller);
        var (id, key) = await fx.NewApiKeyAsync(A, Role.Owner);

        await (await client.DeleteAsync($"/api/v1/api-keys/{id}")).ShouldBeProblemAsync(403);

        var listed = (await fx.ListKeysAsync(A)).EnumerateArray().Single(k => k.GetProperty("id").GetGuid() == id);
        listed.GetProperty("revokedAt").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        using var holder = fx.NewClient();
        holder.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        (await holder.GetAsync("/api/v1/auth/me")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
    }
}
