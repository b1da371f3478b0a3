using System.Net.Http.Json;
using System.Text.Json;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Tenancy;

/// <summary>Who calls: the system admin (with a business selected), a user of the business, or one of its API keys.</summary>
public enum Caller
{
    SystemAdmin,
    OwnerSession,
    AdminSession,
    AgentSession,
    OwnerKey,
    AdminKey,
    AgentKey,
}

public static class Callers
{
    public static readonly IReadOnlyList<Caller> All = Enum.GetValues<Caller>();

    public static Role RoleOf(this Caller caller) => caller switch
    {
        Caller.SystemAdmin => Role.SystemAdmin,
        Caller.OwnerSession or Caller.OwnerKey => Role.Owner,
        Caller.AdminSession or Caller.AdminKey => Role.Admin,
        Caller.AgentSession or Caller.AgentKey => Role.Agent,
        _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, null),
    };

    public static bool IsApiKey(this Caller caller) => caller is Caller.OwnerKey or Caller.AdminKey or Caller.AgentKey;

    /// <summary>The caller acting in <paramref name="tenant"/>: a reused session, or a client carrying the tenant's key.</summary>
    public static async Task<HttpClient> ClientAsync(this TenancyFixture fx, Guid tenant, Caller caller) =>
        caller.IsApiKey() ? fx.ApiKeyClient(tenant, caller.RoleOf()) : await fx.CachedSessionAsync(tenant, caller.RoleOf());

    /// <summary>A session of its own (not the reused one), for a test that signs it out or changes its selection.</summary>
    public static Task<HttpClient> FreshSessionAsync(this TenancyFixture fx, Guid tenant, Caller caller) =>
        fx.SessionAsync(tenant, caller.RoleOf());

    /// <summary>The public prefix of a raw key (<c>psk_&lt;prefix&gt;_&lt;secret&gt;</c>).</summary>
    public static string PrefixOf(string rawKey) => rawKey.Split('_')[1];

    /// <summary>The secret part of a raw key: everything after the prefix (it may itself contain underscores).</summary>
    public static string SecretOf(string rawKey) => rawKey[("psk_".Length + PrefixOf(rawKey).Length + 1)..];

    private static int _sequence;

    /// <summary>A value no other row of any test uses: names, e-mails, slugs.</summary>
    public static string Unique(string stem) => $"{stem}-{Interlocked.Increment(ref _sequence)}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>A mobile number no other row uses (the platform gives each number to one business only).</summary>
    public static string UniqueMobile() => "+97254" + (MobileBase + Interlocked.Increment(ref _sequence)).ToString("D7");

    private static readonly int MobileBase = Random.Shared.Next(1_000_000, 8_000_000);

    /// <summary>A new agent of <paramref name="tenant"/>, created by its owner, optionally disabled; returns its id.</summary>
    public static async Task<Guid> NewUserAsync(this TenancyFixture fx, Guid tenant, Role role = Role.Agent, bool disabled = false)
    {
        var owner = await fx.CachedSessionAsync(tenant, Role.Owner);
        var created = await TenancyFixture.ReadAsync(await owner.PostAsJsonAsync("/api/v1/users", new
        {
            email = Unique(role.ToWireName()) + "@fresh.test", displayName = "משתמש חדש", role = role.ToWireName(), password = TenancyFixture.Password,
        }), "create a fresh user");
        var id = created.GetProperty("id").GetGuid();
        if (disabled)
        {
            await TenancyFixture.ReadAsync(await owner.PostAsync($"/api/v1/users/{id}/disable", null), "disable the fresh user");
        }

        return id;
    }

    /// <summary>A new API key of <paramref name="tenant"/>, created by its owner: its id and the raw key.</summary>
    public static async Task<(Guid Id, string Key)> NewApiKeyAsync(this TenancyFixture fx, Guid tenant, Role role = Role.Agent)
    {
        var owner = await fx.CachedSessionAsync(tenant, Role.Owner);
        var created = await TenancyFixture.ReadAsync(
            await owner.PostAsJsonAsync("/api/v1/api-keys", new { name = Unique("key"), role = role.ToWireName() }), "create a fresh key");
        return (created.GetProperty("id").GetGuid(), created.GetProperty("key").GetString()!);
    }

    /// <summary>A user as the owner of <paramref name="tenant"/> reads it now.</summary>
    public static async Task<JsonElement> ReadUserAsync(this TenancyFixture fx, Guid tenant, Guid userId)
    {
        var owner = await fx.CachedSessionAsync(tenant, Role.Owner);
        return await TenancyFixture.ReadAsync(await owner.GetAsync($"/api/v1/users/{userId}"), "re-read the user");
    }

    /// <summary>The API keys of <paramref name="tenant"/> as its owner lists them now.</summary>
    public static async Task<JsonElement> ListKeysAsync(this TenancyFixture fx, Guid tenant)
    {
        var owner = await fx.CachedSessionAsync(tenant, Role.Owner);
        return await TenancyFixture.ReadAsync(await owner.GetAsync("/api/v1/api-keys"), "list the keys");
    }
}
