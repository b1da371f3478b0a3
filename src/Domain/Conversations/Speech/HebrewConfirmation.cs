namespace ProSaaS.Domain.Conversations.Speech;

/// <summary>How a caller answered "did I get that right?".</summary>
public enum ConfirmationKind
{
    /// <summary>Nothing that can be taken as a yes or a no: ask again rather than guess.</summary>
    Unclear,

    /// <summary>A plain yes ("כן", "נכון מאוד", "אין בעיה", "sure").</summary>
    Confirmed,

    /// <summary>A no ("לא", "לא נכון", "זה לא זה", "no, ..."), possibly followed by the right detail.</summary>
    Denied,

    /// <summary>
    /// A yes that takes something back ("כן אבל הטלפון הוא…", "נכון חוץ מהשם", "yes, except…"): not a confirmation —
    /// the detail it corrects must be taken and confirmed again.
    /// </summary>
    Corrected,
}

/// <summary>
/// Reads a caller's answer to a confirmation question. The verification gate and the hang-up policy act on
/// <see cref="ConfirmationKind.Confirmed"/> only, so every doubt falls to <see cref="ConfirmationKind.Unclear"/>: asking
/// once more costs a sentence, while a wrong detail confirmed costs the lead.
/// </summary>
/// <remarks>
/// <para>
/// The answer is read clause by clause (clauses end at punctuation), word by word, the longest known phrase first
/// ("נכון מאוד", "אין בעיה", "no problem", "כמובן שלא"). The first word that decides anything decides the answer:
/// </para>
/// <list type="bullet">
/// <item>a no first — <c>לא</c>/<c>no</c> opening a clause (after fillers and "זה"/"this" only), a denial phrase
/// ("ממש לא", "טעות", "אין מצב"), or a yes-word negated ("לא נכון", "לא בדיוק", "not correct") — is
/// <see cref="ConfirmationKind.Denied"/>, unless a later clause says yes ("לא לא, נכון"), which is
/// <see cref="ConfirmationKind.Unclear"/>;</item>
/// <item>a yes first is <see cref="ConfirmationKind.Confirmed"/>, except: when its own clause is a question ("נכון?",
/// "כן?"), when it is followed by a hesitation ("כן, רגע"), or by a bare "לא" with nothing after it ("כן, לא") —
/// <see cref="ConfirmationKind.Unclear"/>; when it is followed by a correction ("אבל", "חוץ מ…", "בעצם", "רק ש…",
/// "but", "except", "actually"), a negated yes-word ("כן, זה לא נכון") or a clause-opening "לא" followed by a detail
/// ("נכון, לא 052…") — <see cref="ConfirmationKind.Corrected"/>;</item>
/// <item>a correction first ("בעצם הטלפון הוא…", "תתקן…") is <see cref="ConfirmationKind.Corrected"/>; a hesitation
/// first ("רגע", "לא בטוח", "אני חושב") is <see cref="ConfirmationKind.Unclear"/>.</item>
/// </list>
/// <para>
/// A "לא" inside a clause negates its verb, not the question: "כן, אני לא בבית עכשיו" is a yes.
/// </para>
/// <para>
/// "תודה" on its own is a thank-you, not an answer; it is taken as acceptance only when it answers a question the
/// assistant just asked (<c>answersQuestion</c>), which is how callers use it ("אז קבענו למחר בעשר?" — "תודה").
/// Anywhere else — after the assistant's own statement, or with more said after it ("תודה, אחשוב על זה") — it is
/// <see cref="ConfirmationKind.Unclear"/>. With a yes or a no it changes nothing ("כן תודה", "לא תודה").
/// </para>
/// </remarks>
public static class HebrewConfirmation
{
    private static readonly PhraseTable Affirmations = new(
    [
        "כן", "כן כן", "כן כן כן", "כן בטח", "כן בדיוק", "כן נכון",
        "נכון", "נכון מאוד", "נכונה", "נכונים", "נכונות", "זה נכון", "נכון לגמרי", "לגמרי", "לגמרי כן",
        "בדיוק", "בדיוק ככה", "בדיוק כך", "מדויק", "מדוייק", "מדויקת", "מדויקים", "בול",
        "יופי", "יפה", "יפה מאוד", "טוב", "טוב מאוד", "טוב מאד", "אחלה", "מושלם", "מצוין", "מצויין", "מעולה",
        "מסכים", "מסכימה", "מסכימים", "אני מסכים", "אני מסכימה",
        "מאשר", "מאשרת", "מאשרים", "אני מאשר", "אני מאשרת", "מאושר",
        "בסדר", "בסדר גמור", "סבבה", "סבבא", "אוקי", "אוקיי", "או קיי", "אוקיי אוקיי", "אוקה", "יאללה",
        "סגור", "סגרנו", "זהו", "זהו זה", "זה זה", "זה הוא", "זה היא",
        "בטח", "בטח שכן", "בטוח", "ברור", "ברור שכן", "כמובן", "כמובן שכן", "בוודאי", "בודאי", "ודאי", "וודאי", "בהחלט",
        "אכן", "תקין", "נשמע טוב", "נשמע מצוין", "נשמע מעולה", "נשמע נכון",
        "אין בעיה", "אין שום בעיה", "לא בעיה", "בלי בעיה", "יס",
        "yes", "yeah", "yep", "yup", "ya", "ok", "okay", "o k", "k", "sure", "sure thing", "correct", "thats correct",
        "right", "thats right", "exactly", "absolutely", "of course", "sounds good", "perfect", "great", "fine",
        "alright", "all right", "confirmed", "i confirm", "affirmative", "indeed", "definitely", "certainly",
        "no problem", "no worries", "yes please", "got it", "thats it",
    ]);

    private static readonly PhraseTable Denials = new(
    [
        "לא לא", "ממש לא", "בכלל לא", "ממש ממש לא", "אין מצב", "אין סיכוי", "בשום אופן", "בשום אופן לא",
        "טעות", "זו טעות", "זה טעות", "טעית", "שגוי", "לא ככה", "לא כך", "לא זה",
        "כמובן שלא", "ברור שלא", "בטח שלא", "בטוח שלא", "ודאי שלא", "בוודאי שלא", "חס וחלילה",
        "no", "nope", "nah", "wrong", "incorrect", "negative", "not really", "not at all", "no way", "absolutely not",
        "of course not", "thats wrong", "definitely not", "certainly not",
    ]);

    // Said instead of an answer: the caller is not there yet.
    private static readonly PhraseTable Hesitations = new(
    [
        "רגע", "רק רגע", "רגע אחד", "שנייה", "שניה", "רק שנייה", "חכה", "חכי", "המתן", "תמתין",
        "לא בטוח", "לא בטוחה", "אני לא בטוח", "אני לא בטוחה", "לא יודע", "לא יודעת", "אין לי מושג", "אולי",
        "יכול להיות", "יתכן", "ייתכן", "אני חושב", "אני חושבת", "נראה לי", "לא זוכר", "לא זוכרת",
        "לא שמעתי", "לא הבנתי", "לא שומע", "לא שומעת", "לא הבנתי אותך", "תחזור", "תחזרי", "שוב",
        "בערך", "פחות או יותר", "כמעט", "roughly", "more or less", "kind of", "sort of", "almost",
        "wait", "hold on", "hang on", "one moment", "one sec", "one second", "maybe", "not sure", "im not sure",
        "i dont know", "i think", "i guess", "didnt hear", "didnt catch", "say again", "repeat",
    ]);

    private static readonly PhraseTable Corrections = new(
    [
        "אבל", "אך", "חוץ", "מלבד", "למעט", "אלא", "אלא ש", "בעצם", "תתקן", "תתקני", "תקן", "תקני", "תיקון",
        "רק תתקן", "רק תתקני", "רק תיקון", "יש טעות", "יש תיקון", "רק טעות",
        "but", "except", "actually", "however", "correction", "apart from", "other than",
    ]);

    private static readonly PhraseTable Thanks = new(
    [
        "תודה", "תודה רבה", "תודה לך", "תודה רבה לך", "תודה רבה רבה", "רב תודות",
        "thanks", "thank you", "thank you very much", "thanks a lot", "thx",
    ]);

    private static readonly PhraseTable Fillers = new(
    [
        "אה", "אהה", "אההה", "אמ", "אממ", "אמממ", "הממ", "הממם", "ממ", "מממ", "נו", "אז", "שמע", "תשמע", "תקשיבי", "תקשיב",
        "ו", "וואו", "uh", "um", "uhm", "umm", "hmm", "mm", "well", "so", "oh", "ah", "eh", "like",
    ]);

    // Subjects that may stand before a clause's "לא" without making it a verb's: "זה לא זה", "that's not it".
    private static readonly PhraseTable Subjects = new(
    [
        "זה", "זו", "זאת", "הוא", "היא", "הם", "הן", "המספר", "השם", "הפרטים",
        "this", "that", "thats", "it", "its", "is", "the", "number", "name",
    ]);

    private static readonly (Signal Kind, PhraseTable Table)[] Tables =
    [
        (Signal.Affirmation, Affirmations), (Signal.Denial, Denials), (Signal.Hesitation, Hesitations),
        (Signal.Correction, Corrections), (Signal.Thanks, Thanks), (Signal.Filler, Fillers),
    ];

    private static readonly PhraseTable Negators = new(["לא", "not", "isnt", "aint", "wasnt", "dont", "doesnt", "arent"]);

    /// <summary>Reads the caller's answer.</summary>
    /// <param name="utterance">What the caller said, as transcribed.</param>
    /// <param name="answersQuestion">Whether the assistant's last words were a question; only then is a lone "תודה"
    /// taken as a yes.</param>
    public static ConfirmationKind Detect(string? utterance, bool answersQuestion = false)
    {
        var signals = Read(utterance);
        var decisive = signals.Where(s => s.Kind is not (Signal.Thanks or Signal.Content)).ToList();

        if (decisive.Count == 0)
        {
            var onlyThanks = signals.Count > 0 && signals.All(s => s.Kind == Signal.Thanks);
            return onlyThanks && answersQuestion ? ConfirmationKind.Confirmed : ConfirmationKind.Unclear;
        }

        var first = decisive[0];
        var rest = decisive.Skip(1).ToList();
        switch (first.Kind)
        {
            case Signal.Negation or Signal.NegatedAffirmation:
                return rest.Any(s => s.Kind == Signal.Affirmation && s.Clause > first.Clause)
                    ? ConfirmationKind.Unclear
                    : ConfirmationKind.Denied;

            case Signal.Correction:
                return ConfirmationKind.Corrected;

            case Signal.Hesitation:
                return ConfirmationKind.Unclear;

            default:
                if (first.InQuestion)
                {
                    return ConfirmationKind.Unclear;
                }

                if (rest.Any(s => s.Kind is Signal.Correction or Signal.NegatedAffirmation))
                {
                    return ConfirmationKind.Corrected;
                }

                var negation = rest.FirstOrDefault(s => s.Kind == Signal.Negation);
                if (negation is not null)
                {
                    var detailFollows = signals.Any(s => s.Kind == Signal.Content && s.Order > negation.Order);
                    return detailFollows ? ConfirmationKind.Corrected : ConfirmationKind.Unclear;
                }

                return rest.Any(s => s.Kind == Signal.Hesitation) ? ConfirmationKind.Unclear : ConfirmationKind.Confirmed;
        }
    }

    /// <summary>Whether the answer is a plain yes (<see cref="ConfirmationKind.Confirmed"/>).</summary>
    public static bool IsConfirmed(string? utterance, bool answersQuestion = false) =>
        Detect(utterance, answersQuestion) == ConfirmationKind.Confirmed;

    private static List<Found> Read(string? utterance)
    {
        var found = new List<Found>();
        var clauses = HebrewText.SplitClauses(utterance);
        for (var c = 0; c < clauses.Count; c++)
        {
            var words = clauses[c].Words;
            var opening = true;
            var i = 0;
            while (i < words.Length)
            {
                var (kind, length) = Classify(words, i, opening);
                if (kind == Signal.Filler || (kind == Signal.Subject && opening))
                {
                    i += length;
                    continue;
                }

                found.Add(new Found(kind == Signal.Subject ? Signal.Content : kind, c, clauses[c].IsQuestion, found.Count));
                opening = false;
                i += length;
            }
        }

        return found;
    }

    private static (Signal Kind, int Length) Classify(string[] words, int i, bool opening)
    {
        // Longest phrase wins across the tables ("כמובן שלא" over "כמובן", "לא בטוח" over "לא", "no problem" over "no");
        // on equal length the earlier table does.
        var best = (Kind: Signal.Content, Length: 0);
        foreach (var (kind, table) in Tables)
        {
            var length = table.MatchAt(words, i, "ו", out _);
            if (length > best.Length)
            {
                best = (kind, length);
            }
        }

        if (Negators.MatchAt(words, i) == 1)
        {
            var negated = Affirmations.MatchAt(words, i + 1);
            if (negated > 0 && 1 + negated > best.Length)
            {
                return (Signal.NegatedAffirmation, 1 + negated);
            }

            if (best.Length == 0)
            {
                // "לא" opening a clause answers the question; inside a clause it negates the clause's verb.
                return (opening ? Signal.Negation : Signal.Content, 1);
            }
        }

        if (best.Kind == Signal.Denial)
        {
            return (Signal.Negation, best.Length);
        }

        if (best.Length > 0)
        {
            return best;
        }

        if (IsRestrictiveCorrection(words, i))
        {
            return (Signal.Correction, 1);
        }

        return (Subjects.MatchAt(words, i) > 0 ? Signal.Subject : Signal.Content, 1);
    }

    // "רק ש…" (only that…) and "פרט ל…" (apart from…) correct; "רק רגע" does not, and "פרט" alone is "a detail".
    private static bool IsRestrictiveCorrection(string[] words, int i)
    {
        if (i + 1 >= words.Length)
        {
            return false;
        }

        var next = words[i + 1];
        return (words[i] == "רק" && next.Length > 1 && next[0] == 'ש')
               || (words[i] == "פרט" && next.Length > 1 && next[0] == 'ל');
    }

    private enum Signal
    {
        Content,
        Filler,
        Subject,
        Thanks,
        Affirmation,
        Denial,
        Negation,
        NegatedAffirmation,
        Hesitation,
        Correction,
    }

    private sealed record Found(Signal Kind, int Clause, bool InQuestion, int Order);
}
