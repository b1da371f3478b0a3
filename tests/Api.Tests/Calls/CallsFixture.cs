using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Xml.Linq;
using MediatR;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Telephony;
using ProSaaS.Domain.Users;
using ProSaaS.Hosting.Telephony;
using ProSaaS.Infrastructure.Telephony.Twilio;

namespace ProSaaS.Api.Tests.Calls;

/// <summary>
/// Businesses A and B on two Api instances over the same database, both in sandbox mode (webhooks signed with the sandbox
/// key) with a public address, a media host address and a shared stream token key. The second instance's telephony
/// provider is <see cref="Telephony"/>. The lost call scan is off: tests run it themselves.
/// </summary>
public sealed class CallsFixture() : TenancyFixture(Settings), IAsyncLifetime
{
    public const string PublicBaseUrl = "https://api.prosaas.test";
    public const string StreamUrl = "wss://media.prosaas.test/media";

    public static readonly byte[] TokenKey = Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray();

    /// <summary>The media host's service key for the internal call routes.</summary>
    public static readonly string ServiceKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 11)).ToArray());

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Twilio:PublicBaseUrl"] = PublicBaseUrl,
        ["MediaHost:PublicStreamUrl"] = StreamUrl,
        ["MediaHost:StreamTokenKey"] = Convert.ToBase64String(TokenKey),
        ["MediaHost:ServiceKey"] = ServiceKey,
        ["Calls:ReclaimScanSeconds"] = "0",
    };

    /// <summary>The second Api instance: same database, same settings.</summary>
    public ApiFactory Second { get; private set; } = null!;

    public RecordingTelephonyGateway Telephony { get; } = new();

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        Second = new ApiFactory(Database.ConnectionString, Settings, services =>
        {
            services.RemoveAll<ITelephonyGateway>();
            services.AddSingleton<ITelephonyGateway>(Telephony);
        });
        _ = Second.Server;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Second.DisposeAsync();
        await DisposeAsync();
    }

    /// <summary>A client of the second instance with an API key of <paramref name="tenant"/>.</summary>
    public HttpClient SecondApiKeyClient(Guid tenant, Role role)
    {
        var client = Second.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKeys[(tenant, role)]);
        return client;
    }

    /// <summary>A client of <paramref name="api"/> (the first instance by default) as the media host: the service key and nothing else.</summary>
    public HttpClient MediaHostClient(ApiFactory? api = null, string? serviceKey = null)
    {
        var client = (api ?? Api).CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.Add(ProSaaS.Hosting.Calls.MediaHostContract.ServiceKeyHeader, serviceKey ?? ServiceKey);
        return client;
    }

    /// <summary>A business of its own (default limits 5 in all, 3 outbound) answering a number of its own.</summary>
    public async Task<(Guid Id, string Number)> NewBusinessAsync(int? maxConcurrentCalls = null)
    {
        var root = await CachedSessionAsync(TenantA, Role.SystemAdmin);
        var slug = "calls-" + Guid.NewGuid().ToString("N")[..10];
        var created = await ReadAsync(await root.PostAsJsonAsync("/api/v1/tenants", new { name = "עסק השיחות", slug }), "create a business");
        var id = created.GetProperty("id").GetGuid();
        var number = Callers.UniqueMobile();
        await ReadAsync(await root.PostAsJsonAsync($"/api/v1/tenants/{id}/phone-numbers", new { phoneNumber = number }), "assign a number");
        if (maxConcurrentCalls is { } max)
        {
            await ReadAsync(await root.PutAsJsonAsync($"/api/v1/tenants/{id}/limits",
                new { maxConcurrentCalls = max, maxOutboundCalls = Math.Min(max, 3) }), "set limits");
        }

        return (id, number);
    }

    /// <summary>Sends a command straight to an instance: as the platform does (no user, e.g. the lost call scan), or in a business.</summary>
    public async Task<T> SendAsync<T>(ApiFactory api, IRequest<T> request, Guid? tenant = null)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.CorrelationId = "test-" + Guid.NewGuid().ToString("N");
        context.TenantId = tenant?.ToString();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }
}

/// <summary>Twilio's side of the webhooks: signed form posts, as Twilio sends them.</summary>
public static class Twilio
{
    public static string NewCallSid() => "CA" + Guid.NewGuid().ToString("N");

    public static Dictionary<string, string> InboundForm(string callSid, string to, string from = "+972521234567") => new()
    {
        ["AccountSid"] = "AC00000000000000000000000000000000",
        ["ApiVersion"] = "2010-04-01",
        ["CallSid"] = callSid,
        ["CallStatus"] = "ringing",
        ["Called"] = to,
        ["Caller"] = from,
        ["Direction"] = "inbound",
        ["From"] = from,
        ["To"] = to,
    };

    public static Dictionary<string, string> StatusForm(string callSid, string status, int sequence, int? duration = null)
    {
        var form = new Dictionary<string, string>
        {
            ["AccountSid"] = "AC00000000000000000000000000000000",
            ["CallSid"] = callSid,
            ["CallStatus"] = status,
            ["SequenceNumber"] = sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Timestamp"] = DateTimeOffset.UtcNow.ToString("R"),
        };
        if (duration is { } seconds)
        {
            form["CallDuration"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return form;
    }

    /// <summary>The signature Twilio sends for <paramref name="form"/> posted to <paramref name="path"/> of the public address.</summary>
    public static string Sign(string path, IReadOnlyDictionary<string, string> form, string key = TwilioWebhookSecurity.SandboxAuthToken, string baseUrl = CallsFixture.PublicBaseUrl) =>
        TwilioRequestValidator.Sign(key, TwilioRequestValidator.SignedData(baseUrl + path, form));

    /// <summary>Posts the form signed as Twilio signs it.</summary>
    public static Task<HttpResponseMessage> PostAsync(this ApiFactory api, string path, IReadOnlyDictionary<string, string> form) =>
        api.PostWithSignatureAsync(path, form, Sign(path, form));

    /// <summary>Posts the form with the given signature header, or none when it is null.</summary>
    public static async Task<HttpResponseMessage> PostWithSignatureAsync(this ApiFactory api, string path, IReadOnlyDictionary<string, string> form, string? signature)
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (signature is not null)
        {
            request.Headers.Add(TwilioRequestValidator.SignatureHeader, signature);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Posts a ringing inbound call to <paramref name="to"/> and reads the TwiML answer.</summary>
    public static async Task<Answer> CallAsync(this ApiFactory api, string to, string? callSid = null, string from = "+972521234567")
    {
        callSid ??= NewCallSid();
        var response = await api.PostAsync("/twilio/voice/inbound", InboundForm(callSid, to, from));
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"the inbound webhook answered {(int)response.StatusCode}: {text}");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/xml");
        return new Answer(callSid, XDocument.Parse(text));
    }

    public static async Task StatusAsync(this ApiFactory api, string callSid, string status, int sequence, int? duration = null)
    {
        var response = await api.PostAsync("/twilio/voice/status", StatusForm(callSid, status, sequence, duration));
        response.IsSuccessStatusCode.Should().BeTrue($"the status callback answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A TwiML answer to an inbound call.</summary>
    public sealed record Answer(string CallSid, XDocument Document)
    {
        public XElement Response => Document.Root!;

        public XElement? Stream => Response.Element("Connect")?.Element("Stream");

        public bool Connected => Stream is not null;

        public string? Parameter(string name) =>
            Stream?.Elements("Parameter").SingleOrDefault(p => (string?)p.Attribute("name") == name)?.Attribute("value")?.Value;

        public Guid CallId => Guid.Parse(Parameter("callId")!);

        public string? Said => Response.Element("Say")?.Value;

        public bool RefusedPolitely =>
            Response.Elements().Select(e => e.Name.LocalName).SequenceEqual(["Say", "Hangup"])
            && (string?)Response.Element("Say")!.Attribute("language") == "he-IL";
    }
}
