using System.Text.Json;
using ProSaaS.Sandbox;

namespace ProSaaS.MediaHost.Tests.Sandbox;

/// <summary>The sandbox assistant's decisions, turn by turn, as tables: what the caller says (or a tool answers) → what it says and calls.</summary>
public sealed class SandboxBrainTests
{
    // Sunday 2026-03-22 09:00 in Israel.
    private static readonly DateTimeOffset Now = new(2026, 3, 22, 7, 0, 0, TimeSpan.Zero);

    public const string Instructions = """
        שמך בשיחה: נועה. זו שיחת טלפון נכנסת בשם המספרה של שי.

        ## התפקיד
        את העוזרת של המספרה.

        ## על העסק
        - שם העסק: המספרה של שי
        - אזור זמן: Asia/Jerusalem

        ## על השיחה
        - מספר הטלפון של המתקשר חסוי; יש לבקש מספר לחזרה.
        - הפתיח של השיחה: "שלום, כאן נועה מהמספרה של שי. במה אפשר לעזור?"

        ## כללים
        2. את מדברת בשם העסק כאישה: לדבר על עצמך בלשון נקבה ("אני יכולה", "הבנתי, אני רושמת").
        """;

    public const string Config = """
        {"tools":[
          {"type":"function","name":"save_lead_fields","parameters":{"type":"object","properties":{
             "name":{"type":"string","description":"שם"},
             "phone":{"type":"string","description":"טלפון — מספר טלפון בספרות בלבד, למשל 0521234567"},
             "area":{"type":"string","enum":["צפון","מרכז","דרום"],"description":"אזור"}}}},
          {"type":"function","name":"check_availability","parameters":{"type":"object","properties":{}}},
          {"type":"function","name":"book_appointment","parameters":{"type":"object","properties":{}}},
          {"type":"function","name":"request_human","parameters":{"type":"object","properties":{}}},
          {"type":"function","name":"end_call","parameters":{"type":"object","properties":{}}}]}
        """;

    private static SandboxBrain NewBrain(string instructions = Instructions, string config = Config, string? language = "he") =>
        new(SandboxCallFacts.From(instructions, config, language), new FixedTime(Now));

    [Fact]
    public void Facts_are_read_from_the_composed_instructions_and_the_tools()
    {
        var facts = SandboxCallFacts.From(Instructions, Config, "he");
        facts.BusinessName.Should().Be("המספרה של שי");
        facts.Zone.Id.Should().Be("Asia/Jerusalem");
        facts.Female.Should().BeTrue();
        facts.CallerNumberKnown.Should().BeFalse();
        facts.Greeting.Should().Be("שלום, כאן נועה מהמספרה של שי. במה אפשר לעזור?");
        facts.Fields.Select(f => (f.Key, f.Kind)).Should().Equal(("name", SandboxFieldKind.Name), ("phone", SandboxFieldKind.Phone), ("area", SandboxFieldKind.Select));
        facts.Fields[2].Options.Should().Equal("צפון", "מרכז", "דרום");
        facts.CanBook.Should().BeTrue();
        SandboxCallFacts.From(Instructions.Replace("את מדברת בשם העסק כאישה", "אתה מדבר בשם העסק כגבר"), Config).Female.Should().BeFalse();
        SandboxCallFacts.From(Instructions, Config, "en").English.Should().BeTrue();
    }

    public static TheoryData<string, string[], string, string?> Turns => new()
    {
        // instructions or caller lines, in order (">" marks a response's instructions, "tool:" a tool output for the last call) → the last reply and its call
        { "quoted sentence said exactly", [">אמור למתקשר את המשפט הבא, מילה במילה, ואל תוסיף עליו דבר: \"שלום, כאן נועה. במה אפשר לעזור?\""], "שלום, כאן נועה. במה אפשר לעזור?", null },
        { "request then name asked", ["אני רוצה לקבוע תור"], "בשמחה. איך קוראים לכם?", null },
        { "name checked back", ["אני רוצה לקבוע תור", "קוראים לי דני כהן"], "דני כהן, הבנתי טוב?", null },
        { "confirmed name saved silently", ["אני רוצה לקבוע תור", "קוראים לי דני כהן", "כן"], "", "save_lead_fields:{\"name\":\"דני כהן\"}" },
        { "saved name → phone asked", ["אני רוצה לקבוע תור", "דני כהן", "כן", "tool:{\"ok\":true,\"leadId\":\"x\"}"], "מה מספר הטלפון שלכם?", null },
        { "name corrected in the denial", ["שלום", "דני כהן", "לא, דני כהנא"], "דני כהנא, הבנתי טוב?", null },
        { "bare denial asks for the right value", ["שלום", "דני כהן", "לא נכון"], "סליחה. מה השם הנכון?", null },
        { "spoken phone read back in groups", ["שלום", "דני", "כן", "tool:{\"ok\":true}", "אפס חמש שתיים, שלוש ארבע חמש, שישים ושבע שמונים ותשע"], "052-345-6789, הבנתי טוב?", null },
        { "confirmed phone saved as digits", ["שלום", "דני", "כן", "tool:{\"ok\":true}", "0523456789", "נכון"], "", "save_lead_fields:{\"phone\":\"0523456789\"}" },
        { "unreadable phone asked again", ["שלום", "דני", "כן", "tool:{\"ok\":true}", "אני לא זוכר"], "לא הצלחתי לקלוט את המספר. אפשר לומר אותו שוב, ספרה אחר ספרה?", null },
        { "keyed number read back", ["שלום", "דני", "כן", "tool:{\"ok\":true}", ">המתקשר הקיש במקשי הטלפון את המספר 0501234567. קרא לו את המספר ספרה אחרי ספרה ובקש ממנו לאשר שהוא נכון, ואז המשך."], "הקשתם 050-123-4567, הבנתי טוב?", null },
        { "refused save repeats the Api's sentence", ["שלום", "דני", "כן", "tool:{\"ok\":true}", "0523456789", "כן", "tool:{\"ok\":false,\"error\":\"invalid_value\",\"spoken\":\"מספר הטלפון לא נשמע לי תקין. אפשר לומר אותו שוב, ספרה אחר ספרה?\"}"], "מספר הטלפון לא נשמע לי תקין. אפשר לומר אותו שוב, ספרה אחר ספרה?", null },
        { "area asked with its options", [.. Phone, "tool:{\"ok\":true}"], "מה האזור? אפשר לבחור צפון, מרכז או דרום.", null },
        { "area option heard", [.. Phone, "tool:{\"ok\":true}", "אני גר במרכז"], "מרכז, הבנתי טוב?", null },
        { "booking: wanted time asked", [.. Details], "מתי נוח לכם? למשל מחר בעשר.", null },
        { "booking: the day is checked", [.. Details, "מחר בעשר"], "רגע, אני בודקת ביומן.", "check_availability:{\"date\":\"2026-03-23\",\"max_results\":10}" },
        { "booking: a free exact time is proposed", [.. Details, "מחר בעשר", "tool:" + Slots("10:00", "10:30")], "מחר 10:00 פנוי. לקבוע?", null },
        { "booking: the proposal accepted is booked", [.. Details, "מחר בעשר", "tool:" + Slots("10:00", "10:30"), "כן, מתאים"], "", "book_appointment:{\"date\":\"2026-03-23\",\"time\":\"10:00\"}" },
        { "booking asked while an optional detail is asked", [.. Phone, "tool:{\"ok\":true}", "אני רוצה לקבוע פגישה ביום שני הבא בעשר"], "רגע, אני בודקת ביומן.", "check_availability:{\"date\":\"2026-03-30\",\"max_results\":10}" },
        { "name inside a sentence", ["סליחה שאני קוטע, קוראים לי משה פרץ"], "משה פרץ, הבנתי טוב?", null },
        { "English name after a language request", ["Hi, sorry, I don't speak Hebrew. Can we talk in English? My name is John Smith"], "John Smith, did I get that?", null },
        { "goodbye answers the read-back", [.. Booked, "תודה רבה, להתראות"], "תודה רבה, להתראות!", "end_call:{\"reason\":\"user_goodbye\"}" },
        { "booking: a taken time gets the nearest free ones", [.. Details, "מחר בעשר", "tool:" + Slots("09:00", "11:00", "11:30", "15:00")], "המועד הזה לא פנוי. אפשר מחר 09:00, מחר 11:00 או מחר 11:30. מה מתאים לכם?", null },
        { "booking: the caller's pick is booked", [.. Details, "מחר בעשר", "tool:" + Slots("09:00", "11:00", "11:30"), "באחת עשרה"], "", "book_appointment:{\"date\":\"2026-03-23\",\"time\":\"11:00\"}" },
        { "booking: ordinal pick", [.. Details, "מחר בעשר", "tool:" + Slots("09:00", "11:00", "11:30"), "את הראשון"], "", "book_appointment:{\"date\":\"2026-03-23\",\"time\":\"09:00\"}" },
        { "booking: refused by the calendar → its alternatives", [.. Details, "מחר בעשר", "tool:" + Slots("10:00"), "כן", "tool:{\"ok\":false,\"error\":\"slot_taken\",\"alternatives\":[{\"date\":\"2026-03-23\",\"time\":\"12:00\",\"label\":\"מחר 12:00\"},{\"date\":\"2026-03-23\",\"time\":\"09:00\",\"label\":\"מחר 09:00\"}]}"], "המועד הזה לא פנוי. אפשר מחר 09:00 או מחר 12:00. מה מתאים לכם?", null },
        { "booking: a closed day offers the next free slot", [.. Details, "ביום שישי בעשר", "tool:{\"ok\":true,\"slots\":[],\"nextAvailable\":{\"date\":\"2026-03-29\",\"time\":\"09:00\",\"label\":\"יום ראשון 29/3 09:00\"}}"], "המועד הזה לא פנוי. המועד הפנוי הקרוב הוא יום ראשון 29/3 09:00. מתאים לכם?", null },
        { "booking confirmed only by the tool", [.. Booked], "קבעתי לכם תור למחר 10:00. לסיכום: דני כהן, טלפון 052-345-6789, אזור: מרכז, ותור למחר 10:00. הכל נכון?", null },
        { "read-back confirmed → goodbye and end_call", [.. Booked, "כן"], "תודה רבה שפניתם להמספרה של שי. יום טוב ולהתראות!", "end_call:{\"reason\":\"assistant_ended\"}" },
        { "read-back denied with a new phone", [.. Booked, "לא, הטלפון הוא 0541112233"], "054-111-2233, הבנתי טוב?", null },
        { "caller asks for a person", ["אני רוצה לדבר עם נציג"], "", "request_human:{\"reason\":\"המתקשר ביקש לדבר עם נציג.\"}" },
        { "person promised once the tool confirms", ["אני רוצה לדבר עם נציג", "tool:{\"ok\":true,\"taskId\":\"t\"}"], "נציג מטעמנו יחזור אליכם בהקדם. מה מספר הטלפון שלכם?", null },
        { "caller goodbye answered and ended", ["שלום", "דני", "תודה, להתראות"], "תודה רבה, להתראות!", "end_call:{\"reason\":\"user_goodbye\"}" },
        { "hallucinated line ignored", ["אני רוצה לקבוע תור", "Thank you for watching."], "איך קוראים לכם?", null },
        { "resume after noise repeats the question", ["אני רוצה לקבוע תור", ">נקטעת בגלל רעש בקו, לא בגלל המתקשר. המשך בקצרה מהמקום שבו נקטעת, בלי לחזור על מה שכבר נאמר ובלי להתנצל."], "איך קוראים לכם?", null },
        { "hang-up refused → the call goes on", ["שלום", ">עדיין אין סיבה לסיים את השיחה: המתקשר לא קיבל מענה. אל תסיים ואל תיפרד; שאל במה אפשר לעזור והמשך את השיחה."], "איך קוראים לכם?", null },
        { "English caller answered in English", ["Hello, do you speak English? I'd like to book an appointment"], "Sure. May I have your name, please?", null },
        { "English name checked", ["Hello, do you speak English? I'd like to book an appointment", "My name is John Smith"], "John Smith, did I get that?", null },
        { "English phone words", ["Do you speak English? I want an appointment", "John Smith", "yes", "tool:{\"ok\":true}", "zero five two three four five six seven eight nine"], "052-345-6789, did I get that?", null },
        { "English time is checked", [.. EnglishDetails, "tomorrow at 3 pm"], "One moment, let me check the calendar.", "check_availability:{\"date\":\"2026-03-23\",\"max_results\":10}" },
        { "no booking wanted → read-back", [.. Phone, "tool:{\"ok\":true}", "מרכז", "כן", "tool:{\"ok\":true}", "לא תודה"], "לסיכום: דני כהן, טלפון 052-345-6789, אזור: מרכז. הכל נכון?", null },
    };

    private static readonly string[] Phone = ["שלום", "דני כהן", "כן", "tool:{\"ok\":true}", "0523456789", "כן"];

    private static readonly string[] Details = ["אני רוצה לקבוע תור", "דני כהן", "כן", "tool:{\"ok\":true}", "0523456789", "כן", "tool:{\"ok\":true}", "מרכז", "כן", "tool:{\"ok\":true}"];

    private static readonly string[] EnglishDetails =
        ["Do you speak English? I want an appointment", "John Smith", "yes", "tool:{\"ok\":true}", "0523456789", "yes", "tool:{\"ok\":true}", "מרכז", "yes", "tool:{\"ok\":true}"];

    private static readonly string[] Booked =
        [.. Details, "מחר בעשר", "tool:" + Slots("10:00"), "כן", "tool:{\"ok\":true,\"appointmentId\":\"a\",\"date\":\"2026-03-23\",\"time\":\"10:00\",\"label\":\"מחר 10:00\"}"];

    private static string Slots(params string[] times) =>
        JsonSerializer.Serialize(new
        {
            ok = true,
            today = "2026-03-22",
            slots = times.Select(t => new { date = "2026-03-23", time = t, label = "מחר " + t }),
        });

    [Theory]
    [MemberData(nameof(Turns))]
    public void Decides_each_response(string because, string[] steps, string said, string? call)
    {
        var brain = NewBrain();
        SandboxReply reply = brain.Respond(SandboxInput.Create(
            "אמור למתקשר את המשפט הבא, מילה במילה, ואל תוסיף עליו דבר: \"שלום, כאן נועה מהמספרה של שי. במה אפשר לעזור?\""));
        foreach (var step in steps)
        {
            if (step.StartsWith('>'))
            {
                reply = brain.Respond(SandboxInput.Create(step[1..]));
            }
            else if (step.StartsWith("tool:", StringComparison.Ordinal))
            {
                var last = reply.Calls.Should().NotBeEmpty($"a tool answer follows a call ({because})").And.Subject.Last();
                reply = brain.Respond(new SandboxInput(null, [], [new SandboxToolResult(last.CallId, step["tool:".Length..])]));
            }
            else
            {
                reply = brain.Respond(SandboxInput.Caller(step));
            }
        }

        reply.Text.Should().Be(said, because);
        if (call is null)
        {
            reply.Calls.Should().BeEmpty(because);
        }
        else
        {
            var name = call[..call.IndexOf(':', StringComparison.Ordinal)];
            var arguments = call[(name.Length + 1)..];
            reply.Calls.Select(c => c.Name + ":" + c.Arguments).Should().Equal([name + ":" + arguments], because);
        }
    }

    [Fact]
    public void English_replies_are_spoken_with_the_English_voice()
    {
        var brain = NewBrain();
        brain.Respond(SandboxInput.Caller("Do you speak English?")).Language.Should().Be(SandboxLanguage.English);
        NewBrain(language: "en").Respond(SandboxInput.Create()).Text.Should().Be("שלום, כאן נועה מהמספרה של שי. במה אפשר לעזור?".Length > 0
            ? "Hello, this is המספרה של שי. How can I help you?"
            : "");
    }

    [Fact]
    public void Never_claims_a_booking_the_tool_refused()
    {
        var brain = NewBrain();
        SandboxReply reply = default!;
        string? lastCall = null;
        foreach (var step in Details.Concat(["מחר בעשר", "tool:" + Slots("10:00"), "כן", "tool:{\"ok\":false,\"error\":\"slot_taken\",\"alternatives\":[]}"]))
        {
            reply = step.StartsWith("tool:", StringComparison.Ordinal)
                ? brain.Respond(new SandboxInput(null, [], [new SandboxToolResult(lastCall!, step[5..])]))
                : brain.Respond(SandboxInput.Caller(step));
            lastCall = reply.Calls.LastOrDefault()?.CallId ?? lastCall;
        }

        reply.Text.Should().NotContain("קבעתי").And.EndWith("מתי נוח לכם? למשל מחר בעשר.");
        brain.Booking.Should().BeNull();
        brain.Saved.Keys.Should().BeEquivalentTo("name", "phone", "area");
    }

    [Fact]
    public void A_name_given_with_the_first_words_is_checked_at_once()
    {
        var brain = NewBrain(Instructions.Replace("מספר הטלפון של המתקשר חסוי; יש לבקש מספר לחזרה.", "מספר הטלפון של המתקשר מזוהה; אין צורך לבקש אותו."));
        brain.Respond(SandboxInput.Caller("שלום, קוראים לי דני כהן")).Text.Should().Be("דני כהן, הבנתי טוב?");
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
