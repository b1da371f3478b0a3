using System.Globalization;
using ProSaaS.Application.Leads.GetLeadActivity;
using ProSaaS.Domain.Calls;

namespace ProSaaS.Application.Calls.WrapUp;

/// <summary>
/// The summary written by rules, with no AI service: who the call was with and how long it took, what the caller gave, what
/// came of it (an appointment, a callback asked for) and why it ended; the next action follows from the same facts. The same
/// call always gets the same words. Used in sandbox mode (no <c>OpenAI:ApiKey</c>), for calls without a conversation, and
/// when the model failed on every attempt.
/// </summary>
public sealed class SandboxCallSummarizer : ICallSummarizer
{
    private const int MaxDetails = 6;
    private const int MaxDetailValueLength = 40;

    private static readonly string[] QuoteWords = ["הצעת מחיר", "מחיר", "כמה עולה", "כמה זה עולה", "עלות", "quote", "price", "how much"];
    private static readonly string[] PositiveWords = ["תודה רבה", "מעולה", "מצוין", "נהדר", "מושלם", "thank you", "great", "perfect"];
    private static readonly string[] NegativeWords = ["לא מרוצה", "כועס", "גרוע", "תלונה", "מאוכזב", "נמאס", "angry", "complaint", "terrible"];

    private static readonly HashSet<CallEndReason> CutShort =
    [
        CallEndReason.CallerHungUp, CallEndReason.StreamLost, CallEndReason.Silence, CallEndReason.Lost, CallEndReason.AiUnavailable,
        CallEndReason.MaxDuration, CallEndReason.Shutdown, CallEndReason.HungUpByBusiness,
    ];

    public string Name => CallSummaryRules.SandboxSummarizer;

    public Task<CallSummaryContent> SummarizeAsync(CallSummaryInput input, CancellationToken cancellationToken) => Task.FromResult(Summarize(input));

    public static CallSummaryContent Summarize(CallSummaryInput input)
    {
        var (action, actionText) = NextAction(input);
        var text = string.Join(" ", new[] { Opening(input), Details(input), Outcome(input) }.Where(s => s is not null));
        return new CallSummaryContent(Clip(text, CallSummaryRules.MaxSummaryLength), action, actionText, Sentiment(input));
    }

    private static string Opening(CallSummaryInput input)
    {
        var outbound = input.Direction == CallDirection.Outbound;
        if (!input.Answered)
        {
            return outbound ? $"השיחה היוצאת לא נענתה{Reason(input.HangupReason, " ({0})")}." : "המתקשר ניתק לפני שהשיחה נענתה.";
        }

        if (!input.CallerSpoke)
        {
            return $"{(outbound ? "הלקוח" : "המתקשר")} לא אמר דבר בשיחה.";
        }

        var with = input.LeadName is { Length: > 0 } name ? $" עם {Clip(name, MaxDetailValueLength)}" : string.Empty;
        var english = input.Language == "en" ? " והתנהלה באנגלית" : string.Empty;
        return $"{(outbound ? "שיחה יוצאת" : "שיחה נכנסת")}{with} שנמשכה {Duration(input.DurationSeconds)}{english}.";
    }

    private static string? Details(CallSummaryInput input)
    {
        if (input.CollectedFields.Count == 0)
        {
            return input.CallerSpoke ? "לא נאספו פרטים." : null;
        }

        var shown = input.CollectedFields.Take(MaxDetails).Select(d => $"{d.Label} ({Clip(d.Value, MaxDetailValueLength)})");
        var more = input.CollectedFields.Count > MaxDetails ? $" ועוד {input.CollectedFields.Count - MaxDetails}" : string.Empty;
        return $"נאספו הפרטים: {string.Join(", ", shown)}{more}.";
    }

    private static string? Outcome(CallSummaryInput input)
    {
        if (!input.Answered)
        {
            return null;
        }

        var parts = new List<string>();
        if (input.AppointmentBooked)
        {
            parts.Add("נקבעה פגישה");
        }

        if (input.HumanRequested)
        {
            parts.Add("הלקוח ביקש שנציג יחזור אליו");
        }

        parts.Add("השיחה הסתיימה" + Reason(input.HangupReason, " ({0})"));
        return string.Join("; ", parts) + ".";
    }

    private static (CallNextAction Action, string Text) NextAction(CallSummaryInput input)
    {
        if (input.AppointmentBooked)
        {
            return (CallNextAction.ConfirmAppointment, "לאשר מול הלקוח את הפגישה שנקבעה");
        }

        if (input.HumanRequested)
        {
            return (CallNextAction.HumanFollowUp, "נציג צריך לחזור ללקוח");
        }

        if (!input.Answered)
        {
            return (CallNextAction.CallBack, input.Direction == CallDirection.Outbound ? "לנסות להתקשר שוב" : "לחזור למתקשר");
        }

        if (!input.CallerSpoke)
        {
            return (CallNextAction.CallBack, "לחזור ללקוח");
        }

        if (CallerSaid(input, QuoteWords))
        {
            return (CallNextAction.SendQuote, "לשלוח ללקוח הצעת מחיר");
        }

        if (input.HangupReason is { } reason && CutShort.Contains(reason))
        {
            return (CallNextAction.CallBack, "השיחה נקטעה: לחזור ללקוח ולהשלים את הפנייה");
        }

        return input.CollectedFields.Count > 0
            ? (CallNextAction.CallBack, "לחזור ללקוח להמשך טיפול בפנייה")
            : (CallNextAction.None, "אין צורך בפעולה נוספת");
    }

    private static CallSentiment? Sentiment(CallSummaryInput input) =>
        !input.CallerSpoke ? null
        : CallerSaid(input, NegativeWords) ? CallSentiment.Negative
        : CallerSaid(input, PositiveWords) ? CallSentiment.Positive
        : CallSentiment.Neutral;

    private static bool CallerSaid(CallSummaryInput input, string[] words) =>
        input.Transcript.Any(t => t.Speaker == CallSpeaker.Caller && words.Any(w => t.Text.Contains(w, StringComparison.OrdinalIgnoreCase)));

    private static string Reason(CallEndReason? reason, string format) =>
        reason is { } r && LeadActivityDescriber.EndReasonText(CallText.WireName(r)) is { } text
            ? string.Format(CultureInfo.InvariantCulture, format, text)
            : string.Empty;

    private static string Duration(int seconds) =>
        seconds < 60 ? $"{Math.Max(0, seconds)} שניות" : $"{seconds / 60}:{seconds % 60:D2} דקות";

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)].TrimEnd() + "…";
}
