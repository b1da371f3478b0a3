using System.Text.Json;
using ProSaaS.Application.Leads.GetLeadActivity;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Tests.Calls;

/// <summary>The media host's reports as lines of the lead's activity, in Hebrew.</summary>
public sealed class CallActivityDescriptionTests
{
    private static readonly LeadActivityDescriber Describer = new(
        LeadStatusDefinition.Defaults, new Dictionary<Guid, string>(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Jerusalem"));

    private static string Describe(string type, string json) => Describer.Describe(type, JsonDocument.Parse(json).RootElement);

    public static TheoryData<string, string, string> Lines => new()
    {
        { "call_transcript_turn", """{ "speaker": "caller", "text": "אני מחפש דירה בחיפה" }""", "הלקוח בשיחה: \"אני מחפש דירה בחיפה\"" },
        { "call_transcript_turn", """{ "speaker": "assistant", "text": "בשמחה" }""", "העוזר בשיחה: \"בשמחה\"" },
        { "call_transcript_turn", $$"""{ "speaker": "assistant", "text": "{{new string('א', 130)}}" }""", $"העוזר בשיחה: \"{new string('א', 120)}…\"" },
        { "call_transcript_turn", """{ "speaker": "caller", "text": null, "erased": true }""", "הלקוח דיבר בשיחה" },
        { "call_fields_collected", """{ "fields": { "city": "חיפה", "rooms": "4" } }""", "נאספו 2 פרטים בשיחה" },
        { "call_fields_collected", """{ "fields": { "city": "חיפה" } }""", "נאסף פרט אחד בשיחה" },
        { "call_fields_collected", """{ "fields": {}, "erased": true }""", "נאספו פרטים בשיחה" },
        { "call_tool_applied", """{ "tool": "save_lead_fields", "fieldsSaved": ["name"] }""", "העוזר שמר פרטים בשיחה" },
        { "call_tool_applied", """{ "tool": "book_appointment" }""", "העוזר קבע פגישה בשיחה" },
        { "call_tool_applied", """{ "tool": "request_human", "content": null, "erased": true }""", "הלקוח ביקש בשיחה שנציג יחזור אליו" },
        { "call_tool_applied", """{ "tool": "something_new" }""", "העוזר השתמש בכלי בשיחה" },
        { "call_media_ended", """{ "endReason": "user_goodbye" }""", "העוזר סיים את השיחה (הלקוח נפרד)" },
        { "call_media_ended", """{ "endReason": "transferred_to_human" }""", "העוזר סיים את השיחה (הועברה לנציג)" },
        { "call_media_ended", """{ "endReason": "something_new" }""", "העוזר סיים את השיחה" },
        { "call_configured", """{ "channel": "inbound_call", "promptVersion": 4 }""", "העוזר קיבל את הגדרות השיחה (גרסת הנחיות 4)" },
        { "call_completed", """{ "endReason": "silence", "durationSeconds": 95 }""", "השיחה הסתיימה (הלקוח לא ענה, 1:35 דקות)" },
        { "call_completed", """{ "endReason": "max_duration", "durationSeconds": 900 }""", "השיחה הסתיימה (הגיעה למשך המרבי, 15:00 דקות)" },
        { "call_completed", """{ "endReason": "caller_hung_up", "durationSeconds": 0 }""", "השיחה הסתיימה (הלקוח ניתק)" },
        {
            "call_summarized", """{ "summary": { "text": "נקבעה פגישה.", "nextAction": "confirm_appointment", "nextActionText": "לאשר את הפגישה" } }""",
            "סיכום השיחה: נקבעה פגישה. — המשך: לאשר את הפגישה"
        },
        { "call_summarized", """{ "summary": { "text": "טעות במספר.", "nextAction": "none", "nextActionText": "אין צורך" } }""", "סיכום השיחה: טעות במספר." },
        { "call_summarized", """{ "summary": null, "erased": true }""", "השיחה סוכמה" },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void Each_report_reads_as_one_hebrew_line(string type, string json, string expected)
    {
        Describe(type, json).Should().Be(expected);
        LeadActivityDescriber.KindOf(type).Should().Be("call");
    }
}
