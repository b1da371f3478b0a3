using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Calls;
using ProSaaS.Hosting.Calls;

namespace ProSaaS.Api.Tests.Calls;

/// <summary>The media host's side of the internal call routes, as the media host speaks them (the contract's types and JSON).</summary>
public static class MediaHostCalls
{
    public static readonly CallMetrics Metrics = new(
        new LatencySummary(420, 880, 910, 5),
        new HopLatency(new LatencySummary(0.4, 1.9, 2.2, 3050), new LatencySummary(0.3, 1.1, 1.6, 2900)),
        new LatencySummary(12, 18, 18, 1),
        BargeIns: 1,
        FramesIn: 3050,
        FramesOut: 2900,
        FramesDropped: 0,
        InboundQueueHighWater: 4,
        OutboundQueueHighWater: 51,
        AiReconnects: 0,
        DurationMs: 61_400);

    public static TranscriptTurnCommand Turn(string speaker, string text, long offsetMs, bool interrupted = false, Guid? commandId = null) =>
        new(commandId ?? Guid.NewGuid(), DateTimeOffset.UtcNow, speaker, text, offsetMs, interrupted);

    public static FieldsCollectedCommand Fields(params (string Key, string Value)[] fields) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, fields.ToDictionary(f => f.Key, f => f.Value));

    public static CallEndedCommand Ended(string reason, Guid? commandId = null) =>
        new(commandId ?? Guid.NewGuid(), DateTimeOffset.UtcNow, reason, Metrics);

    public static Task<HttpResponseMessage> SendAsync(this HttpClient media, Guid tenant, Guid callId, CallCommand command) =>
        media.PostAsJsonAsync(MediaHostContract.CommandsPath(tenant.ToString(), callId), command, MediaHostContract.Json);

    /// <summary>Posts a raw body (for malformed commands).</summary>
    public static Task<HttpResponseMessage> SendRawAsync(this HttpClient media, Guid tenant, Guid callId, string json) =>
        media.PostAsync(MediaHostContract.CommandsPath(tenant.ToString(), callId), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    /// <summary>Sends a command that must be accepted, and reads its result.</summary>
    public static async Task<CallCommandResult> ReportAsync(this HttpClient media, Guid tenant, Guid callId, CallCommand command)
    {
        var response = await media.SendAsync(tenant, callId, command);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"the command was refused with {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<CallCommandResult>(text, MediaHostContract.Json)!;
    }

    public static async Task<CallConfig> ConfigAsync(this HttpClient media, Guid tenant, Guid callId)
    {
        var response = await media.GetAsync(MediaHostContract.ConfigPath(tenant.ToString(), callId));
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue($"the configuration was refused with {(int)response.StatusCode}: {text}");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        return JsonSerializer.Deserialize<CallConfig>(text, MediaHostContract.Json)!;
    }

    /// <summary>An outbound call to a lead, started as the outbound start records it: queued, holding a slot, following a template.</summary>
    public static async Task<Guid> StartOutboundAsync(this CallsFixture fx, Guid tenant, Guid leadId, string to, Guid? templateId)
    {
        await using var scope = fx.Api.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<RequestContext>().TenantId = tenant.ToString();
        var events = scope.ServiceProvider.GetRequiredService<IEventStore>();
        var id = Guid.NewGuid();
        await events.StartStreamAsync<Call>(id,
            [new CallStarted(id, leadId, CallDirection.Outbound, null, "+97233760000", to, CallStatus.Queued, DateTimeOffset.UtcNow, templateId)]);
        return id;
    }

    /// <summary>As the call's behaviour will, once the caller is captured as a lead.</summary>
    public static async Task LinkLeadAsync(this CallsFixture fx, Guid tenant, Guid callId, Guid leadId)
    {
        await using var scope = fx.Api.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<RequestContext>().TenantId = tenant.ToString();
        var events = scope.ServiceProvider.GetRequiredService<IEventStore>();
        var call = (await events.AggregateStreamAsync<Call>(callId))!;
        call.LinkLead(leadId, DateTimeOffset.UtcNow);
        await events.SaveAsync(call);
    }

    public static async Task<IReadOnlyList<string>> EventTypesAsync(this CallsFixture fx, Guid streamId)
    {
        var types = new List<string>();
        await using var connection = await fx.Database.PlatformDataSource.OpenConnectionAsync();
        await using var command = new Npgsql.NpgsqlCommand("select type from mt_events where stream_id = $1 order by version", connection)
        {
            Parameters = { new() { Value = streamId } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            types.Add(reader.GetString(0));
        }

        return types;
    }
}
