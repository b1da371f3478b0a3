using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MediatR;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Users.BootstrapSystemAdmin;
using ProSaaS.Testing;

namespace ProSaaS.Api.Tests.Crm;

/// <summary>
/// The real Api and PostgreSQL with a clock that starts on Sunday 14 March 2027 at 07:45 in Israel (winter time, UTC+2;
/// the clocks move forward on Friday 26 March), so that what is inside the hours, the notice and the window does not
/// depend on the day the tests run. Each test takes a business of its own, with its own settings.
/// </summary>
public sealed class AppointmentFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset SundayMorning = new(2027, 3, 14, 7, 45, 0, TimeSpan.FromHours(2));

    private const string RootEmail = "root@appointments.test";
    private HttpClient _root = null!;
    private int _businesses;

    public PostgresDatabase Database { get; } = new();

    public ShiftedClock Clock { get; } = new(SundayMorning);

    public ApiFactory Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Api = new ApiFactory(
            Database.ConnectionString,
            new Dictionary<string, string?> { ["Auth:SignInPermitsPerMinute"] = "1000" },
            services => services.AddSingleton<TimeProvider>(Clock));
        await using (var scope = Api.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<RequestContext>().CorrelationId = "bootstrap";
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new BootstrapSystemAdmin(RootEmail, "מנהל מערכת", TenancyFixture.Password));
        }

        _root = NewClient();
        var signedIn = await TenancyFixture.ReadAsync(
            await _root.PostAsJsonAsync("/api/v1/auth/sign-in", new { email = RootEmail, password = TenancyFixture.Password }), "sign in");
        _root.DefaultRequestHeaders.Add("X-CSRF-Token", signedIn.GetProperty("csrfToken").GetString());
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Database.DisposeAsync();
    }

    public HttpClient NewClient() => Api.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        HandleCookies = true,
        AllowAutoRedirect = false,
    });

    /// <summary>A client of its own carrying <paramref name="key"/>.</summary>
    public HttpClient KeyClient(string key)
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>
    /// A new business with an owner key and an agent key; <paramref name="appointments"/> edits its appointment settings
    /// (the JSON document of <c>settings.appointments</c>) before the test starts.
    /// </summary>
    public async Task<Business> NewBusinessAsync(Action<JsonObject>? appointments = null)
    {
        var number = Interlocked.Increment(ref _businesses);
        var created = await TenancyFixture.ReadAsync(
            await _root.PostAsJsonAsync("/api/v1/tenants", new { name = $"עסק פגישות {number}", slug = $"appointments-{number}" }), "create business");
        var id = created.GetProperty("id").GetGuid();
        (await _root.PostAsJsonAsync("/api/v1/auth/tenant", new { tenantId = id })).EnsureSuccessStatusCode();
        var ownerKey = await KeyAsync("owner");
        var agentKey = await KeyAsync("agent");
        var business = new Business(id, KeyClient(ownerKey), KeyClient(agentKey), agentKey);
        if (appointments is not null)
        {
            await business.ChangeAppointmentSettingsAsync(appointments);
        }

        return business;

        async Task<string> KeyAsync(string role) =>
            (await TenancyFixture.ReadAsync(await _root.PostAsJsonAsync("/api/v1/api-keys", new { name = $"key {role}", role }), "create key"))
            .GetProperty("key").GetString()!;
    }
}

/// <param name="Owner">A client with the owner's API key (settings).</param>
/// <param name="Agent">A client with an agent's API key (leads and appointments).</param>
public sealed record Business(Guid Id, HttpClient Owner, HttpClient Agent, string AgentKey)
{
    public async Task ChangeAppointmentSettingsAsync(Action<JsonObject> change)
    {
        var current = JsonNode.Parse(await (await Owner.GetAsync("/api/v1/business/settings")).Content.ReadAsStringAsync())!.AsObject();
        var settings = current["settings"]!.AsObject();
        change(settings["appointments"]!.AsObject());
        var response = await Owner.PutAsJsonAsync("/api/v1/business/settings", new { settings, expectedVersion = current["version"]!.GetValue<long>() });
        await TenancyFixture.ReadAsync(response, "change the appointment settings");
    }

    public async Task<Guid> NewLeadAsync(string? name = null)
    {
        var created = await TenancyFixture.ReadAsync(
            await Agent.PostAsJsonAsync("/api/v1/leads", new { name = name ?? Callers.Unique("ליד"), phone = Callers.UniqueMobile() }), "create a lead");
        return created.GetProperty("id").GetGuid();
    }

    public Task<HttpResponseMessage> BookAsync(Guid leadId, string start, int? durationMinutes = null, string? title = null) =>
        Agent.PostAsJsonAsync("/api/v1/appointments", new { leadId, start, durationMinutes, title });

    /// <summary>Books and returns the appointment, failing the test if the booking is refused.</summary>
    public async Task<System.Text.Json.JsonElement> BookedAsync(Guid leadId, string start, int? durationMinutes = null) =>
        await TenancyFixture.ReadAsync(await BookAsync(leadId, start, durationMinutes), $"book {start}");
}
