using System.Text.Json;
using ProSaaS.Domain.Calls;
using ProSaaS.Domain.Webhooks;
using ProSaaS.Infrastructure.EventStore;
using ProSaaS.Infrastructure.Webhooks;

namespace ProSaaS.Infrastructure.Tests.Webhooks;

/// <summary>The recorded <c>call_completed</c> event, as stored, becomes the documented <c>call.completed</c> message.</summary>
public sealed class CallCompletedPayloadTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 14, 9, 15, 0, TimeSpan.Zero);

    private static string Stored(CallDirection direction)
    {
        var call = Call.Start(Guid.Parse("0196c7a1-ffe0-7a52-b3c4-6d7e8f9a0b1c"), direction, "CA1", "+972527654321", "+97233760000",
            Guid.Parse("0196c7a2-5b1e-7c3d-9a4f-2e8b6d1c0f3a"), CallStatus.Ringing, Start);
        call.ApplyProviderStatus(CallStatus.InProgress, 1, null, null, Start.AddSeconds(2));
        call.ApplyProviderStatus(CallStatus.Completed, 2, 180, null, Start.AddSeconds(182));
        var registry = EventTypeRegistry.ForDomain();
        var completed = call.UncommittedEvents.OfType<CallCompleted>().Single();
        registry.AliasOf(completed.GetType()).Should().Be("call_completed");
        return registry.Serialize(completed);
    }

    [Fact]
    public void A_completed_call_fills_every_field_of_the_generic_message()
    {
        var payload = WebhookEventCatalog.BuildPayload("call_completed", Stored(CallDirection.Inbound), Start.AddSeconds(182), WebhookEndpointKind.Generic)!;
        var data = JsonDocument.Parse(payload).RootElement.GetProperty("data");

        data.GetProperty("callId").GetString().Should().Be("0196c7a1-ffe0-7a52-b3c4-6d7e8f9a0b1c");
        data.GetProperty("leadId").GetString().Should().Be("0196c7a2-5b1e-7c3d-9a4f-2e8b6d1c0f3a");
        data.GetProperty("direction").GetString().Should().Be("inbound");
        data.GetProperty("from").GetString().Should().Be("+972527654321");
        data.GetProperty("to").GetString().Should().Be("+97233760000");
        data.GetProperty("startedAt").GetDateTimeOffset().Should().Be(Start);
        data.GetProperty("endedAt").GetDateTimeOffset().Should().Be(Start.AddSeconds(182));
        data.GetProperty("durationSeconds").GetInt32().Should().Be(180);
        data.GetProperty("endReason").GetString().Should().Be("completed");
        data.GetProperty("transcript").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public void A_monday_board_gets_the_customers_number_in_either_direction()
    {
        var inbound = JsonDocument.Parse(WebhookEventCatalog.BuildPayload("call_completed", Stored(CallDirection.Inbound), Start, WebhookEndpointKind.MondayTranscript)!);
        var outbound = JsonDocument.Parse(WebhookEventCatalog.BuildPayload("call_completed", Stored(CallDirection.Outbound), Start, WebhookEndpointKind.MondayTranscript)!);

        inbound.RootElement.GetProperty("data").GetProperty("phone").GetString().Should().Be("+972527654321");
        outbound.RootElement.GetProperty("data").GetProperty("phone").GetString().Should().Be("+97233760000");
        outbound.RootElement.GetProperty("data").GetProperty("direction").GetString().Should().Be("outbound");
    }

    [Fact]
    public void A_call_the_media_host_ended_carries_its_reason_and_the_media_hosts_own_account_is_not_a_webhook()
    {
        var call = Call.Start(Guid.NewGuid(), CallDirection.Inbound, "CA2", "+972527654321", "+97233760000", null, CallStatus.Ringing, Start);
        call.RecordMediaEnd(Guid.NewGuid(), CallEndReason.UserGoodbye, new CallMediaMetrics(null, null, null, 0, 10, 10, 0, 1, 1, 0, 65_000),
            Start.AddSeconds(66), Start.AddSeconds(66));
        var registry = EventTypeRegistry.ForDomain();
        var completed = registry.Serialize(call.UncommittedEvents.OfType<CallCompleted>().Single());

        var data = JsonDocument.Parse(WebhookEventCatalog.BuildPayload("call_completed", completed, Start.AddSeconds(66), WebhookEndpointKind.Generic)!)
            .RootElement.GetProperty("data");

        data.GetProperty("endReason").GetString().Should().Be("user_goodbye");
        data.GetProperty("durationSeconds").GetInt32().Should().Be(65);
        foreach (var alias in new[] { "call_media_ended", "call_transcript_turn", "call_fields_collected", "call_tool_applied", "call_configured" })
        {
            WebhookEventCatalog.PublicTypeOf(alias).Should().BeNull(alias);
        }
    }
}
