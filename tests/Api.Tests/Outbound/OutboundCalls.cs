using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Mvc.Testing;
using ProSaaS.Api.Tests.Calls;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Api.Tests.Tenancy;

namespace ProSaaS.Api.Tests.Outbound;

/// <summary>
/// A business of its own for outbound call tests: its number, API keys of its owner and an agent, and an active template.
/// Its default limits are 5 calls in all, 3 outbound.
/// </summary>
public sealed record OutboundBusiness(Guid Id, string Number, string OwnerKey, string AgentKey, Guid TemplateId)
{
    public string TenantId => Id.ToString();

    /// <summary>A client of <paramref name="api"/> with the key given (the agent's by default).</summary>
    public HttpClient Client(ApiFactory api, string? key = null)
    {
        var client = api.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key ?? AgentKey);
        return client;
    }

    /// <summary>A lead with a name and a mobile number of its own.</summary>
    public async Task<(Guid Id, string Name, string Phone)> NewLeadAsync(ApiFactory api)
    {
        var name = Callers.Unique("ליד");
        using var owner = Client(api, OwnerKey);
        var created = await TenancyFixture.ReadAsync(await owner.PostAsJsonAsync("/api/v1/leads", new { name, phone = Callers.UniqueMobile() }), "create a lead");
        return (created.GetProperty("id").GetGuid(), name, created.GetProperty("phone").GetString()!);
    }

    /// <summary>Starts calls to <paramref name="leadIds"/> through <paramref name="api"/> as the agent.</summary>
    public async Task<HttpResponseMessage> StartAsync(ApiFactory api, IEnumerable<Guid> leadIds, Guid? templateId = null, string? idempotencyKey = null)
    {
        using var client = Client(api);
        using var request = new HttpRequestMessage(HttpMethod.Post, OutboundCalls.Path)
        {
            Content = JsonContent.Create(new { leadIds = leadIds.ToArray(), templateId = templateId ?? TemplateId }),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Starts calls and reads the 202 answer's calls.</summary>
    public async Task<IReadOnlyList<JsonElement>> StartedAsync(ApiFactory api, params Guid[] leadIds)
    {
        var response = await StartAsync(api, leadIds);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Accepted, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("calls").EnumerateArray().Select(c => c.Clone()).ToList();
    }
}

public static class OutboundCalls
{
    public const string Path = "/api/v1/outbound/calls";

    /// <summary>A business of its own, set up through the Api by the system admin.</summary>
    public static async Task<OutboundBusiness> NewOutboundBusinessAsync(this CallsFixture fx, int? maxConcurrentCalls = null)
    {
        var (id, number) = await fx.NewBusinessAsync(maxConcurrentCalls);
        using var admin = await fx.SystemAdminInAsync(id);
        var ownerKey = await KeyAsync("owner");
        var agentKey = await KeyAsync("agent");
        var template = await TenancyFixture.ReadAsync(await admin.PostAsJsonAsync(OutboundApi.Templates, OutboundApi.TemplateBody()), "create a template");
        return new OutboundBusiness(id, number, ownerKey, agentKey, template.GetProperty("id").GetGuid());

        async Task<string> KeyAsync(string role) =>
            (await TenancyFixture.ReadAsync(await admin.PostAsJsonAsync("/api/v1/api-keys", new { name = $"key {role}", role }), "create a key"))
            .GetProperty("key").GetString()!;
    }

    /// <summary>What Twilio posts to the outbound voice webhook once the lead answered.</summary>
    public static Dictionary<string, string> AnsweredForm(string callSid, string from, string to, string? answeredBy = "human", string status = "in-progress")
    {
        var form = new Dictionary<string, string>
        {
            ["AccountSid"] = "AC00000000000000000000000000000000",
            ["ApiVersion"] = "2010-04-01",
            ["CallSid"] = callSid,
            ["CallStatus"] = status,
            ["Called"] = to,
            ["Caller"] = from,
            ["Direction"] = "outbound-api",
            ["From"] = from,
            ["To"] = to,
        };
        if (answeredBy is not null)
        {
            form["AnsweredBy"] = answeredBy;
        }

        return form;
    }

    /// <summary>The outbound webhook's path and query for a call.</summary>
    public static string AnswerPath(Guid callId) => $"/twilio/voice/outbound?callId={callId}";

    /// <summary>The status callback's path and query for a call.</summary>
    public static string StatusPath(Guid callId) => $"/twilio/voice/status?callId={callId}";

    /// <summary>Posts the answered call to the outbound webhook, signed, and reads the TwiML.</summary>
    public static async Task<Twilio.Answer> AnswerAsync(this ApiFactory api, string path, IReadOnlyDictionary<string, string> form)
    {
        var response = await api.PostAsync(path, form);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"the outbound webhook answered {(int)response.StatusCode}: {text}");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/xml");
        return new Twilio.Answer(form["CallSid"], XDocument.Parse(text));
    }

    public static async Task ReportAsync(this ApiFactory api, string path, IReadOnlyDictionary<string, string> form)
    {
        var response = await api.PostAsync(path, form);
        response.IsSuccessStatusCode.Should().BeTrue($"the status callback answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
