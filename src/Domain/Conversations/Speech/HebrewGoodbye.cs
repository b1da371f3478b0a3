namespace ProSaaS.Domain.Conversations.Speech;

/// <summary>
/// Whether an utterance takes leave. The same words close a call whoever says them, so the caller's goodbye and the
/// assistant's are read alike; what a goodbye then does (hang up, answer it, nothing yet) is the hang-up policy's call.
/// </summary>
/// <remarks>
/// <para>
/// A false goodbye hangs up on a caller who was still talking; a missed one costs the assistant one more "אפשר לעזור
/// במשהו נוסף?". So a farewell counts only when the utterance ends with it: after the last farewell there may be thanks,
/// wishes, fillers and other farewells ("ביי, תודה רבה ויום טוב"), and after "נדבר"/"נתראה"/"נשתמע" also when
/// ("נדבר מחר"), but nothing else — "להתראות... רגע, עוד שאלה" and "נדבר על המחיר" are not goodbyes.
/// </para>
/// <para>
/// "שלום" opens Israeli calls as often as it closes them ("שלום, אני רוצה לקבוע תור"), and so do "שבת שלום", "ערב טוב"
/// and "חג שמח". These count only at the end of an utterance that has already begun to close — after thanks, an
/// "טוב"/"אוקיי"/"יאללה"/"בסדר", or another farewell ("תודה רבה, שלום", "טוב, שלום"). A lone "שלום" is a greeting.
/// </para>
/// <para>
/// A farewell right after a negation in the same clause is refused ("לא להתראות", "עוד לא ביי", "don't say bye"),
/// while a "לא" in a clause of its own answers the assistant's question and leaves the farewell standing ("לא, תודה.
/// ביי"). A farewell reported rather than said ("אמרתי לו ביי") does not count.
/// </para>
/// </remarks>
public static class HebrewGoodbye
{
    private static readonly string[] Periods = ["יום", "ערב", "לילה", "שבוע", "סופש", "סוף שבוע", "המשך יום", "המשך ערב", "המשך שבוע"];

    private static readonly string[] Wishes = ["טוב", "נעים", "נפלא", "מקסים", "מצוין", "מצויין", "מעולה", "מוצלח", "שמח", "קסום", "רגוע"];

    private static readonly PhraseTable Farewells = new(
        [
            "ביי", "ביי ביי", "בייביי", "ביוש", "להתראות", "להתראות להתראות", "להת", "צאו", "צאו צאו", "יאללה ביי",
            "נדבר", "נדבר בקרוב", "נתראה", "נשתמע", "להשתמע", "נהיה בקשר", "ניפרד",
            "אני מנתק", "אני מנתקת", "אני סוגר", "אני סוגרת", "סיימנו", "זהו סיימנו", "נסיים כאן", "אפשר לסיים",
            "bye", "bye bye", "byebye", "goodbye", "good bye", "see you", "see ya", "see you later", "see you soon",
            "talk to you later", "talk to you soon", "talk soon", "talk later", "have a good day", "have a nice day",
            "have a great day", "have a good one", "have a good evening", "have a good night", "good night", "take care",
            "im hanging up", "farewell", "ciao",
        ],
        WishPhrases());

    // Greetings as often as farewells: closing only at the end of an utterance already closing.
    private static readonly PhraseTable OpeningsToo = new(
    [
        "שלום", "שלום שלום", "שבת שלום", "ערב טוב", "חג שמח", "שבוע טוב", "shalom",
    ]);

    private static readonly PhraseTable ClosingCues = new(
    [
        "תודה", "תודה רבה", "תודה לך", "תודה לכם", "תודה רבה לך", "רב תודות", "טוב", "אוקיי", "אוקי", "יאללה", "בסדר",
        "סבבה", "יופי", "מעולה", "אחלה", "אז", "זהו", "טוב אז", "thanks", "thank you", "ok", "okay", "alright", "great",
    ]);

    // What may follow the last farewell without reopening the conversation.
    private static readonly PhraseTable ClosingMatter = new(
        [
            "תודה", "רבה", "תודה רבה", "לך", "לכם", "לכן", "גם", "גם לך", "גם לכם", "מאוד", "מאד", "על הכל", "על הכול",
            "על העזרה", "שוב", "שוב תודה", "בינתיים", "אז", "יאללה", "טוב", "אוקיי", "אוקי", "סבבה", "בסדר", "יופי",
            "מעולה", "אחלה", "נהדר", "באמת", "אחי", "חביבי", "מותק", "יקירי", "יקירתי", "בהצלחה", "כל טוב", "שיהיה",
            "אה", "אמ", "ממ", "ו", "ביי", "רב תודות",
            "thanks", "thank", "you", "very", "much", "a lot", "again", "too", "as well", "cheers", "ok", "okay",
            "great", "buddy", "sir", "maam", "so", "and",
        ],
        WishPhrases());

    // When "נדבר", "נתראה", "נשתמע" may be followed: "נדבר מחר", "נתראה ביום שלישי".
    private static readonly PhraseTable Whens = new(
    [
        "בקרוב", "מחר", "מחרתיים", "אחר כך", "אחכ", "בהמשך", "בהמשך השבוע", "בשבוע הבא", "השבוע", "בפגישה", "בתור", "שם",
        "ביום", "ראשון", "שני", "שלישי", "רביעי", "חמישי", "שישי", "בראשון", "בשני", "בשלישי", "ברביעי", "בחמישי",
        "בשישי", "במוצאי שבת", "במוצש", "soon", "later", "tomorrow", "then", "there", "next week",
    ]);

    private static readonly PhraseTable TalkLater = new(["נדבר", "נתראה", "נשתמע", "להשתמע", "see you", "talk to you", "talk"]);

    private static readonly PhraseTable Negations = new(
    [
        "לא", "אל", "בלי", "לפני", "not", "dont", "no", "before", "without", "never",
    ]);

    private static readonly PhraseTable Reporting = new(
    [
        "לו", "לה", "להם", "להן", "אמרתי", "אמר", "אמרה", "אמרו", "אומר", "אומרת", "said", "say", "says", "told",
    ]);

    /// <summary>Whether <paramref name="utterance"/> takes leave.</summary>
    public static bool Detect(string? utterance)
    {
        var (words, clauses) = HebrewText.WordsByClause(utterance);

        var farewells = FindFarewells(words);
        for (var f = farewells.Count - 1; f >= 0; f--)
        {
            var farewell = farewells[f];
            if (!Counts(farewell, words, clauses, farewells))
            {
                continue;
            }

            return OnlyClosingFollows(words, farewell);
        }

        return false;
    }

    private static List<Farewell> FindFarewells(List<string> words)
    {
        var found = new List<Farewell>();
        var i = 0;
        while (i < words.Count)
        {
            var strong = Farewells.MatchAt(words, i, "ו", out _);
            var weak = OpeningsToo.MatchAt(words, i, "ו", out _);
            if (strong == 0 && weak == 0)
            {
                i++;
                continue;
            }

            var length = Math.Max(strong, weak);
            found.Add(new Farewell(i, length, Weak: weak > strong, TalkLater.MatchAt(words, i, "ו", out _) > 0));
            i += length;
        }

        return found;
    }

    private static bool Counts(Farewell farewell, List<string> words, List<int> clauses, List<Farewell> all)
    {
        var at = farewell.Start;
        if (IsNegated(words, clauses, at) || IsReported(words, clauses, at))
        {
            return false;
        }

        if (!farewell.Weak)
        {
            return true;
        }

        // A greeting-or-farewell closes only when something before it already did.
        var closingBefore = all.Any(other => other.Start < at && !other.Weak);
        for (var i = 0; i < at && !closingBefore; i++)
        {
            closingBefore = ClosingCues.MatchAt(words, i, "ו", out _) > 0;
        }

        return closingBefore;
    }

    // "לא ביי", "עוד לא ביי", "אל תגיד ביי", "לפני שנגיד ביי" — but not "לא תודה ביי", where the "לא" answered a question.
    private static bool IsNegated(List<string> words, List<int> clauses, int at)
    {
        if (at >= 1 && clauses[at - 1] == clauses[at] && Negations.MatchAt(words, at - 1) == 1)
        {
            return true;
        }

        return at >= 2 && clauses[at - 2] == clauses[at]
               && Negations.MatchAt(words, at - 2) == 1
               && ClosingMatter.MatchAt(words, at - 1) == 0;
    }

    private static bool IsReported(List<string> words, List<int> clauses, int at) =>
        at >= 1 && clauses[at - 1] == clauses[at] && Reporting.MatchAt(words, at - 1) == 1;

    private static bool OnlyClosingFollows(List<string> words, Farewell farewell)
    {
        var i = farewell.Start + farewell.Length;
        while (i < words.Count)
        {
            var length = Math.Max(
                ClosingMatter.MatchAt(words, i, "ו", out _),
                Math.Max(Farewells.MatchAt(words, i, "ו", out _), OpeningsToo.MatchAt(words, i, "ו", out _)));
            if (length == 0 && farewell.TalkLater)
            {
                length = Whens.MatchAt(words, i, "ו", out _);
            }

            if (length == 0)
            {
                return false;
            }

            i += length;
        }

        return true;
    }

    private static IEnumerable<string> WishPhrases()
    {
        foreach (var period in Periods)
        {
            foreach (var wish in Wishes)
            {
                var phrase = $"{period} {wish}";

                // Said bare, these two also greet; wished ("שיהיה לך ערב טוב") they only part.
                if (phrase is not ("ערב טוב" or "שבוע טוב"))
                {
                    yield return phrase;
                }

                yield return $"שיהיה {phrase}";
                yield return $"שיהיה לך {phrase}";
                yield return $"שיהיה לכם {phrase}";
            }
        }
    }

    private sealed record Farewell(int Start, int Length, bool Weak, bool TalkLater);
}
