using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Users.BootstrapSystemAdmin;
using ProSaaS.Domain.Users;
using ProSaaS.Testing;

namespace ProSaaS.Api.Tests.Tenancy;

/// <summary>
/// Two businesses on the real Api and PostgreSQL, each with an owner, an admin, an agent and an API key per tenant
/// role, plus the platform's system admin — built through the public endpoints themselves.
/// </summary>
public class TenancyFixture : IAsyncLifetime
{
    public const string Password = "Sisma-Tova-2026!";
    public const string SystemAdminEmail = "root@prosaas.test";

    private readonly ConcurrentDictionary<(Guid Tenant, Role Role), Task<HttpClient>> _sessions = new();
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public TenancyFixture()
        : this(new Dictionary<string, string?>
        {
            // The Api's public address, which the calls it places give the telephony provider (sandbox mode: nothing is dialled).
            ["Twilio:PublicBaseUrl"] = "https://api.prosaas.test",
        })
    {
    }

    /// <summary>For a fixture whose Api runs with further settings (an area's test options).</summary>
    protected TenancyFixture(IReadOnlyDictionary<string, string?> settings) => _settings = settings;

    public PostgresDatabase Database { get; } = new();

    public ApiFactory Api { get; private set; } = null!;

    public Guid TenantA { get; private set; }

    public Guid TenantB { get; private set; }

    /// <summary>Raw API keys per tenant and role.</summary>
    public Dictionary<(Guid Tenant, Role Role), string> ApiKeys { get; } = [];

    /// <summary>User ids per tenant and role.</summary>
    public Dictionary<(Guid Tenant, Role Role), Guid> Users { get; } = [];

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Api = new ApiFactory(Database.ConnectionString,
            new Dictionary<string, string?>(_settings) { ["Auth:SignInPermitsPerMinute"] = "1000" });
        await using (var scope = Api.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<RequestContext>().CorrelationId = "bootstrap";
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new BootstrapSystemAdmin(SystemAdminEmail, "מנהל מערכת", Password));
        }

        var root = await SignInAsync(SystemAdminEmail);
        TenantA = await CreateTenantAsync(root, "עסק א", "business-a", "+972501110001");
        TenantB = await CreateTenantAsync(root, "עסק ב", "business-b", "+972501110002");
        foreach (var tenant in new[] { TenantA, TenantB })
        {
            foreach (var role in new[] { Role.Owner, Role.Admin, Role.Agent })
            {
                var response = await root.PostAsJsonAsync("/api/v1/users", new
                {
                    email = EmailOf(tenant, role), displayName = $"{role} {tenant:N}"[..20], role = role.ToWireName(), password = Password,
                    tenantId = tenant.ToString(),
                });
                Users[(tenant, role)] = (await ReadAsync(response, "create user")).GetProperty("id").GetGuid();
            }

            var owner = await SignInAsync(EmailOf(tenant, Role.Owner));
            foreach (var role in new[] { Role.Owner, Role.Admin, Role.Agent })
            {
                var response = await owner.PostAsJsonAsync("/api/v1/api-keys", new { name = $"key {role}", role = role.ToWireName() });
                ApiKeys[(tenant, role)] = (await ReadAsync(response, "create key")).GetProperty("key").GetString()!;
            }
        }
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Database.DisposeAsync();
    }

    public static string EmailOf(Guid tenant, Role role) => $"{role.ToWireName()}@{tenant:N}.test";

    public HttpClient NewClient() => Api.CreateClient(new WebApplicationFactoryClientOptions
    {
        // Session cookies are Secure: the client only returns them over https.
        BaseAddress = new Uri("https://localhost"),
        HandleCookies = true,
        AllowAutoRedirect = false,
    });

    /// <summary>A dashboard session: cookie plus the CSRF token sent with every change.</summary>
    public async Task<HttpClient> SignInAsync(string email, string password = Password)
    {
        var client = NewClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/sign-in", new { email, password });
        var body = await ReadAsync(response, "sign in " + email);
        client.DefaultRequestHeaders.Add("X-CSRF-Token", body.GetProperty("csrfToken").GetString());
        return client;
    }

    public Task<HttpClient> SessionAsync(Guid tenant, Role role) =>
        role == Role.SystemAdmin ? SystemAdminInAsync(tenant) : SignInAsync(EmailOf(tenant, role));

    /// <summary>
    /// <see cref="SessionAsync"/> signed in once per fixture and reused: for tests that neither sign the session out nor
    /// change its user. Tests of one class run one after another, so the shared client is never used concurrently.
    /// </summary>
    public Task<HttpClient> CachedSessionAsync(Guid tenant, Role role) =>
        _sessions.GetOrAdd((tenant, role), key => SessionAsync(key.Tenant, key.Role));

    /// <summary>The system admin's session with <paramref name="tenant"/> selected.</summary>
    public async Task<HttpClient> SystemAdminInAsync(Guid tenant)
    {
        var client = await SignInAsync(SystemAdminEmail);
        var response = await client.PostAsJsonAsync("/api/v1/auth/tenant", new { tenantId = tenant });
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
        return client;
    }

    public HttpClient ApiKeyClient(Guid tenant, Role role)
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKeys[(tenant, role)]);
        return client;
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"{what} should succeed but answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<Guid> CreateTenantAsync(HttpClient root, string name, string slug, string number)
    {
        var created = await ReadAsync(await root.PostAsJsonAsync("/api/v1/tenants", new { name, slug }), "create tenant");
        var id = created.GetProperty("id").GetGuid();
        await ReadAsync(await root.PostAsJsonAsync($"/api/v1/tenants/{id}/phone-numbers", new { phoneNumber = number }), "assign number");
        return id;
    }
}
