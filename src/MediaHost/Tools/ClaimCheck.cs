using System.Text.RegularExpressions;

namespace ProSaaS.MediaHost.Tools;

/// <summary>What the assistant may claim to have done for the caller.</summary>
public enum ClaimKind
{
    /// <summary>An appointment was booked ("קבעתי לך פגישה", "התור נקבע", "you're booked").</summary>
    Booked,

    /// <summary>The caller's details were saved ("שמרתי את הפרטים", "רשמתי", "I've noted").</summary>
    Saved,

    /// <summary>A message was sent to the caller, or promised ("שלחתי לך הודעה", "תקבל אישור ב-SMS", "you'll get a text").</summary>
    Sent,

    /// <summary>The caller's request was passed on to a person of the business ("העברתי את הבקשה לנציג", "I've passed it on").</summary>
    Forwarded,
}

/// <summary>A claim in what the assistant said that the server did not confirm: its kind and the words that make it.</summary>
public sealed record UnsupportedClaim(ClaimKind Kind, string Phrase);

/// <summary>
/// Finds the claims in an assistant's utterance — in Hebrew, and in English for a caller the assistant switched to — that
/// the call's <see cref="ConfirmedEffects"/> do not back: a booking claimed without a confirmed booking, details claimed
/// saved with nothing saved, a request claimed passed on to a person without a confirmed callback request, and any message
/// claimed sent to the caller or promised (no tool sends one during a call). Something "sent" to a person of the business
/// ("שלחתי את הפרטים לנציג") is passed on. A claim is a verb in the past or the passive ("קבעתי",
/// "נקבעה", "שמרתי", "נשמרו", "העברתי") or a fixed phrase ("הפגישה קבועה", "תקבל הודעה"); offers, questions and future
/// plans ("אקבע לך", "לקבוע לך תור?", "בוא נקבע") are not claims, and a claim negated just before it ("לא קבעתי", "עוד לא
/// נשמר", "I haven't booked") is none. Pure: the same text and effects give the same answer.
/// </summary>
public static partial class ClaimCheck
{
    private static readonly string[] HebrewNegations = ["לא", "טרם", "אין", "בלי", "ללא", "אל"];

    private static readonly string[] EnglishNegations = ["not", "never", "no", "cannot", "can't", "couldn't", "didn't", "haven't", "hasn't", "wasn't", "weren't", "isn't", "aren't", "won't"];

    /// <summary>The claims in <paramref name="assistantText"/> that <paramref name="effects"/> do not back, in the order said.</summary>
    public static IReadOnlyList<UnsupportedClaim> Find(string? assistantText, ConfirmedEffects effects)
    {
        ArgumentNullException.ThrowIfNull(effects);
        return Claims(assistantText).Where(claim => !IsBacked(claim.Kind, effects)).ToList();
    }

    /// <summary>Every claim in <paramref name="assistantText"/>, backed or not, in the order said.</summary>
    public static IReadOnlyList<UnsupportedClaim> Claims(string? assistantText)
    {
        if (string.IsNullOrWhiteSpace(assistantText))
        {
            return [];
        }

        var found = new List<(int Index, int End, UnsupportedClaim Claim)>();
        foreach (var (kind, pattern, english) in Patterns)
        {
            foreach (Match match in pattern.Matches(assistantText))
            {
                // A longer claim found first covers its words ("רשמתי לך תור" is a booking, not a saved detail).
                if (found.Any(f => match.Index < f.End && f.Index < match.Index + match.Length))
                {
                    continue;
                }

                if (!IsNegated(assistantText[..match.Index], english))
                {
                    var claimed = kind == ClaimKind.Sent && ToAPerson().IsMatch(Following(assistantText, match)) ? ClaimKind.Forwarded : kind;
                    found.Add((match.Index, match.Index + match.Length, new UnsupportedClaim(claimed, match.Value.Trim())));
                }
            }
        }

        return found.OrderBy(f => f.Index).Select(f => f.Claim).ToList();
    }

    private static bool IsBacked(ClaimKind kind, ConfirmedEffects effects) => kind switch
    {
        ClaimKind.Booked => effects.HasBooking,
        ClaimKind.Saved => effects.SavedFields.Count > 0 || effects.LeadId is not null,
        ClaimKind.Forwarded => effects.HasCallback,
        _ => false,
    };

    /// <summary>The few words after a claim (where "to whom" is said).</summary>
    private static string Following(string text, Match match)
    {
        var end = match.Index + match.Length;
        return text.Substring(end, Math.Min(40, text.Length - end));
    }

    /// <summary>A negation among the last words before the claim (two in Hebrew, three in English).</summary>
    private static bool IsNegated(string before, bool english)
    {
        var words = Words().Matches(before).Select(m => m.Value.ToLowerInvariant()).ToList();
        var window = words.Skip(Math.Max(0, words.Count - (english ? 3 : 2)));
        return english
            ? window.Any(w => EnglishNegations.Contains(w) || w.EndsWith("n't", StringComparison.Ordinal))
            : window.Any(w => HebrewNegations.Contains(StripPrefix(w)));
    }

    /// <summary>"ולא", "שלא" are "לא" with a prefix.</summary>
    private static string StripPrefix(string word) =>
        word.Length > 2 && word[0] is 'ו' or 'ש' && HebrewNegations.Contains(word[1..]) ? word[1..] : word;

    /// <summary>In order of precedence: phrases that contain a shorter claim come before it.</summary>
    private static readonly (ClaimKind Kind, Regex Pattern, bool English)[] Patterns =
    [
        (ClaimKind.Booked, Booking(), false),
        (ClaimKind.Booked, BookedPhrase(), false),
        (ClaimKind.Booked, BookedVerb(), false),
        (ClaimKind.Sent, SentPhrase(), false),
        (ClaimKind.Sent, SentVerb(), false),
        (ClaimKind.Forwarded, ForwardedVerb(), false),
        (ClaimKind.Saved, SavedVerb(), false),
        (ClaimKind.Booked, EnglishBooked(), true),
        (ClaimKind.Sent, EnglishSent(), true),
        (ClaimKind.Forwarded, EnglishForwarded(), true),
        (ClaimKind.Saved, EnglishSaved(), true),
    ];

    /// <summary>"רשמתי לך תור", "רשמתי אותך לפגישה": a registration for a meeting is a booking.</summary>
    [GeneratedRegex(@"(?<!\p{L})[וש]?(רשמתי|רשמנו)\s+(לך|לכם|אותך|אתכם)\s+(ל)?(תור|פגישה|ביקור)(?!\p{L})")]
    private static partial Regex Booking();

    [GeneratedRegex(@"(?<!\p{L})[וש]?(הפגישה|התור|הביקור)(\s+(שלך|שלכם))?\s+(נקבע|נקבעה|קבוע|קבועה|מתואם|מתואמת|מאושר|מאושרת|שמור|שמורה)(?!\p{L})")]
    private static partial Regex BookedPhrase();

    [GeneratedRegex(@"(?<!\p{L})[וש]?(קבעתי|קבענו|שריינתי|שריינו|תיאמתי|תיאמנו|תאמתי|נקבעה|נקבעו|הזמנתי\s+(לך|לכם|עבורך))(?!\p{L})")]
    private static partial Regex BookedVerb();

    [GeneratedRegex(@"(?<!\p{L})[וש]?(תקבל|תקבלי|תקבלו)\s+(הודעה|הודעת|אישור|מסרון|SMS|מייל|אימייל|וואטסאפ|ווטסאפ)", RegexOptions.IgnoreCase)]
    private static partial Regex SentPhrase();

    [GeneratedRegex(@"(?<!\p{L})[וש]?(שלחתי|שלחנו|נשלח|נשלחה|נשלחו)(?!\p{L})")]
    private static partial Regex SentVerb();

    [GeneratedRegex(@"(?<!\p{L})[וש]?(העברתי|העברנו|הועבר|הועברה|הועברו)(?!\p{L})")]
    private static partial Regex ForwardedVerb();

    [GeneratedRegex(@"נציג|צוות|משרד|מנהל|בעל העסק|representative|team|agent|manager|office", RegexOptions.IgnoreCase)]
    private static partial Regex ToAPerson();

    [GeneratedRegex(@"(?<!\p{L})[וש]?(שמרתי|שמרנו|נשמר|נשמרה|נשמרו|רשמתי|רשמנו|נרשם|נרשמה|נרשמו|עדכנתי|עדכנו|עודכן|עודכנה|עודכנו|הכנסתי\s+למערכת)(?!\p{L})")]
    private static partial Regex SavedVerb();

    [GeneratedRegex(@"\b(I've|I have|I|we've|we have|we)\s+(booked|scheduled)\b|\b(is|are|has been|have been)\s+(booked|scheduled|confirmed)\b|\byou're (all )?set for\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishBooked();

    [GeneratedRegex(@"\b(I've|I have|I|we've|we have|we)\s+sent\b|\b(has|have) been sent\b|\byou('ll| will) (get|receive) (a|an|the) (message|text|sms|email|confirmation)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishSent();

    [GeneratedRegex(@"\b(I've|I have|I|we've|we have|we)\s+(forwarded|passed)\b|\b(has|have) been (forwarded|passed on)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishForwarded();

    [GeneratedRegex(@"\b(I've|I have|I|we've|we have|we)\s+(saved|noted|recorded|updated|written down)\b|\b(has|have) been (saved|noted|recorded|updated)\b|^\s*noted\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishSaved();

    [GeneratedRegex(@"[\p{L}']+")]
    private static partial Regex Words();
}
