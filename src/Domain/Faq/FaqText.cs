using System.Globalization;
using System.Text;
using ProSaaS.Domain.Conversations.Speech;

namespace ProSaaS.Domain.Faq;

/// <summary>
/// One content word of a question, normalised: niqqud and punctuation gone, final letters written as ordinary ones, Latin
/// letters in lower case. <see cref="Forms"/> holds the word and the words it may be under Hebrew prefix letters
/// (<c>ו</c>, then <c>ש</c>/<c>כש</c>, then one of <c>ה ב ל מ כ</c>: "ושהחניה" → "שהחניה", "החניה", "חניה"); two
/// words are the same word when their forms meet. The longest form comes first.
/// </summary>
public sealed record FaqWord(string Text, IReadOnlyList<string> Forms)
{
    /// <summary>The shortest form: the word without every prefix it may carry.</summary>
    public string Core => Forms[^1];

    public bool SameWordAs(FaqWord other)
    {
        // Index loops: an interface enumerator would allocate on every comparison of the matcher's hot path.
        for (var i = 0; i < Forms.Count; i++)
        {
            for (var j = 0; j < other.Forms.Count; j++)
            {
                if (string.Equals(Forms[i], other.Forms[j], StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}

/// <summary>
/// Hebrew-aware normalisation of questions for the FAQ matcher, a pure function: niqqud and cantillation marks are
/// removed, final letters (ך ם ן ף ץ) become ordinary ones, geresh, gershayim and quotes inside words are dropped
/// (צה"ל → צהל), everything that is not a letter or digit separates words, letters and digits are split apart
/// ("ב10" → "ב", "10"), and the words that carry no meaning in a question (stop words: "מה", "יש", "אפשר", "שלכם", "the"…)
/// are left out. Prefix letters are not cut off the words: each word keeps the forms it may have under them.
/// </summary>
public static class FaqText
{
    private const string PrefixConjunction = "ו";
    private static readonly string[] RelativePrefixes = ["כש", "ש"];
    private const string ArticlePrepositions = "הבלמכ";

    /// <summary>A prefix is cut only when this many letters stay: shorter remains match too many other words.</summary>
    private const int MinCoreLength = 3;

    private static readonly HashSet<string> StopWords = BuildStopWords();

    /// <summary>The text normalised to words separated by single spaces, stop words kept.</summary>
    public static string Normalise(string? text) => string.Join(' ', RawWords(text));

    /// <summary>The content words of <paramref name="text"/>, in order, stop words left out.</summary>
    public static IReadOnlyList<FaqWord> Words(string? text)
    {
        var words = new List<FaqWord>();
        foreach (var raw in RawWords(text))
        {
            if (!StopWords.Contains(raw))
            {
                words.Add(new FaqWord(raw, Forms(raw)));
            }
        }

        return words;
    }

    /// <summary>Whether the normalised word is a stop word.</summary>
    public static bool IsStopWord(string word) => StopWords.Contains(Normalise(word));

    /// <summary>The word and every form it may take under prefix letters, longest first.</summary>
    public static IReadOnlyList<string> Forms(string word)
    {
        var forms = new List<string> { word };
        if (!IsHebrew(word))
        {
            return forms;
        }

        // ו? (ש|כש)? [הבלמכ]? — each cut only when enough letters stay.
        var starts = new List<int> { 0 };
        if (word.StartsWith(PrefixConjunction, StringComparison.Ordinal) && word.Length - 1 >= MinCoreLength)
        {
            starts.Add(1);
        }

        foreach (var start in starts.ToList())
        {
            foreach (var relative in RelativePrefixes)
            {
                if (string.CompareOrdinal(word, start, relative, 0, relative.Length) == 0 && word.Length - start - relative.Length >= MinCoreLength)
                {
                    starts.Add(start + relative.Length);
                }
            }
        }

        foreach (var start in starts.ToList())
        {
            if (start < word.Length && ArticlePrepositions.Contains(word[start]) && word.Length - start - 1 >= MinCoreLength)
            {
                starts.Add(start + 1);
            }
        }

        foreach (var start in starts.Distinct().Order())
        {
            var form = word[start..];
            if (!forms.Contains(form, StringComparer.Ordinal))
            {
                forms.Add(form);
            }
        }

        return forms;
    }

    private static IEnumerable<string> RawWords(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield break;
        }

        var word = new StringBuilder();
        var kind = CharKind.None;
        foreach (var original in text)
        {
            var c = original;
            if (IsMark(c) || c is '\'' or '"' or '׳' or '״' or '`' or '’' or '‘' or '“' or '”' or '\u200e' or '\u200f')
            {
                continue;
            }

            c = HebrewText.FoldFinal(char.ToLowerInvariant(c));
            var next = char.IsLetter(c) ? CharKind.Letter : char.IsDigit(c) ? CharKind.Digit : CharKind.None;
            if (next == CharKind.None || (kind != CharKind.None && next != kind))
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }
            }

            if (next != CharKind.None)
            {
                word.Append(c);
            }

            kind = next;
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }

    /// <summary>Niqqud, cantillation and other combining marks (the maqaf U+05BE is a hyphen and separates words).</summary>
    private static bool IsMark(char c) =>
        c is >= '\u0591' and <= '\u05C7' and not '\u05BE' and not '\u05C0' and not '\u05C3' and not '\u05C6'
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark;


    private static bool IsHebrew(string word) => word.Length > 0 && word[0] is >= 'א' and <= 'ת';

    private static HashSet<string> BuildStopWords()
    {
        string[] hebrew =
        [
            // question words and particles
            "מה", "ומה", "מהי", "מהו", "מי", "מיהו", "איך", "ואיך", "כיצד", "איפה", "ואיפה", "היכן", "מתי", "ומתי", "כמה", "וכמה", "למה",
            "ולמה", "מדוע", "האם", "והאם", "אם", "ואם", "יש", "ויש", "אין", "ואין", "אפשר", "ואפשר", "אפשרי", "ניתן", "נכון",
            // pronouns and possessives
            "אני", "אתה", "את", "אתם", "אתן", "הוא", "היא", "הם", "הן", "אנחנו", "אנו", "לי", "לך", "לו", "לה", "לנו", "לכם", "לכן",
            "להם", "להן", "שלי", "שלך", "שלו", "שלה", "שלנו", "שלכם", "שלכן", "שלהם", "אותי", "אותך", "אותו", "אותה", "אותנו", "אתכם",
            "אצלכם", "אצלך", "אצלנו", "עליכם", "מכם", "איתכם", "אליכם",
            // function words
            "של", "על", "עם", "אל", "את", "זה", "זו", "זאת", "הזה", "הזו", "הזאת", "גם", "רק", "כל", "או", "כי", "אבל", "אז", "כבר",
            "עוד", "מאוד", "הכי", "פה", "כאן", "לא", "כן", "ה", "ו", "ב", "ל", "מ", "ש", "כ",
            // politeness and framing
            "שלום", "היי", "הי", "בבקשה", "תודה", "רציתי", "רוצה", "רוצים", "רצינו", "לשאול", "שאלה", "לדעת", "לברר", "תגיד", "תגידי",
            "תגידו", "יכול", "יכולה", "יכולים", "אפשרות", "בעצם", "בערך", "סתם", "אוקיי", "אה", "אמ", "אממ",
        ];
        string[] english =
        [
            "a", "an", "the", "is", "are", "am", "be", "do", "does", "did", "what", "whats", "when", "where", "how", "who", "why", "which",
            "can", "could", "would", "will", "i", "you", "we", "me", "my", "your", "our", "it", "its", "of", "to", "in", "on", "at", "for",
            "and", "or", "there", "please", "hi", "hello", "thanks", "want", "know", "tell", "us",
        ];
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in hebrew.Concat(english))
        {
            foreach (var raw in RawWords(word))
            {
                words.Add(raw);
            }
        }

        return words;
    }

    private enum CharKind
    {
        None,
        Letter,
        Digit,
    }
}
