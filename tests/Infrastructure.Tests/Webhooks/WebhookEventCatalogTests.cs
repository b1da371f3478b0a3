using System.Text.Json;
using ProSaaS.Domain.Webhooks;
using ProSaaS.Infrastructure.Webhooks;

namespace ProSaaS.Infrastructure.Tests.Webhooks;

public sealed class WebhookEventCatalogTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 3, 9, 15, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("lead_captured", "lead.created")]
    [InlineData("lead_capture_merged", "lead.updated")]
    [InlineData("lead_status_changed", "lead.updated")]
    [InlineData("lead_deleted", "lead.deleted")]
    [InlineData("appointment_booked", "appointment.booked")]
    [InlineData("appointment_rescheduled", "appointment.rescheduled")]
    [InlineData("appointment_cancelled", "appointment.cancelled")]
    [InlineData("call_summarized", "call.completed")]
    public void Maps_stored_aliases_to_public_types(string alias, string publicType)
    {
        WebhookEventCatalog.PublicTypeOf(alias).Should().Be(publicType);
        WebhookEventCatalog.Aliases.Should().Contain(alias);
        WebhookEventTypes.IsSubscribable(publicType).Should().BeTrue();
    }

    [Fact]
    public void Every_subscribable_type_has_a_source_and_internal_events_are_not_delivered()
    {
        WebhookEventTypes.Subscribable.Should().OnlyContain(t => WebhookEventCatalog.Aliases.Any(a => WebhookEventCatalog.PublicTypeOf(a) == t));
        WebhookEventCatalog.PublicTypeOf("api_key_created").Should().BeNull();
        WebhookEventCatalog.PublicTypeOf("webhook_endpoint_created").Should().BeNull();
    }

    [Fact]
    public void Lead_created_carries_the_public_fields_only_in_a_standard_webhooks_envelope()
    {
        var leadId = Guid.NewGuid();
        var json = JsonSerializer.Serialize(new
        {
            leadId, name = "רות לוי", phone = "+972527654321", email = (string?)null, source = "call",
            fields = new { city = "חיפה" }, status = "new", capturedAt = At, internalNote = "לא לפרסום",
        });
        var body = Parse(WebhookEventCatalog.BuildPayload("lead_captured", json, At, WebhookEndpointKind.Generic)!);
        body.GetProperty("type").GetString().Should().Be("lead.created");
        body.GetProperty("timestamp").GetString().Should().Be("2026-05-03T09:15:00.000Z");
        var data = body.GetProperty("data");
        data.EnumerateObject().Select(p => p.Name).Should().Equal("leadId", "name", "phone", "email", "source", "status", "fields", "capturedAt");
        data.GetProperty("leadId").GetGuid().Should().Be(leadId);
        data.GetProperty("name").GetString().Should().Be("רות לוי");
        data.GetProperty("fields").GetProperty("city").GetString().Should().Be("חיפה");
        WebhookEventCatalog.BuildPayload("lead_captured", json, At, WebhookEndpointKind.Generic)!.Should().Contain("רות לוי", "Hebrew stays readable");
        WebhookEventCatalog.LeadIdOf(json).Should().Be(leadId);
    }

    [Fact]
    public void Lead_updates_name_their_change()
    {
        var leadId = Guid.NewGuid();
        var status = Parse(WebhookEventCatalog.BuildPayload("lead_status_changed",
            JsonSerializer.Serialize(new { leadId, fromStatus = "new", toStatus = "contacted", reason = "חזרנו", changedAt = At }), At,
            WebhookEndpointKind.Generic)!).GetProperty("data");
        status.GetProperty("change").GetString().Should().Be("status_changed");
        status.GetProperty("toStatus").GetString().Should().Be("contacted");
        status.GetProperty("leadId").GetGuid().Should().Be(leadId);

        var merged = Parse(WebhookEventCatalog.BuildPayload("lead_capture_merged",
            JsonSerializer.Serialize(new { leadId, source = "whats_app", name = (string?)null, email = "a@b.co", fields = new { rooms = "4" }, capturedAt = At }),
            At, WebhookEndpointKind.Generic)!).GetProperty("data");
        merged.GetProperty("change").GetString().Should().Be("capture_merged");
        merged.GetProperty("fields").GetProperty("rooms").GetString().Should().Be("4");
    }

    [Fact]
    public void Appointment_events_read_the_expected_fields_and_give_null_for_missing_ones()
    {
        var appointmentId = Guid.NewGuid();
        var data = Parse(WebhookEventCatalog.BuildPayload("appointment_rescheduled", JsonSerializer.Serialize(new
        {
            appointmentId, leadId = Guid.NewGuid(), previousStartsAt = At, startsAt = At.AddDays(1), endsAt = At.AddDays(1).AddMinutes(30),
        }), At, WebhookEndpointKind.Generic)!).GetProperty("data");
        data.GetProperty("appointmentId").GetGuid().Should().Be(appointmentId);
        data.GetProperty("startsAt").GetDateTimeOffset().Should().Be(At.AddDays(1));
        data.GetProperty("reason").ValueKind.Should().Be(JsonValueKind.Null);

        var booked = Parse(WebhookEventCatalog.BuildPayload("appointment_booked", JsonSerializer.Serialize(new
        {
            appointmentId, start = At, end = At.AddMinutes(30),
        }), At, WebhookEndpointKind.Generic)!).GetProperty("data");
        booked.GetProperty("startsAt").GetDateTimeOffset().Should().Be(At, "an alternative property name is accepted");
    }

    [Fact]
    public void Call_summarized_gives_turns_to_generic_endpoints_and_hebrew_text_to_monday()
    {
        var callId = Guid.NewGuid();
        var json = JsonSerializer.Serialize(new
        {
            callId, leadId = Guid.NewGuid(), direction = "inbound", from = "+972527654321", to = "+97233760000",
            startedAt = At, endedAt = At.AddMinutes(2), durationSeconds = 120, summary = "מתעניינת בדירת 4 חדרים",
            transcript = new object[]
            {
                new { speaker = "assistant", text = "שלום, שי דירות, במה אפשר לעזור?" },
                new { speaker = "caller", text = "אני מחפשת דירה בחיפה" },
                new { speaker = "caller", text = "  " },
            },
        });
        var generic = Parse(WebhookEventCatalog.BuildPayload("call_summarized", json, At, WebhookEndpointKind.Generic)!).GetProperty("data");
        generic.GetProperty("transcript").GetArrayLength().Should().Be(2);
        generic.GetProperty("transcript")[1].GetProperty("speaker").GetString().Should().Be("caller");

        var monday = Parse(WebhookEventCatalog.BuildPayload("call_summarized", json, At, WebhookEndpointKind.MondayTranscript)!);
        monday.GetProperty("type").GetString().Should().Be("call.completed");
        var data = monday.GetProperty("data");
        data.GetProperty("callId").GetGuid().Should().Be(callId);
        data.GetProperty("phone").GetString().Should().Be("+972527654321");
        data.GetProperty("summary").GetString().Should().Be("מתעניינת בדירת 4 חדרים");
        data.GetProperty("transcript").GetString().Should().Be("נציג: שלום, שי דירות, במה אפשר לעזור?\nלקוח: אני מחפשת דירה בחיפה");
    }

    [Fact]
    public void Monday_endpoints_take_no_lead_events_and_a_transcript_text_passes_through()
    {
        WebhookEventCatalog.BuildPayload("lead_captured", "{}", At, WebhookEndpointKind.MondayTranscript).Should().BeNull();
        var data = Parse(WebhookEventCatalog.BuildPayload("call_summarized",
            JsonSerializer.Serialize(new { callId = Guid.NewGuid(), direction = "outbound", to = "+972501234567", transcript = "שלום\nלהתראות" }),
            At, WebhookEndpointKind.MondayTranscript)!).GetProperty("data");
        data.GetProperty("phone").GetString().Should().Be("+972501234567");
        data.GetProperty("transcript").GetString().Should().Be("שלום\nלהתראות");
    }

    [Fact]
    public void Message_ids_are_stable_per_event_and_endpoint()
    {
        var (eventId, endpointId) = (Guid.NewGuid(), Guid.NewGuid());
        var id = WebhookDeliveryProjection.MessageIdFor(eventId, endpointId);
        id.Should().MatchRegex("^msg_[0-9a-f]{32}$");
        WebhookDeliveryProjection.MessageIdFor(eventId, endpointId).Should().Be(id);
        WebhookDeliveryProjection.MessageIdFor(eventId, Guid.NewGuid()).Should().NotBe(id);
        WebhookDeliveryProjection.MessageIdFor(Guid.NewGuid(), endpointId).Should().NotBe(id);
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
