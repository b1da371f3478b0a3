using ProSaaS.Application.Calls.WrapUp;
using ProSaaS.Application.Calls.WrapUp.WrapUpDueCalls;
using ProSaaS.Domain.Calls;

namespace ProSaaS.Application.Tests.Calls;

/// <summary>The rule-based summary: the same call gets the same words, and each fact of the call shows.</summary>
public sealed class SandboxCallSummarizerTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 14, 9, 15, 0, TimeSpan.Zero);

    private static CallSummaryTurn Caller(string text) => new(CallSpeaker.Caller, text, 1000, At);

    private static CallSummaryTurn Assistant(string text) => new(CallSpeaker.Assistant, text, 0, At);

    private static readonly CollectedDetail Name = new("name", "שם", "דנה כהן");
    private static readonly CollectedDetail City = new("city", "עיר / אזור", "חיפה");
    private static readonly CallToolUse Save = new("save_lead_fields", false, false);
    private static readonly CallToolUse Book = new("book_appointment", true, false);
    private static readonly CallToolUse Human = new("request_human", false, true);

    private static CallSummaryInput Input(
        CallSummaryTurn[]? turns = null, CollectedDetail[]? fields = null, CallToolUse[]? tools = null, CallEndReason? reason = CallEndReason.UserGoodbye,
        int seconds = 125, bool answered = true, CallDirection direction = CallDirection.Inbound, string? leadName = "דנה כהן", string language = "he") =>
        new("נדל\"ן חיפה", direction, language, turns ?? [Assistant("שלום"), Caller("אני מחפשת דירה")], fields ?? [], tools ?? [], reason, seconds, answered, leadName);

    public static TheoryData<string, CallSummaryInput, string, CallNextAction, string, CallSentiment?> Cases => new()
    {
        {
            "details and an appointment", Input(fields: [Name, City], tools: [Save, Book]),
            "שיחה נכנסת עם דנה כהן שנמשכה 2:05 דקות. נאספו הפרטים: שם (דנה כהן), עיר / אזור (חיפה). נקבעה פגישה; השיחה הסתיימה (הלקוח נפרד).",
            CallNextAction.ConfirmAppointment, "לאשר מול הלקוח את הפגישה שנקבעה", CallSentiment.Neutral
        },
        {
            "a callback requested", Input(fields: [Name], tools: [Save, Human], reason: CallEndReason.TransferredToHuman),
            "שיחה נכנסת עם דנה כהן שנמשכה 2:05 דקות. נאספו הפרטים: שם (דנה כהן). הלקוח ביקש שנציג יחזור אליו; השיחה הסתיימה (הועברה לנציג).",
            CallNextAction.HumanFollowUp, "נציג צריך לחזור ללקוח", CallSentiment.Neutral
        },
        {
            "handed over without a task", Input(reason: CallEndReason.TransferredToHuman, leadName: null),
            "שיחה נכנסת שנמשכה 2:05 דקות. לא נאספו פרטים. הלקוח ביקש שנציג יחזור אליו; השיחה הסתיימה (הועברה לנציג).",
            CallNextAction.HumanFollowUp, "נציג צריך לחזור ללקוח", CallSentiment.Neutral
        },
        {
            "a price asked for", Input(turns: [Caller("כמה עולה דירת 4 חדרים?")], seconds: 40),
            "שיחה נכנסת עם דנה כהן שנמשכה 40 שניות. לא נאספו פרטים. השיחה הסתיימה (הלקוח נפרד).",
            CallNextAction.SendQuote, "לשלוח ללקוח הצעת מחיר", CallSentiment.Neutral
        },
        {
            "the caller hung up mid-way", Input(fields: [City], reason: CallEndReason.CallerHungUp),
            "שיחה נכנסת עם דנה כהן שנמשכה 2:05 דקות. נאספו הפרטים: עיר / אזור (חיפה). השיחה הסתיימה (הלקוח ניתק).",
            CallNextAction.CallBack, "השיחה נקטעה: לחזור ללקוח ולהשלים את הפנייה", CallSentiment.Neutral
        },
        {
            "details and a goodbye", Input(fields: [Name]),
            "שיחה נכנסת עם דנה כהן שנמשכה 2:05 דקות. נאספו הפרטים: שם (דנה כהן). השיחה הסתיימה (הלקוח נפרד).",
            CallNextAction.CallBack, "לחזור ללקוח להמשך טיפול בפנייה", CallSentiment.Neutral
        },
        {
            "nothing asked, nothing given", Input(turns: [Caller("טעות במספר, תודה רבה")], leadName: null, seconds: 9),
            "שיחה נכנסת שנמשכה 9 שניות. לא נאספו פרטים. השיחה הסתיימה (הלקוח נפרד).",
            CallNextAction.None, "אין צורך בפעולה נוספת", CallSentiment.Positive
        },
        {
            "an unhappy caller", Input(turns: [Caller("אני ממש לא מרוצה מהשירות")], leadName: null),
            "שיחה נכנסת שנמשכה 2:05 דקות. לא נאספו פרטים. השיחה הסתיימה (הלקוח נפרד).",
            CallNextAction.None, "אין צורך בפעולה נוספת", CallSentiment.Negative
        },
        {
            "an english call", Input(turns: [Caller("Hi, I am looking for an apartment")], language: "en", leadName: null),
            "שיחה נכנסת שנמשכה 2:05 דקות והתנהלה באנגלית. לא נאספו פרטים. השיחה הסתיימה (הלקוח נפרד).",
            CallNextAction.None, "אין צורך בפעולה נוספת", CallSentiment.Neutral
        },
        {
            "an outbound call not answered", Input(turns: [], reason: CallEndReason.NoAnswer, seconds: 0, answered: false, direction: CallDirection.Outbound),
            "השיחה היוצאת לא נענתה (לא נענתה).",
            CallNextAction.CallBack, "לנסות להתקשר שוב", null
        },
        {
            "an outbound call busy", Input(turns: [], reason: CallEndReason.Busy, seconds: 0, answered: false, direction: CallDirection.Outbound),
            "השיחה היוצאת לא נענתה (הקו היה תפוס).",
            CallNextAction.CallBack, "לנסות להתקשר שוב", null
        },
        {
            "an inbound caller who gave up while it rang", Input(turns: [], reason: CallEndReason.Canceled, seconds: 0, answered: false),
            "המתקשר ניתק לפני שהשיחה נענתה.",
            CallNextAction.CallBack, "לחזור למתקשר", null
        },
        {
            "a silent caller", Input(turns: [Assistant("שלום? אתה שומע אותי?")], reason: CallEndReason.Silence, seconds: 30),
            "המתקשר לא אמר דבר בשיחה. השיחה הסתיימה (הלקוח לא ענה).",
            CallNextAction.CallBack, "לחזור ללקוח", null
        },
        {
            "a silent outbound lead", Input(turns: [], reason: CallEndReason.Silence, seconds: 30, direction: CallDirection.Outbound),
            "הלקוח לא אמר דבר בשיחה. השיחה הסתיימה (הלקוח לא ענה).",
            CallNextAction.CallBack, "לחזור ללקוח", null
        },
        {
            "an outbound conversation with an appointment", Input(tools: [Book], direction: CallDirection.Outbound, seconds: 3600),
            "שיחה יוצאת עם דנה כהן שנמשכה 60:00 דקות. לא נאספו פרטים. נקבעה פגישה; השיחה הסתיימה (הלקוח נפרד).",
            CallNextAction.ConfirmAppointment, "לאשר מול הלקוח את הפגישה שנקבעה", CallSentiment.Neutral
        },
        {
            "an end without a reason", Input(reason: null, leadName: null),
            "שיחה נכנסת שנמשכה 2:05 דקות. לא נאספו פרטים. השיחה הסתיימה.",
            CallNextAction.None, "אין צורך בפעולה נוספת", CallSentiment.Neutral
        },
        {
            "the AI was unavailable", Input(reason: CallEndReason.AiUnavailable, leadName: null),
            "שיחה נכנסת שנמשכה 2:05 דקות. לא נאספו פרטים. השיחה הסתיימה (העוזר לא היה זמין).",
            CallNextAction.CallBack, "השיחה נקטעה: לחזור ללקוח ולהשלים את הפנייה", CallSentiment.Neutral
        },
        {
            "many details", Input(fields: Enumerable.Range(1, 8).Select(i => new CollectedDetail($"f{i}", $"פרט {i}", $"ערך {i}")).ToArray(), leadName: null),
            "שיחה נכנסת שנמשכה 2:05 דקות. נאספו הפרטים: פרט 1 (ערך 1), פרט 2 (ערך 2), פרט 3 (ערך 3), פרט 4 (ערך 4), פרט 5 (ערך 5), פרט 6 (ערך 6) ועוד 2. השיחה הסתיימה (הלקוח נפרד).",
            CallNextAction.CallBack, "לחזור ללקוח להמשך טיפול בפנייה", CallSentiment.Neutral
        },
        {
            "a very long value", Input(fields: [new CollectedDetail("details", "פרטים נוספים", new string('א', 60))], leadName: null),
            $"שיחה נכנסת שנמשכה 2:05 דקות. נאספו הפרטים: פרטים נוספים ({new string('א', 39)}…). השיחה הסתיימה (הלקוח נפרד).",
            CallNextAction.CallBack, "לחזור ללקוח להמשך טיפול בפנייה", CallSentiment.Neutral
        },
        {
            "a quote asked for by an appointment caller: the appointment first", Input(turns: [Caller("אפשר הצעת מחיר?")], tools: [Book], leadName: null),
            "שיחה נכנסת שנמשכה 2:05 דקות. לא נאספו פרטים. נקבעה פגישה; השיחה הסתיימה (הלקוח נפרד).",
            CallNextAction.ConfirmAppointment, "לאשר מול הלקוח את הפגישה שנקבעה", CallSentiment.Neutral
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Writes_the_summary_and_next_action_from_the_calls_facts(
        string because, CallSummaryInput input, string summary, CallNextAction action, string actionText, CallSentiment? sentiment)
    {
        var result = await new SandboxCallSummarizer().SummarizeAsync(input, CancellationToken.None);

        result.Text.Should().Be(summary, because);
        result.NextAction.Should().Be(action, because);
        result.NextActionText.Should().Be(actionText, because);
        result.Sentiment.Should().Be(sentiment, because);
        CallSummaryRules.IsValid(result).Should().BeTrue(because);
        SandboxCallSummarizer.Summarize(input).Should().Be(result, "the same call always gets the same words");
    }

    [Theory]
    [InlineData("אני מחפשת דירה", "he")]
    [InlineData("Hi, I need an apartment in Haifa", "en")]
    [InlineData("Hello שלום, אני מחפש דירה בחיפה", "he")]
    [InlineData("", "he")]
    public void The_calls_language_is_the_callers(string said, string language) =>
        WrapUpDueCallsHandler.LanguageOf([Assistant("Hello and welcome to our office"), Caller(said)]).Should().Be(language);
}
