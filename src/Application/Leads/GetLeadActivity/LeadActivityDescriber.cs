using System.Globalization;
using System.Text.Json;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Leads.GetLeadActivity;

/// <summary>Puts a recorded event about a lead into one Hebrew line, with the business's status labels, user names and time zone.</summary>
public sealed class LeadActivityDescriber(
    IReadOnlyList<LeadStatusDefinition> statuses, IReadOnlyDictionary<Guid, string> userNames, TimeZoneInfo zone)
{
    public static string KindOf(string type) => type switch
    {
        _ when type.StartsWith("lead_note", StringComparison.Ordinal) => "note",
        _ when type.StartsWith("lead_", StringComparison.Ordinal) => "lead",
        _ when type.StartsWith("appointment_", StringComparison.Ordinal) => "appointment",
        _ when type.StartsWith("reminder_", StringComparison.Ordinal) => "reminder",
        _ when type.StartsWith("task_", StringComparison.Ordinal) => "task",
        _ when type.StartsWith("call_", StringComparison.Ordinal) => "call",
        _ when type.StartsWith("whatsapp_", StringComparison.Ordinal) || type.StartsWith("conversation_", StringComparison.Ordinal)
               || type.StartsWith("message_", StringComparison.Ordinal) => "message",
        _ => "other",
    };

    public string Describe(string type, JsonElement data) => type switch
    {
        "lead_captured" => $"הליד נקלט ({Source(Text(data, "source"))})",
        "lead_capture_merged" => $"הליד פנה שוב ({Source(Text(data, "source"))}) והפרטים הושלמו",
        "lead_status_changed" => $"הסטטוס שונה מ\"{Status(Text(data, "fromStatus"))}\" ל\"{Status(Text(data, "toStatus"))}\"" + Reason(data),
        "lead_details_changed" => "פרטי הליד עודכנו",
        "lead_assigned" => Guid.TryParse(Text(data, "assigneeUserId"), out var assignee)
            ? $"הליד הוקצה ל{UserName(assignee)}"
            : "הליד אינו מוקצה עוד לאף אחד",
        "lead_deleted" => "הליד נמחק",
        "lead_note_added" => "נוספה הערה",
        "lead_note_edited" => "הערה נערכה",
        "lead_note_deleted" => "הערה נמחקה",
        "lead_note_attachment_added" => $"צורף קובץ: {Text(data, "fileName") ?? "קובץ"}",
        "lead_note_attachment_removed" => "קובץ מצורף הוסר",
        "appointment_booked" => $"נקבעה פגישה ל־{LocalTime(data, "start")}",
        "appointment_rescheduled" => $"הפגישה הועברה ל־{LocalTime(data, "newStart", "start")}" + Reason(data),
        "appointment_cancelled" => "הפגישה בוטלה" + Reason(data),
        "reminder_set" => $"נקבעה תזכורת ל־{LocalTime(data, "dueAt")}",
        "reminder_rescheduled" => $"התזכורת הועברה ל־{LocalTime(data, "dueAt")}",
        "reminder_text_changed" => "נוסח התזכורת עודכן",
        "reminder_reassigned" => "התזכורת הועברה למשתמש אחר",
        "reminder_completed" => "תזכורת בוצעה",
        "reminder_reopened" => "תזכורת נפתחה מחדש",
        "reminder_deleted" => "תזכורת נמחקה",
        "reminder_came_due" => "הגיע מועד התזכורת",
        "task_created" => $"נוצרה משימה: {Text(data, "title") ?? string.Empty}".TrimEnd(' ', ':'),
        "task_updated" => "משימה עודכנה",
        "task_moved" => "משימה עברה שלב",
        "task_assigned" => "משימה הוקצתה",
        "task_deleted" => "משימה נמחקה",
        "task_came_due" => "הגיע מועד המשימה",
        "call_started" => Text(data, "direction") == "outbound" ? "התחילה שיחה יוצאת" : "התחילה שיחה נכנסת",
        "call_placed" => "השיחה היוצאת חויגה",
        "call_status_changed" => Text(data, "toStatus") == "in_progress" ? "השיחה נענתה" : "מצב השיחה התעדכן",
        "call_lead_linked" => "השיחה שויכה לליד",
        "call_completed" or "call_ended" => "השיחה הסתיימה" + CallEnd(data),
        "call_summarized" => CallSummary(data),
        "call_recording_stored" => "הקלטת השיחה נשמרה" + RecordingLength(data),
        "call_recording_deleted" => Text(data, "reason") == "retention"
            ? "הקלטת השיחה נמחקה בתום תקופת השמירה"
            : "הקלטת השיחה נמחקה",
        "call_transcript_turn" => TranscriptTurn(data),
        "call_fields_collected" => FieldsCollected(data),
        "call_tool_applied" => ToolApplied(Text(data, "tool")),
        "call_configured" => $"העוזר קיבל את הגדרות השיחה (גרסת הנחיות {Text(data, "promptVersion") ?? "0"})",
        "call_media_ended" => "העוזר סיים את השיחה" + (EndReasonText(Text(data, "endReason")) is { } why ? $" ({why})" : string.Empty),
        _ => type.Replace('_', ' '),
    };

    private string Status(string? key) => statuses.FirstOrDefault(s => s.Key == key)?.Label ?? key ?? "?";

    private string UserName(Guid id) => userNames.TryGetValue(id, out var name) ? name : "משתמש שהוסר";

    private string LocalTime(JsonElement data, params string[] names)
    {
        foreach (var name in names)
        {
            if (Text(data, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            {
                return TimeZoneInfo.ConvertTime(at, zone).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
            }
        }

        return "?";
    }

    private static string Source(string? source) => source switch
    {
        "call" => "שיחה",
        "whats_app" or "whatsapp" => "וואטסאפ",
        "api" => "API",
        "manual" => "הזנה ידנית",
        _ => source ?? "?",
    };

    private const int TurnPreviewLength = 120;

    private static string CallEnd(JsonElement data)
    {
        var reason = EndReasonText(Text(data, "endReason"));
        var seconds = int.TryParse(Text(data, "durationSeconds"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var duration = seconds > 0 ? $"{seconds / 60}:{seconds % 60:D2} דקות" : null;
        var parts = new[] { reason, duration }.Where(p => p is not null).ToList();
        return parts.Count == 0 ? string.Empty : $" ({string.Join(", ", parts)})";
    }

    /// <summary>The summary and the next action (only that the call was summarized, once the lead was erased).</summary>
    private static string CallSummary(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("summary", out var summary) || summary.ValueKind != JsonValueKind.Object
            || Text(summary, "text") is not { Length: > 0 } text)
        {
            return "השיחה סוכמה";
        }

        var next = Text(summary, "nextAction") is not "none" && Text(summary, "nextActionText") is { Length: > 0 } action ? $" — המשך: {action}" : string.Empty;
        return $"סיכום השיחה: {text}{next}";
    }

    private static string RecordingLength(JsonElement data)
    {
        var seconds = long.TryParse(Text(data, "durationMs"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? ms / 1000 : 0;
        return seconds > 0 ? $" ({seconds / 60}:{seconds % 60:D2} דקות)" : string.Empty;
    }

    internal static string? EndReasonText(string? endReason) => endReason switch
    {
        "busy" => "הקו היה תפוס",
        "no_answer" => "לא נענתה",
        "failed" => "נכשלה",
        "canceled" => "בוטלה לפני שנענתה",
        "hung_up_by_business" => "נותקה על ידי העסק",
        "lost" => "הקשר אבד",
        "ai_unavailable" => "העוזר לא היה זמין",
        "user_goodbye" => "הלקוח נפרד",
        "assistant_ended" => "העוזר סיים את השיחה",
        "caller_hung_up" => "הלקוח ניתק",
        "silence" => "הלקוח לא ענה",
        "max_duration" => "הגיעה למשך המרבי",
        "stream_lost" => "הקשר הקולי אבד",
        "transferred_to_human" => "הועברה לנציג",
        "shutdown" => "השירות הופעל מחדש",
        "answering_machine" => "ענה משיבון קולי",
        _ => null,
    };

    /// <summary>One utterance, cut short: who said it and the start of what was said (nothing of it once the lead was erased).</summary>
    private static string TranscriptTurn(JsonElement data)
    {
        var who = Text(data, "speaker") == "assistant" ? "העוזר" : "הלקוח";
        if (Text(data, "text") is not { Length: > 0 } text)
        {
            return $"{who} דיבר בשיחה";
        }

        text = text.Length > TurnPreviewLength ? text[..TurnPreviewLength].TrimEnd() + "…" : text;
        return $"{who} בשיחה: \"{text}\"";
    }

    private static string FieldsCollected(JsonElement data)
    {
        var count = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("fields", out var fields) && fields.ValueKind == JsonValueKind.Object
            ? fields.EnumerateObject().Count()
            : 0;
        return count switch
        {
            0 => "נאספו פרטים בשיחה",
            1 => "נאסף פרט אחד בשיחה",
            _ => $"נאספו {count} פרטים בשיחה",
        };
    }

    /// <summary>What the assistant did during a call with a tool, by the tool's name.</summary>
    private static string ToolApplied(string? tool) => tool switch
    {
        "save_lead_fields" => "העוזר שמר פרטים בשיחה",
        "book_appointment" => "העוזר קבע פגישה בשיחה",
        "request_human" => "הלקוח ביקש בשיחה שנציג יחזור אליו",
        _ => "העוזר השתמש בכלי בשיחה",
    };

    private static string Reason(JsonElement data) => Text(data, "reason") is { Length: > 0 } reason ? $" — {reason}" : string.Empty;

    private static string? Text(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;
}
