using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Application.ApiKeys.CreateApiKey;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Tenants.AssignPhoneNumber;
using ProSaaS.Application.Tenants.CreateTenant;
using ProSaaS.Application.Users.BootstrapSystemAdmin;
using ProSaaS.Domain.Leads;
using ProSaaS.Domain.Tenants;
using ProSaaS.Domain.Users;
using ProSaaS.Hosting.Calls;
using ProSaaS.Sandbox.Scenarios;
using ProSaaS.Testing;
using ApiEntry = ProSaaS.Api.Telephony.MediaStreams;
using MediaHostEntry = ProSaaS.MediaHost.Hosting.MediaHostOptions;

namespace ProSaaS.Scenario.Tests;

/// <summary>
/// The whole pipeline on this machine: the real Api on a fresh PostgreSQL database and the real media host, each on a
/// Kestrel loopback port, wired together as <c>./prosaas up</c> wires them (one stream token key, the media host's service
/// key, the Api's address) and both in sandbox mode — Twilio's webhooks signed with the sandbox key, the media host's
/// calls answered by the in-process sandbox assistant. Scenarios play Twilio through <see cref="ScenarioRunner"/>.
/// </summary>
public sealed class ScenarioPipeline : IAsyncLifetime
{
    /// <summary>The Api's public address as Twilio would call it (the webhooks' signatures cover it); nothing listens there.</summary>
    public const string PublicBaseUrl = "https://api.scenarios.test";

    private static readonly string TokenKey = StreamToken.NewKey();
    private static readonly string ServiceKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "prosaas-scenarios-" + Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<ApiEntry> _api = null!;
    private WebApplicationFactory<MediaHostEntry> _media = null!;
    private Guid _systemAdmin;

    public PostgresDatabase Database { get; } = new();

    public Uri ApiAddress { get; private set; } = null!;

    public Uri MediaAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        _api = new WebApplicationFactory<ApiEntry>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            foreach (var (key, value) in new Dictionary<string, string?>
                     {
                         ["ConnectionStrings:Postgres"] = Database.ConnectionString,
                         ["Projections:PollInterval"] = "00:00:00.050",
                         ["Webhooks:PollInterval"] = "00:00:00.200",
                         ["Dashboard:Path"] = Path.Combine(_scratch, "no-dashboard"),
                         ["Storage:Path"] = Path.Combine(_scratch, "files"),
                         ["Serilog:MinimumLevel"] = "Warning",
                         ["Twilio:PublicBaseUrl"] = PublicBaseUrl,
                         ["MediaHost:PublicStreamUrl"] = "wss://media.scenarios.test/media",
                         ["MediaHost:StreamTokenKey"] = TokenKey,
                         ["MediaHost:ServiceKey"] = ServiceKey,
                         ["Calls:ReclaimScanSeconds"] = "0",
                     })
            {
                builder.UseSetting(key, value);
            }
        });
        _api.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        _api.StartServer();
        ApiAddress = new Uri(_api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        _media = new WebApplicationFactory<MediaHostEntry>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            foreach (var (key, value) in new Dictionary<string, string?>
                     {
                         ["Serilog:MinimumLevel"] = "Warning",
                         ["Api:BaseUrl"] = ApiAddress.ToString(),
                         ["Api:ServiceKey"] = ServiceKey,
                         ["MediaHost:StreamTokenKey"] = TokenKey,
                         ["MediaHost:RecordingsPath"] = Path.Combine(_scratch, "recordings"),
                         ["MediaHost:DrainSeconds"] = "1",
                         ["Outbox:Path"] = Path.Combine(_scratch, "outbox"),
                         // Sandbox mode: no OpenAI key, no realtime address; the sandbox assistant answers the calls.
                         ["OpenAI:ApiKey"] = string.Empty,
                     })
            {
                builder.UseSetting(key, value);
            }
        });
        _media.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        _media.StartServer();
        MediaAddress = new Uri(_media.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        _systemAdmin = await SendAsync(null, new BootstrapSystemAdmin("root@scenarios.test", "מנהל מערכת", "Scenario-Root-2026!"));
    }

    public async Task DisposeAsync()
    {
        await _media.DisposeAsync();
        await _api.DisposeAsync();
        await Database.DisposeAsync();
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>
    /// A business of its own for one scenario: a number, open every day 08:00–20:00 (so "tomorrow at ten" is always a
    /// working hour), the caller's name, phone and area to collect, an outbound template, and an owner API key.
    /// </summary>
    public async Task<Business> NewBusinessAsync(string name)
    {
        OpeningRange[] day = [new("08:00", "20:00")];
        var tenantId = await SendAsync(Platform, new CreateTenant(name, "scn-" + Guid.NewGuid().ToString("N")[..12], Settings: new TenantSettings
        {
            BusinessHours = new BusinessHours(day, day, day, day, day, day, day),
            LeadFields = [new LeadFieldDefinition("city", "אזור", LeadFieldType.Text)],
        }));
        var number = "+9725" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SendAsync(Platform, new AssignPhoneNumber(tenantId, number));
        var key = await SendAsync(Platform, new CreateApiKey("scenarios", Role.Owner), tenantId);
        using var client = new HttpClient { BaseAddress = ApiAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Key);
        using var template = await client.PostAsJsonAsync("/api/v1/outbound/templates", new
        {
            name = "חזרה לפונים",
            promptText = "מתקשרים לפונה שהשאיר פרטים באתר, לבדוק אם הוא עדיין מעוניין ולקבוע פגישה.",
            greetingTemplate = "שלום {lead_name}, מדברים מ{business}. פנית אלינו באתר, זה זמן טוב לדבר?",
        });
        template.EnsureSuccessStatusCode();
        return new Business(tenantId, number, key.Key);
    }

    public ScenarioRunner Runner(Business business) => new(new ScenarioRunOptions
    {
        Api = ApiAddress,
        Media = MediaAddress,
        ApiKey = business.ApiKey,
        PublicBaseUrl = new Uri(PublicBaseUrl),
        DialledNumber = business.Number,
        EndTimeout = TimeSpan.FromSeconds(90),
        ResultTimeout = TimeSpan.FromSeconds(30),
    });

    private (string Id, Role Role) Platform => (_systemAdmin.ToString(), Role.SystemAdmin);

    private async Task<T> SendAsync<T>((string Id, Role Role)? actor, IRequest<T> request, Guid? tenant = null)
    {
        await using var scope = _api.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.CorrelationId = "scenario-" + Guid.NewGuid().ToString("N")[..8];
        context.UserName = "scenario-tests";
        if (actor is { } a)
        {
            context.UserId = a.Id;
            context.Role = a.Role;
        }

        context.TenantId = tenant?.ToString();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }
}

/// <summary>A business of the pipeline: its id, the number callers dial and an owner API key.</summary>
public sealed record Business(Guid Id, string Number, string ApiKey);

[CollectionDefinition(Name)]
public sealed class ScenarioCollection : ICollectionFixture<ScenarioPipeline>
{
    public const string Name = "scenario pipeline";
}
