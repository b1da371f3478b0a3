using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using ProSaaS.Domain.Webhooks;
using static ProSaaS.Domain.Webhooks.WebhookEventTypes;

namespace ProSaaS.Infrastructure.Webhooks;

/// <summary>
/// Which stored events become which public webhook events, and the public shape of each: the one place to add a
/// domain event to the webhooks. Events are matched by their stored alias and read as raw JSON, so that events of
/// aggregates this build does not contain (appointments, calls) are delivered as soon as they are recorded. The
/// <c>data</c> of a message is built from named properties only — a stable public contract, never the internal event.
/// <para>
/// A field is read from the first of its names the event carries (the public name first) and is null when none is.
/// Call events come with the telephony step: their mapping reads the properties they are expected to carry.
/// </para>
/// </summary>
public static class WebhookEventCatalog
{
    private static readonly Mapping[] Mappings =
    [
        new("lead_captured", LeadCreated, raw => Pick(raw,
            F("leadId"), F("name"), F("phone"), F("email"), F("source"), F("status"), F("fields"), F("capturedAt"))),
        new("lead_capture_merged", LeadUpdated, raw => Change(raw, "capture_merged",
            F("source"), F("name"), F("email"), F("fields"), F("capturedAt"))),
        new("lead_status_changed", LeadUpdated, raw => Change(raw, "status_changed",
            F("fromStatus"), F("toStatus"), F("reason"), F("changedAt"))),
        new("lead_details_changed", LeadUpdated, raw => Change(raw, "details_changed",
            F("name"), F("phone"), F("email"), F("setFields"), F("removedFields"), F("changedAt"))),
        new("lead_assigned", LeadUpdated, raw => Change(raw, "assigned",
            F("assigneeUserId"), F("previousAssigneeUserId"), F("assignedAt"))),
        new("lead_deleted", LeadDeleted, raw => Pick(raw, F("leadId"), F("status"), F("reason"), F("deletedAt"))),
        new("appointment_booked", AppointmentBooked, raw => Pick(raw,
            F("appointmentId"), F("leadId"), F("startsAt", "start"), F("endsAt", "end"), F("source"), F("title"), F("notes"), F("bookedAt"))),
        new("appointment_rescheduled", AppointmentRescheduled, raw => Pick(raw,
            F("appointmentId"), F("leadId"), F("previousStartsAt", "oldStart"), F("previousEndsAt", "oldEnd"),
            F("startsAt", "newStart"), F("endsAt", "newEnd"), F("reason"), F("rescheduledAt"))),
        new("appointment_cancelled", AppointmentCancelled, raw => Pick(raw,
            F("appointmentId"), F("leadId"), F("startsAt", "start"), F("endsAt", "end"), F("reason"), F("cancelledAt"))),
        // Sent once the call is summarized (its summary written by the model, or by the rules when the model kept failing),
        // not at its end: the message carries the summary and the whole transcript. call_completed itself is no message.
        new("call_summarized", CallCompleted, CallData, MondayTranscript),
    ];

    private static readonly Dictionary<string, Mapping> ByAlias = Mappings.ToDictionary(m => m.Alias, StringComparer.Ordinal);

    /// <summary>Compact JSON that keeps Hebrew readable (HTML-sensitive characters are still escaped).</summary>
    public static JsonSerializerOptions PayloadJson { get; } = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = false,
    };

    /// <summary>Every stored alias the webhook projection follows.</summary>
    public static IReadOnlyCollection<string> Aliases { get; } = Mappings.Select(m => m.Alias).ToArray();

    /// <summary>The public event type of a stored alias; null when it is not delivered.</summary>
    public static string? PublicTypeOf(string alias) => ByAlias.TryGetValue(alias, out var mapping) ? mapping.PublicType : null;

    /// <summary>
    /// The body of the message an endpoint of <paramref name="kind"/> receives for a stored event, or null when that
    /// kind of endpoint takes no message for it.
    /// </summary>
    public static string? BuildPayload(string alias, string json, DateTimeOffset timestamp, WebhookEndpointKind kind)
    {
        if (!ByAlias.TryGetValue(alias, out var mapping))
        {
            return null;
        }

        var raw = JsonNode.Parse(json) as JsonObject ?? [];
        var data = kind switch
        {
            WebhookEndpointKind.MondayTranscript => mapping.Monday?.Invoke(raw),
            _ => mapping.Data(raw),
        };
        return data is null ? null : Envelope(mapping.PublicType, timestamp, data);
    }

    /// <summary>The lead a stored event is about (its <c>leadId</c>), if any.</summary>
    public static Guid? LeadIdOf(string json) =>
        JsonNode.Parse(json) is JsonObject raw && raw["leadId"] is JsonValue value && value.TryGetValue<string>(out var text)
        && Guid.TryParse(text, out var id)
            ? id
            : null;

    /// <summary>The body of a <c>webhook.test</c> message.</summary>
    public static string TestPayload(Guid endpointId, DateTimeOffset timestamp) => Envelope(Test, timestamp, new JsonObject
    {
        ["endpointId"] = endpointId,
        ["message"] = "הודעת בדיקה מ-ProSaaS: נקודת ה-webhook מחוברת.",
    });

    /// <summary>Standard Webhooks envelope: <c>{ "type", "timestamp", "data" }</c>.</summary>
    public static string Envelope(string type, DateTimeOffset timestamp, JsonObject data) => new JsonObject
    {
        ["type"] = type,
        ["timestamp"] = timestamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        ["data"] = data,
    }.ToJsonString(PayloadJson);

    private static JsonObject Change(JsonObject raw, string change, params Field[] fields)
    {
        var data = new JsonObject { ["leadId"] = Value(raw, F("leadId")), ["change"] = change };
        foreach (var field in fields)
        {
            data[field.Name] = Value(raw, field);
        }

        return data;
    }

    private static JsonObject Pick(JsonObject raw, params Field[] fields)
    {
        var data = new JsonObject();
        foreach (var field in fields)
        {
            data[field.Name] = Value(raw, field);
        }

        return data;
    }

    /// <summary>
    /// <c>call.completed</c> for generic endpoints. The transcript is a list of turns <c>{ speaker, text, at }</c>,
    /// whether the call event records turns or one text; the summary is its text, with the next action
    /// <c>{ kind, text }</c> and the caller's sentiment beside it.
    /// </summary>
    private static JsonObject CallData(JsonObject raw)
    {
        var data = Pick(raw, F("callId"), F("leadId"), F("direction"), F("from", "fromNumber", "callerNumber"), F("to", "toNumber", "dialledNumber"),
            F("startedAt"), F("endedAt"), F("durationSeconds", "duration"), F("endReason", "hangupReason", "reason"), F("hangupReason"),
            F("hasRecording"), F("collectedFields"));
        var summary = raw["summary"] as JsonObject;
        data["summary"] = SummaryText(raw);
        data["nextAction"] = summary is null ? null : new JsonObject
        {
            ["kind"] = summary["nextAction"]?.DeepClone(),
            ["text"] = summary["nextActionText"]?.DeepClone(),
        };
        data["sentiment"] = summary?["sentiment"]?.DeepClone();
        data["summarizer"] = Value(raw, F("summarizer"));
        var turns = new JsonArray();
        foreach (var (speaker, text, at) in Turns(raw))
        {
            turns.Add(new JsonObject { ["speaker"] = speaker, ["text"] = text, ["at"] = at });
        }

        data["transcript"] = turns;
        return data;
    }

    /// <summary>
    /// <c>call.completed</c> for a Monday.com board: flat values for its columns and the transcript as one Hebrew text,
    /// one line per turn (<c>לקוח: …</c> / <c>נציג: …</c>), ready for a long-text column or an update.
    /// </summary>
    private static JsonObject MondayTranscript(JsonObject raw)
    {
        var direction = Value(raw, F("direction"))?.GetValue<string>();
        var phone = direction == "outbound"
            ? Value(raw, F("to", "toNumber", "dialledNumber"))
            : Value(raw, F("from", "fromNumber", "callerNumber"));
        var lines = Turns(raw).Select(t => t.Speaker is null ? t.Text : $"{SpeakerLabel(t.Speaker)}: {t.Text}");
        var data = Pick(raw, F("callId"), F("leadId"));
        data["phone"] = phone;
        data["direction"] = direction;
        foreach (var field in new[] { F("startedAt"), F("endedAt"), F("durationSeconds", "duration") })
        {
            data[field.Name] = Value(raw, field);
        }

        data["summary"] = SummaryText(raw);
        data["nextAction"] = Text((raw["summary"] as JsonObject)?["nextActionText"]);

        data["transcript"] = string.Join("\n", lines);
        return data;
    }

    /// <summary>The summary's text, whether the event records it as an object (<c>call_summarized</c>) or as text.</summary>
    private static string? SummaryText(JsonObject raw) => raw["summary"] switch
    {
        JsonObject summary => Text(summary["text"]),
        var node => Text(node),
    };

    private static IEnumerable<(string? Speaker, string Text, JsonNode? At)> Turns(JsonObject raw)
    {
        switch (raw["transcript"] ?? raw["turns"])
        {
            case JsonValue value when value.TryGetValue<string>(out var text) && text.Length > 0:
                yield return (null, text, null);
                break;
            case JsonArray turns:
                foreach (var turn in turns.OfType<JsonObject>())
                {
                    var text = Text(turn["text"] ?? turn["content"]);
                    if (string.IsNullOrWhiteSpace(text))
                    {
                        continue;
                    }

                    yield return (Text(turn["speaker"] ?? turn["role"]), text.Trim(), (turn["at"] ?? turn["timestamp"])?.DeepClone());
                }

                break;
        }
    }

    private static string SpeakerLabel(string speaker) => speaker.ToLowerInvariant() switch
    {
        "caller" or "customer" or "user" or "lead" or "client" => "לקוח",
        "assistant" or "ai" or "bot" or "agent" => "נציג",
        _ => speaker,
    };

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static JsonNode? Value(JsonObject raw, Field field)
    {
        foreach (var source in field.Sources)
        {
            if (raw[source] is { } node)
            {
                return node.DeepClone();
            }
        }

        return null;
    }

    private static Field F(string name, params string[] alternatives) => new(name, [name, .. alternatives]);

    private sealed record Field(string Name, string[] Sources);

    private sealed record Mapping(string Alias, string PublicType, Func<JsonObject, JsonObject> Data, Func<JsonObject, JsonObject>? Monday = null);
}
