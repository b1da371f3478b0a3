namespace ProSaaS.Domain.Conversations.Speech;

/// <summary>What to do about an assistant that keeps saying the same thing.</summary>
public enum LoopVerdict
{
    /// <summary>It is not repeating itself.</summary>
    None,

    /// <summary>It said this once before: say it differently, or ask something else (offer the keypad for a number).</summary>
    ChangeTack,

    /// <summary>It has said this too often: stop asking — offer a callback by a person, or close politely.</summary>
    Escalate,
}

/// <summary>How the loop detector judges repetition.</summary>
/// <param name="Window">How many of the assistant's latest utterances are looked at (the latest included).</param>
/// <param name="SimilarityThreshold">From this <see cref="SemanticLoopDetector.Similarity"/> on, two utterances (or
/// two questions) say the same thing.</param>
/// <param name="EscalateAt">How many times the same thing said (the latest included) is a loop to escalate;
/// the time before that is a change of tack.</param>
/// <param name="MinContentWords">Utterances with fewer content words ("הבנתי", "תודה!") are not compared as a whole:
/// saying them often is manners, not a loop. Their questions are still compared.</param>
public sealed record LoopDetectionOptions(int Window = 6, double SimilarityThreshold = 0.6, int EscalateAt = 3, int MinContentWords = 2)
{
    /// <summary>The defaults: the last six utterances, 60 % of content words shared, escalate at the third time.</summary>
    public static LoopDetectionOptions Default { get; } = new();
}

/// <summary>
/// Notices the assistant going round in circles — asking for the phone number a third time, repeating the same
/// offer — so the call changes tack or hands over instead of wearing the caller out.
/// </summary>
/// <remarks>
/// <para>
/// Two utterances say the same thing when their content words overlap enough: the Jaccard similarity of the sets of
/// their words after <see cref="HebrewText.Normalize"/>, without function words (pronouns, prepositions, question words,
/// "בבקשה", "אפשר", "please", …) and without a leading "ו" or "ה" (so "ומה הטלפון" and "מה טלפון" meet). Word order and
/// politeness do not matter; what is asked for does.
/// </para>
/// <para>
/// The latest utterance is compared with the earlier ones in the window, twice: as a whole, and by its last question
/// (the last clause ending with "?") with theirs, because the assistant wraps the same question in new thanks
/// ("תודה. מה מספר הטלפון?" — "הבנתי. ומה מספר הטלפון שלך?"). The larger count decides: said twice is
/// <see cref="LoopVerdict.ChangeTack"/>, <see cref="LoopDetectionOptions.EscalateAt"/> times
/// <see cref="LoopVerdict.Escalate"/>. Only the latest utterance is judged: once the assistant says something new, the
/// loop is over.
/// </para>
/// </remarks>
public static class SemanticLoopDetector
{
    private static readonly PhraseTable FunctionWords = new(
    [
        "את", "של", "שלך", "שלכם", "שלכן", "שלי", "שלו", "שלה", "שלנו", "זה", "זו", "זאת", "הוא", "היא", "הם", "אני", "אתה",
        "אנחנו", "אתם", "לי", "לך", "לכם", "לו", "לה", "לנו", "אותך", "אותכם", "מה", "מי", "איך", "מתי", "איפה", "למה", "כמה",
        "האם", "איזה", "איזו", "באיזה", "באיזו", "אם", "גם", "רק", "עם", "על", "אל", "או", "כי", "אבל", "אז", "כן", "לא", "יש",
        "אין", "בבקשה", "אפשר", "רוצה", "תוכל", "תוכלי", "בסדר", "טוב", "אוקיי", "תודה", "רבה", "הבנתי", "סליחה", "עוד",
        "פעם", "שוב", "כבר", "עכשיו", "רגע", "שמעתי", "ו", "ה", "ב", "ל", "ש", "מ",
        "please", "the", "a", "an", "to", "of", "is", "are", "you", "your", "what", "can", "could", "would", "and", "or",
        "me", "my", "i", "it", "that", "this", "for", "again", "sorry", "thanks", "thank", "ok", "okay", "so", "have", "do",
        "did", "get", "give", "tell", "whats",
    ]);

    /// <summary>Judges the assistant's latest utterance against those before it.</summary>
    /// <param name="assistantUtterances">The assistant's utterances in the order said, the latest last.</param>
    /// <param name="options">How to judge; <see cref="LoopDetectionOptions.Default"/> when omitted.</param>
    public static LoopVerdict Assess(IReadOnlyList<string?> assistantUtterances, LoopDetectionOptions? options = null)
    {
        options ??= LoopDetectionOptions.Default;
        if (options.Window < 2 || options.EscalateAt < 2 || options.SimilarityThreshold is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options, "Window and EscalateAt must be at least 2, the threshold in (0, 1].");
        }

        if (assistantUtterances.Count < 2)
        {
            return LoopVerdict.None;
        }

        var window = assistantUtterances.Skip(Math.Max(0, assistantUtterances.Count - options.Window)).ToList();
        var latest = Content(window[^1]);
        var latestQuestion = Content(LastQuestion(window[^1]));
        var earlier = window.Take(window.Count - 1).ToList();

        var said = 1;
        if (latest.Count >= options.MinContentWords)
        {
            said += earlier.Count(u => Jaccard(latest, Content(u)) >= options.SimilarityThreshold);
        }

        var asked = 1;
        if (latestQuestion.Count > 0)
        {
            asked += earlier.Count(u => Jaccard(latestQuestion, Content(LastQuestion(u))) >= options.SimilarityThreshold);
        }

        var times = Math.Max(said, asked);
        return times >= options.EscalateAt ? LoopVerdict.Escalate
            : times >= 2 ? LoopVerdict.ChangeTack
            : LoopVerdict.None;
    }

    /// <summary>How much two utterances say the same thing: the Jaccard similarity (0–1) of their content words.</summary>
    public static double Similarity(string? first, string? second) => Jaccard(Content(first), Content(second));

    private static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    private static HashSet<string> Content(string? utterance)
    {
        var words = HebrewText.Tokenize(utterance);
        var content = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            var stem = FunctionWords.Contains(word) ? string.Empty : Stem(word);
            if (stem.Length > 0)
            {
                content.Add(stem);
            }
        }

        return content;
    }

    // "ומה", "הטלפון", "והטלפון" all meet "טלפון": the conjunction and the article are how rephrasing differs most.
    private static string Stem(string word)
    {
        var stem = word;
        if (stem.Length > 2 && stem[0] == 'ו')
        {
            stem = stem[1..];
        }

        if (stem.Length > 3 && stem[0] == 'ה')
        {
            stem = stem[1..];
        }

        return FunctionWords.Contains(stem) ? string.Empty : stem;
    }

    private static string? LastQuestion(string? utterance)
    {
        var question = HebrewText.SplitClauses(utterance).LastOrDefault(clause => clause.IsQuestion);
        return question is null ? null : string.Join(' ', question.Words);
    }
}
