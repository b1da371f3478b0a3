using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Tenancy;

/// <summary>An API key over HTTP: shown once, used, revoked (then 401), and never stored in clear.</summary>
public sealed class ApiKeyLifecycleTests(TenancyFixture fx) : IClassFixture<TenancyFixture>
{
    [Fact]
    public async Task A_key_is_shown_once_works_until_revoked_and_then_answers_401()
    {
        var owner = await fx.CachedSessionAsync(fx.TenantA, Role.Owner);
        var name = Callers.Unique("אתר האינטרנט");

        var response = await owner.PostAsJsonAsync("/api/v1/api-keys", new { name, role = "agent" });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = await response.ReadJsonAsync();
        var id = created.GetProperty("id").GetGuid();
        var key = created.GetProperty("key").GetString()!;
        var prefix = created.GetProperty("prefix").GetString()!;
        response.Headers.Location!.ToString().Should().Be($"/api/v1/api-keys/{id}");
        key.Should().StartWith($"psk_{prefix}_");
        created.GetProperty("role").GetString().Should().Be("agent");
        var secret = Callers.SecretOf(key);
        secret.Length.Should().BeGreaterThanOrEqualTo(32);

        // Never again: the list shows the prefix, not the key nor its hash.
        var listText = await (await owner.GetAsync("/api/v1/api-keys")).Content.ReadAsStringAsync();
        listText.Should().NotContain(secret).And.NotContain(key);
        var listed = (await fx.ListKeysAsync(fx.TenantA)).EnumerateArray().Single(k => k.GetProperty("id").GetGuid() == id);
        listed.GetProperty("prefix").GetString().Should().Be(prefix);
        listed.GetProperty("name").GetString().Should().Be(name);
        listed.EnumerateObject().Select(p => p.Name).Should().NotContain(["key", "keyHash", "hash", "secret"]);
        listed.GetProperty("lastUsedAt").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);

        using var integration = fx.NewClient();
        integration.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        (await integration.GetAsync("/api/v1/leads")).StatusCode.Should().Be(HttpStatusCode.OK);
        var me = await (await integration.GetAsync("/api/v1/auth/me")).ReadJsonAsync();
        me.GetProperty("id").GetString().Should().Be($"key:{id}");
        me.GetProperty("tenantId").GetString().Should().Be(fx.TenantA.ToString());
        (await fx.ListKeysAsync(fx.TenantA)).EnumerateArray().Single(k => k.GetProperty("id").GetGuid() == id)
            .GetProperty("lastUsedAt").ValueKind.Should().Be(System.Text.Json.JsonValueKind.String, "the last use is recorded");

        var revoked = await owner.DeleteAsync($"/api/v1/api-keys/{id}");
        revoked.StatusCode.Should().Be(HttpStatusCode.OK, await revoked.Content.ReadAsStringAsync());

        var refused = await integration.GetAsync("/api/v1/leads");
        await refused.ShouldBeProblemAsync(401);
        refused.Headers.WwwAuthenticate.ToString().Should().Be("Bearer");
        await (await integration.PostAsJsonAsync("/api/v1/leads", new { name = "אחרי ביטול" })).ShouldBeProblemAsync(401);
        (await fx.ListKeysAsync(fx.TenantA)).EnumerateArray().Single(k => k.GetProperty("id").GetGuid() == id)
            .GetProperty("revokedAt").ValueKind.Should().Be(System.Text.Json.JsonValueKind.String);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("psk_")]
    [InlineData("psk_abcdefgh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_bearer_that_is_no_live_key_answers_401(string bearer)
    {
        using var client = fx.NewClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + bearer);

        var response = await client.GetAsync("/api/v1/leads");

        await response.ShouldBeProblemAsync(401);
        response.Headers.WwwAuthenticate.ToString().Should().Be("Bearer");
    }

    [Fact]
    public async Task The_right_prefix_with_a_wrong_secret_answers_401()
    {
        var (_, key) = await fx.NewApiKeyAsync(fx.TenantA);
        var secret = Callers.SecretOf(key);
        var forged = key[..^secret.Length] + new string(secret.Select(c => c == 'A' ? 'B' : 'A').ToArray());
        using var client = fx.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);

        await (await client.GetAsync("/api/v1/leads")).ShouldBeProblemAsync(401);
    }

    [Fact]
    public async Task No_key_nor_its_secret_is_stored_anywhere_in_the_database()
    {
        var (_, key) = await fx.NewApiKeyAsync(fx.TenantA, Role.Admin);
        var secret = Callers.SecretOf(key);
        using (var client = fx.NewClient())
        {
            // Used once, so that authentication has had its chance to write something.
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            (await client.GetAsync("/api/v1/users")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var keys = fx.ApiKeys.Values.Append(key).ToList();
        foreach (var raw in keys)
        {
            var rawSecret = Callers.SecretOf(raw);
            (await fx.Database.ScalarAsync<long>("select count(*) from api_keys where strpos(key_hash, $1) > 0", rawSecret)).Should().Be(0);
            (await fx.Database.ScalarAsync<long>("select count(*) from api_keys where key_hash = $1", raw)).Should().Be(0);
            (await fx.Database.ScalarAsync<long>("select count(*) from mt_events where strpos(data::text, $1) > 0", rawSecret)).Should().Be(0);
            (await fx.Database.ScalarAsync<long>(
                "select count(*) from mt_events where strpos(coalesce(headers::text, ''), $1) > 0", rawSecret)).Should().Be(0);
        }

        (await fx.Database.ScalarAsync<long>("select count(*) from api_keys")).Should().BeGreaterThanOrEqualTo(keys.Count);
        (await fx.Database.ScalarAsync<long>("select count(*) from mt_events where type ilike '%key%'")).Should().BeGreaterThan(0,
            "the key's events are where a careless implementation would have put it");

        // Every table of the schema, whole rows as text: the secret is nowhere.
        var tables = new List<string>();
        await using (var command = fx.Database.PlatformDataSource.CreateCommand(
                         "select quote_ident(table_name) from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        tables.Should().Contain(["api_keys", "mt_events"]);
        foreach (var table in tables)
        {
            (await fx.Database.ScalarAsync<long>($"select count(*) from {table} t where strpos(t::text, $1) > 0", secret))
                .Should().Be(0, $"table {table} must not hold the key's secret");
        }
    }

    [Fact]
    public async Task A_suspended_business_turns_away_its_keys_and_its_open_sessions()
    {
        var root = await fx.CachedSessionAsync(fx.TenantA, Role.SystemAdmin);
        var slug = Callers.Unique("suspended");
        var created = await TenancyFixture.ReadAsync(await root.PostAsJsonAsync("/api/v1/tenants", new { name = "עסק מושהה", slug }), "create tenant");
        var tenant = created.GetProperty("id").GetGuid();
        var email = Callers.Unique("owner") + "@suspended.test";
        await TenancyFixture.ReadAsync(await root.PostAsJsonAsync("/api/v1/users", new
        {
            email, displayName = "בעלים", role = "owner", password = TenancyFixture.Password, tenantId = tenant.ToString(),
        }), "create owner");
        var session = await fx.SignInAsync(email);
        var key = (await TenancyFixture.ReadAsync(
            await session.PostAsJsonAsync("/api/v1/api-keys", new { name = "n8n", role = "agent" }), "create key")).GetProperty("key").GetString()!;
        using var integration = fx.NewClient();
        integration.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        (await integration.GetAsync("/api/v1/leads")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await session.GetAsync("/api/v1/leads")).StatusCode.Should().Be(HttpStatusCode.OK);

        await TenancyFixture.ReadAsync(await root.PostAsJsonAsync($"/api/v1/tenants/{tenant}/suspend", new { reason = "חוב" }), "suspend");

        await (await integration.GetAsync("/api/v1/leads")).ShouldBeProblemAsync(401);
        using (var stranger = fx.NewClient())
        {
            await (await stranger.PostAsJsonAsync("/api/v1/auth/sign-in", new { email, password = TenancyFixture.Password })).ShouldBeProblemAsync(401);
        }

        // "Its users and keys stop working": a session opened before the suspension as well.
        await (await session.GetAsync("/api/v1/leads")).ShouldBeProblemAsync(401);
        await (await session.PostAsJsonAsync("/api/v1/leads", new { name = "אחרי השהיה" })).ShouldBeProblemAsync(401);
    }
}
