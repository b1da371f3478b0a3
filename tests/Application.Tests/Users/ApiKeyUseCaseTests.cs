using ProSaaS.Application.ApiKeys;
using ProSaaS.Application.ApiKeys.AuthenticateApiKey;
using ProSaaS.Application.ApiKeys.CreateApiKey;
using ProSaaS.Application.ApiKeys.ListApiKeys;
using ProSaaS.Application.ApiKeys.RevokeApiKey;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Tests.Users;

public sealed class ApiKeyUseCaseTests(UsersHost host) : IClassFixture<UsersHost>
{
    [Fact]
    public async Task A_created_key_authenticates_as_its_tenant_and_role()
    {
        var tenant = UsersHost.NewTenant();
        var admin = await host.CreateUserAsync(tenant, Role.Admin);

        var created = await host.SendAsync(new CreateApiKey(" n8n ", Role.Agent), admin);

        created.Name.Should().Be("n8n");
        created.Role.Should().Be(Role.Agent);
        created.CreatedAt.Should().Be(host.Clock.GetUtcNow());
        created.Key.Should().StartWith("psk_" + created.Prefix + "_");
        var key = await host.SendAnonymousAsync(new AuthenticateApiKey(created.Key));
        key.Should().Be(new AuthenticatedApiKey(created.Id, tenant, Role.Agent, "n8n"));

        var listed = (await host.SendAsync(new ListApiKeys(), admin)).Should().ContainSingle().Subject;
        listed.Should().Be(new ApiKeyView(created.Id, "n8n", created.Prefix, Role.Agent, created.CreatedAt, admin.UserId.ToString(),
            host.Clock.GetUtcNow(), null));
    }

    [Fact]
    public async Task The_key_is_stored_nowhere_and_never_logged()
    {
        var owner = await host.CreateUserAsync(UsersHost.NewTenant(), Role.Owner);
        var created = await host.SendAsync(new CreateApiKey("Monday.com", Role.Admin), owner);
        await host.SendAnonymousAsync(new AuthenticateApiKey(created.Key));
        await host.SendAsync(new RevokeApiKey(created.Id), owner);
        var secret = created.Key[("psk_".Length + 8 + 1)..];

        (await host.Database.ScalarAsync<long>("select count(*) from api_keys where id = $1", created.Id)).Should().Be(1);
        (await host.Database.ScalarAsync<long>("select count(*) from api_keys k where strpos(k::text, $1) > 0", secret)).Should().Be(0);
        (await host.Database.ScalarAsync<long>("select count(*) from mt_events where strpos(data::text, $1) > 0", secret)).Should().Be(0);
        (await host.Database.ScalarAsync<long>("select count(*) from mt_events where strpos(coalesce(headers::text, ''), $1) > 0", secret)).Should().Be(0);
        (await host.Database.ScalarAsync<long>("select count(*) from users u where strpos(u::text, $1) > 0", secret)).Should().Be(0);
        (await host.Database.ScalarAsync<string>("select key_hash from api_keys where id = $1", created.Id)).Should().HaveLength(64).And.NotContain(secret);
        host.Logs.Entries.Should().NotContain(e => e.Message.Contains(secret) || e.Scope.Values.Any(v => v != null && v.ToString()!.Contains(secret)));
        created.ToString().Should().NotContain(secret);
        new AuthenticateApiKey(created.Key).ToString().Should().NotContain(secret);
    }

    [Fact]
    public async Task A_revoked_key_no_longer_authenticates()
    {
        var tenant = UsersHost.NewTenant();
        var owner = await host.CreateUserAsync(tenant, Role.Owner);
        var created = await host.SendAsync(new CreateApiKey("אתר", Role.Agent), owner);

        (await host.SendAsync(new RevokeApiKey(created.Id), owner)).Should().Be(2);

        (await host.SendAnonymousAsync(new AuthenticateApiKey(created.Key))).Should().BeNull();
        (await host.SendAsync(new ListApiKeys(), owner)).Should().ContainSingle().Which.RevokedAt.Should().Be(host.Clock.GetUtcNow());
        (await host.SendAsync(new RevokeApiKey(created.Id), owner)).Should().Be(2, "revoking twice changes nothing");
    }

    [Fact]
    public async Task Another_tenants_key_is_not_found()
    {
        var ownerA = await host.CreateUserAsync(UsersHost.NewTenant(), Role.Owner);
        var ownerB = await host.CreateUserAsync(UsersHost.NewTenant(), Role.Owner);
        var keyA = await host.SendAsync(new CreateApiKey("A", Role.Agent), ownerA);

        await FluentActions.Invoking(() => host.SendAsync(new RevokeApiKey(keyA.Id), ownerB)).Should().ThrowAsync<NotFoundException>();
        await FluentActions.Invoking(() => host.SendAsync(new RevokeApiKey(Guid.NewGuid()), ownerB)).Should().ThrowAsync<NotFoundException>();
        (await host.SendAsync(new ListApiKeys(), ownerB)).Should().BeEmpty();
        (await host.SendAnonymousAsync(new AuthenticateApiKey(keyA.Key))).Should().NotBeNull("the key of A still works");
    }

    [Fact]
    public async Task Keys_never_outrank_their_creator_and_agents_manage_no_keys()
    {
        var tenant = UsersHost.NewTenant();
        var owner = await host.CreateUserAsync(tenant, Role.Owner);
        var admin = await host.CreateUserAsync(tenant, Role.Admin);
        var agent = await host.CreateUserAsync(tenant, Role.Agent);

        await FluentActions.Invoking(() => host.SendAsync(new CreateApiKey("x", Role.Owner), admin)).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Invoking(() => host.SendAsync(new CreateApiKey("x", Role.SystemAdmin), owner)).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Invoking(() => host.SendAsync(new CreateApiKey("x", Role.SystemAdmin), Actor.SystemAdmin(tenant))).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Invoking(() => host.SendAsync(new CreateApiKey("x", Role.Agent), agent)).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Invoking(() => host.SendAsync(new ListApiKeys(), agent)).Should().ThrowAsync<ForbiddenException>();

        var adminKey = await host.SendAsync(new CreateApiKey("admin key", Role.Admin), admin);
        var ownerKey = await host.SendAsync(new CreateApiKey("owner key", Role.Owner), Actor.SystemAdmin(tenant));
        await FluentActions.Invoking(() => host.SendAsync(new RevokeApiKey(ownerKey.Id), admin)).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Invoking(() => host.SendAsync(new RevokeApiKey(adminKey.Id), agent)).Should().ThrowAsync<ForbiddenException>();
        await host.SendAsync(new RevokeApiKey(ownerKey.Id), owner);

        (await host.SendAsync(new ListApiKeys(), admin)).Select(k => (k.Name, k.RevokedAt is null)).Should()
            .BeEquivalentTo(new[] { ("admin key", true), ("owner key", false) });
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer psk_")]
    [InlineData("psk_abcd1234_")]
    [InlineData("psk_abcd1234_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not a key at all")]
    public async Task Malformed_or_unknown_values_authenticate_nothing(string? value)
    {
        (await host.SendAnonymousAsync(new AuthenticateApiKey(value))).Should().BeNull();
    }

    [Fact]
    public async Task A_known_prefix_with_a_wrong_secret_authenticates_nothing()
    {
        var owner = await host.CreateUserAsync(UsersHost.NewTenant(), Role.Owner);
        var created = await host.SendAsync(new CreateApiKey("x", Role.Agent), owner);
        var forged = created.Key[..^4] + (created.Key.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        (await host.SendAnonymousAsync(new AuthenticateApiKey(forged))).Should().BeNull();
        (await host.Database.ScalarAsync<object>("select last_used_at from api_keys where id = $1", created.Id)).Should().BeNull();
    }

    [Fact]
    public async Task Last_use_is_recorded_at_most_once_a_minute()
    {
        var owner = await host.CreateUserAsync(UsersHost.NewTenant(), Role.Owner);
        var created = await host.SendAsync(new CreateApiKey("busy", Role.Agent), owner);
        var first = host.Clock.GetUtcNow();

        async Task<DateTime> LastUsed() => await host.Database.ScalarAsync<DateTime>("select last_used_at from api_keys where id = $1", created.Id);

        await host.SendAnonymousAsync(new AuthenticateApiKey(created.Key));
        (await LastUsed()).Should().Be(first.UtcDateTime);

        host.Clock.Advance(TimeSpan.FromSeconds(59));
        await host.SendAnonymousAsync(new AuthenticateApiKey(created.Key));
        (await LastUsed()).Should().Be(first.UtcDateTime);

        host.Clock.Advance(TimeSpan.FromSeconds(1));
        await host.SendAnonymousAsync(new AuthenticateApiKey(created.Key));
        (await LastUsed()).Should().Be(first.AddMinutes(1).UtcDateTime);
        (await host.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1", created.Id)).Should().Be(1, "use is not an event");
    }

    [Fact]
    public async Task The_keys_of_a_suspended_business_stop_working()
    {
        var tenant = UsersHost.NewTenant();
        var owner = await host.CreateUserAsync(tenant, Role.Owner);
        var created = await host.SendAsync(new CreateApiKey("x", Role.Agent), owner);

        host.Tenants.Set(tenant, TenantAccessStatus.Suspended);
        (await host.SendAnonymousAsync(new AuthenticateApiKey(created.Key))).Should().BeNull();
        host.Tenants.Set(tenant, TenantAccessStatus.Active);
        (await host.SendAnonymousAsync(new AuthenticateApiKey(created.Key))).Should().NotBeNull();
    }

    [Fact]
    public async Task A_key_needs_a_name_and_a_known_role()
    {
        var owner = await host.CreateUserAsync(UsersHost.NewTenant(), Role.Owner);

        var error = (await FluentActions.Invoking(() => host.SendAsync(new CreateApiKey(" ", (Role)9), owner))
            .Should().ThrowAsync<ValidationFailedException>()).Which;

        error.Errors.Keys.Should().BeEquivalentTo("name", "role");
        error.Errors["name"].Should().Equal("יש לתת למפתח שם.");
    }
}
