using System.Text.Json;
using ProSaaS.Domain.Calls;
using ProSaaS.Domain.Webhooks;
using ProSaaS.Infrastructure.EventStore;
using ProSaaS.Infrastructure.Webhooks;

namespace ProSaaS.Infrastructure.Tests.Webhooks;

/// <summary>
/// The recorded <c>call_summarized</c> event, as stored, becomes the documented <c>call.completed</c> message: the call's
/// facts, its transcript, the details collected, the summary and the next action. The call's end itself is no message.
/// </summary>
public sealed class CallCompletedPayloadTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 14, 9, 15, 0, TimeSpan.Zero);

    private static readonly CallSummaryContent Summary = new(
        "רות לוי ביקשה דירת 4 חדרים בחיפה. נקבעה פגישה.", CallNextAction.ConfirmAppointment, "לאשר את הפגישה מול רות", CallSentiment.Positive);

    private static string Stored(CallDirection direction, bool mediaEnd = false)
    {
        var call = Call.Start(Guid.Parse("0196c7a1-ffe0-7a52-b3c4-6d7e8f9a0b1c"), direction, "CA1", "+972527654321", "+97233760000",
            Guid.Parse("0196c7a2-5b1e-7c3d-9a4f-2e8b6d1c0f3a"), CallStatus.Ringing, Start);
        call.ApplyProviderStatus(CallStatus.InProgress, 1, null, null, Start.AddSeconds(2));
        if (mediaEnd)
        {
            call.RecordMediaEnd(Guid.NewGuid(), CallEndReason.UserGoodbye, new CallMediaMetrics(null, null, null, 0, 10, 10, 0, 1, 1, 0, 180_000),
                Start.AddSeconds(182), Start.AddSeconds(182));
        }
        else
        {
            call.ApplyProviderStatus(CallStatus.Completed, 2, 180, null, Start.AddSeconds(182));
        }

        call.RecordSummary(Summary, CallSummaryRules.OpenAiSummarizer, null,
            [
                new CallSummaryTurn(CallSpeaker.Assistant, "שלום, כאן שי דירות", 0, Start.AddSeconds(3)),
                new CallSummaryTurn(CallSpeaker.Caller, "אני מחפשת דירה בחיפה", 2500, Start.AddSeconds(6)),
            ],
            new Dictionary<string, string> { ["name"] = "רות לוי", ["city"] = "חיפה" }, ["save_lead_fields", "book_appointment"], Start.AddSeconds(190));
        var registry = EventTypeRegistry.ForDomain();
        var summarized = call.UncommittedEvents.OfType<CallSummarized>().Single();
        registry.AliasOf(summarized.GetType()).Should().Be("call_summarized");
        return registry.Serialize(summarized);
    }

    [Fact]
    public void A_summarized_call_fills_every_field_of_the_generic_message()
    {
        var payload = WebhookEventCatalog.BuildPayload("call_summarized", Stored(CallDirection.Inbound), Start.AddSeconds(190), WebhookEndpointKind.Generic)!;
        var root = JsonDocument.Parse(payload).RootElement;
        root.GetProperty("type").GetString().Should().Be("call.completed");
        var data = root.GetProperty("data");

        data.GetProperty("callId").GetString().Should().Be("0196c7a1-ffe0-7a52-b3c4-6d7e8f9a0b1c");
        data.GetProperty("leadId").GetString().Should().Be("0196c7a2-5b1e-7c3d-9a4f-2e8b6d1c0f3a");
        data.GetProperty("direction").GetString().Should().Be("inbound");
        data.GetProperty("from").GetString().Should().Be("+972527654321");
        data.GetProperty("to").GetString().Should().Be("+97233760000");
        data.GetProperty("startedAt").GetDateTimeOffset().Should().Be(Start);
        data.GetProperty("endedAt").GetDateTimeOffset().Should().Be(Start.AddSeconds(182));
        data.GetProperty("durationSeconds").GetInt32().Should().Be(180);
        data.GetProperty("endReason").GetString().Should().Be("completed");
        data.GetProperty("hangupReason").ValueKind.Should().Be(JsonValueKind.Null);
        data.GetProperty("hasRecording").GetBoolean().Should().BeFalse();
        data.GetProperty("collectedFields").GetProperty("city").GetString().Should().Be("חיפה");
        data.GetProperty("summary").GetString().Should().Be(Summary.Text);
        data.GetProperty("nextAction").GetProperty("kind").GetString().Should().Be("confirm_appointment");
        data.GetProperty("nextAction").GetProperty("text").GetString().Should().Be("לאשר את הפגישה מול רות");
        data.GetProperty("sentiment").GetString().Should().Be("positive");
        data.GetProperty("summarizer").GetString().Should().Be("openai");
        var transcript = data.GetProperty("transcript");
        transcript.GetArrayLength().Should().Be(2);
        transcript[1].GetProperty("speaker").GetString().Should().Be("caller");
        transcript[1].GetProperty("text").GetString().Should().Be("אני מחפשת דירה בחיפה");
        transcript[1].GetProperty("at").GetDateTimeOffset().Should().Be(Start.AddSeconds(6));
    }

    [Fact]
    public void A_monday_board_gets_the_customers_number_in_either_direction_the_summary_and_the_transcript_as_text()
    {
        var inbound = JsonDocument.Parse(WebhookEventCatalog.BuildPayload("call_summarized", Stored(CallDirection.Inbound), Start, WebhookEndpointKind.MondayTranscript)!);
        var outbound = JsonDocument.Parse(WebhookEventCatalog.BuildPayload("call_summarized", Stored(CallDirection.Outbound), Start, WebhookEndpointKind.MondayTranscript)!);

        inbound.RootElement.GetProperty("data").GetProperty("phone").GetString().Should().Be("+972527654321");
        outbound.RootElement.GetProperty("data").GetProperty("phone").GetString().Should().Be("+97233760000");
        outbound.RootElement.GetProperty("data").GetProperty("direction").GetString().Should().Be("outbound");
        var data = inbound.RootElement.GetProperty("data");
        data.GetProperty("summary").GetString().Should().Be(Summary.Text);
        data.GetProperty("nextAction").GetString().Should().Be("לאשר את הפגישה מול רות");
        data.GetProperty("transcript").GetString().Should().Be("נציג: שלום, כאן שי דירות\nלקוח: אני מחפשת דירה בחיפה");
    }

    [Fact]
    public void A_call_the_media_host_ended_carries_its_reason_and_the_calls_other_events_are_not_webhooks()
    {
        var data = JsonDocument.Parse(WebhookEventCatalog.BuildPayload("call_summarized", Stored(CallDirection.Inbound, mediaEnd: true), Start, WebhookEndpointKind.Generic)!)
            .RootElement.GetProperty("data");

        data.GetProperty("endReason").GetString().Should().Be("user_goodbye");
        data.GetProperty("hangupReason").GetString().Should().Be("user_goodbye");
        data.GetProperty("durationSeconds").GetInt32().Should().Be(180);
        foreach (var alias in new[] { "call_completed", "call_media_ended", "call_transcript_turn", "call_fields_collected", "call_tool_applied", "call_configured" })
        {
            WebhookEventCatalog.PublicTypeOf(alias).Should().BeNull(alias);
        }
    }

    [Fact]
    public void An_erased_summary_leaves_no_summary_and_no_next_action()
    {
        var json = """{"callId":"0196c7a1-ffe0-7a52-b3c4-6d7e8f9a0b1c","direction":"inbound","summary":null,"transcript":[],"collectedFields":{},"erased":true}""";

        var data = JsonDocument.Parse(WebhookEventCatalog.BuildPayload("call_summarized", json, Start, WebhookEndpointKind.Generic)!).RootElement.GetProperty("data");

        data.GetProperty("summary").ValueKind.Should().Be(JsonValueKind.Null);
        data.GetProperty("nextAction").ValueKind.Should().Be(JsonValueKind.Null);
        data.GetProperty("transcript").GetArrayLength().Should().Be(0);
    }
}
