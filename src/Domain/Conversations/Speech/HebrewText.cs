using System.Globalization;
using System.Text;

namespace ProSaaS.Domain.Conversations.Speech;

/// <summary>
/// The one normalisation every speech function compares text through, so that a transcript and a word list meet on
/// the same form whatever the transcriber or the caller's keyboard produced.
/// </summary>
/// <remarks>
/// <para>
/// What is removed or folded, and why:
/// niqqud and cantillation (transcribers add them unpredictably; a dictionary without them must still match);
/// final letters ך ם ן ף ץ become their ordinary forms (transcripts split words in odd places and get finals wrong);
/// geresh, gershayim and quotes are dropped, joining what they separate (<c>ג'</c>, <c>אחה"צ</c>, <c>don't</c>);
/// bidirectional marks and other invisible format characters are dropped (text copied out of right-to-left contexts
/// carries them); Latin letters are lower-cased and stripped of accents; every other punctuation mark, dash (the
/// Hebrew maqaf included) and symbol separates words.
/// </para>
/// <para>
/// What is kept: digits, with <c>:</c>, <c>/</c> and <c>.</c> between two digits (<c>14:30</c>, <c>15/12</c>,
/// <c>15.12</c>) and thousands commas (<c>1,500</c> → <c>1500</c>); a <c>+</c> directly before a digit becomes a word of
/// its own (<c>+972</c> → <c>+ 972</c>). Letters and digits that touch are split (<c>ב9</c> → <c>ב 9</c>) because
/// Hebrew writes its one-letter prepositions against numbers.
/// </para>
/// </remarks>
public static class HebrewText
{
    private static readonly char[] Space = [' '];

    /// <summary>The normalised form of <paramref name="text"/>: words separated by single spaces, nothing else.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        for (var i = 0; i < decomposed.Length; i++)
        {
            var c = decomposed[i];
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.Format)
            {
                continue;
            }

            if (IsHebrewLetter(c))
            {
                SeparateFromDigit(builder);
                builder.Append(FoldFinal(c));
            }
            else if (char.IsLetter(c))
            {
                SeparateFromDigit(builder);
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (char.IsAsciiDigit(c))
            {
                if (builder.Length > 0 && char.IsLetter(builder[^1]))
                {
                    builder.Append(' ');
                }

                builder.Append(c);
            }
            else if (IsWordJoiner(c))
            {
                // geresh, gershayim, apostrophes and quotes: part of the word they sit in.
            }
            else if (c is ':' or '/' or '.' && PreviousIsDigit(builder) && NextIsDigit(decomposed, i))
            {
                builder.Append(c);
            }
            else if (c == ',' && PreviousIsDigit(builder) && IsThousandsGroup(decomposed, i))
            {
                // 1,500: the digits run on.
            }
            else if (c == '+' && NextIsDigit(decomposed, i))
            {
                AppendSpace(builder);
                builder.Append("+ ");
            }
            else
            {
                AppendSpace(builder);
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>
    /// The words of all of <paramref name="text"/>'s clauses in one list, with the index of the clause each word belongs to
    /// (so a rule may look across clause boundaries or refuse to).
    /// </summary>
    public static (List<string> Words, List<int> ClauseOf) WordsByClause(string? text)
    {
        var words = new List<string>();
        var clauseOf = new List<int>();
        var clauseIndex = 0;
        foreach (var clause in SplitClauses(text))
        {
            words.AddRange(clause.Words);
            clauseOf.AddRange(Enumerable.Repeat(clauseIndex++, clause.Words.Length));
        }

        return (words, clauseOf);
    }

    /// <summary>The words of <paramref name="text"/> after <see cref="Normalize"/>.</summary>
    public static string[] Tokenize(string? text) =>
        Normalize(text).Split(Space, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Whether <paramref name="c"/> is one of the 27 Hebrew letters (finals included).</summary>
    public static bool IsHebrewLetter(char c) => c is >= 'א' and <= 'ת';

    /// <summary>Whether <paramref name="c"/> is a Latin letter, accented or not.</summary>
    public static bool IsLatinLetter(char c) =>
        char.IsAsciiLetter(c) || (c is >= '\u00C0' and <= '\u024F' && char.IsLetter(c));

    /// <summary>Whether the text has at least one Hebrew letter.</summary>
    public static bool ContainsHebrew(string? text) => text is not null && text.Any(IsHebrewLetter);

    /// <summary>Whether the text has at least one Latin letter.</summary>
    public static bool ContainsLatin(string? text) => text is not null && text.Any(IsLatinLetter);

    /// <summary>Whether the normalised word is a number written in digits (<c>052</c>, <c>14:30</c>, <c>15/12</c>).</summary>
    public static bool IsDigitWord(string word) =>
        word.Length > 0 && char.IsAsciiDigit(word[0]) && word.All(c => char.IsAsciiDigit(c) || c is ':' or '/' or '.');

    /// <summary>Whether the normalised word is digits only.</summary>
    public static bool IsAllDigits(string word) => word.Length > 0 && word.All(char.IsAsciiDigit);

    /// <summary>
    /// The ways a Hebrew word can be read once its one-letter prefixes (ו ה ב ל מ ש כ: "and", "the", "in", "to",
    /// "from", "that", "as") are taken off: the word itself first, then each shorter stem of at least two letters.
    /// <c>ולהתראות</c> yields <c>ולהתראות</c>, <c>להתראות</c>, <c>התראות</c>, <c>תראות</c>; whoever asks picks the
    /// first stem its own word list knows.
    /// </summary>
    public static IEnumerable<(string Prefix, string Stem)> PrefixReadings(string word, int maxPrefixLetters = 3)
    {
        yield return (string.Empty, word);
        for (var i = 0; i < maxPrefixLetters && i < word.Length - 2; i++)
        {
            if (!IsPrefixLetter(word[i]))
            {
                yield break;
            }

            yield return (word[..(i + 1)], word[(i + 1)..]);
        }
    }

    /// <summary>The normalised word without a leading "and" (ו), or the word itself.</summary>
    public static string WithoutVav(string word) => word.Length > 1 && word[0] == 'ו' && word[1] != 'ו' ? word[1..] : word;

    /// <summary>Splits raw text into clauses at sentence and clause punctuation, noting which ended with a question mark.</summary>
    /// <remarks>A <c>.</c>, <c>,</c> or <c>:</c> with a letter or digit on both sides (<c>14:30</c>, <c>1,500</c>, <c>o.k</c>) does not end a clause.</remarks>
    public static IReadOnlyList<Clause> SplitClauses(string? text)
    {
        var clauses = new List<Clause>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return clauses;
        }

        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            var end = i == text.Length;
            if (!end && !IsClauseEnd(text, i))
            {
                continue;
            }

            var words = Tokenize(text[start..i]);
            if (words.Length > 0)
            {
                clauses.Add(new Clause(words, !end && text[i] is '?' or '？' or '؟'));
            }
            else if (!end && text[i] is '?' or '？' or '؟' && clauses.Count > 0 && !clauses[^1].IsQuestion)
            {
                // "נכון ?" — the mark belongs to the words before it.
                clauses[^1] = clauses[^1] with { IsQuestion = true };
            }

            start = i + 1;
        }

        return clauses;
    }

    private static bool IsClauseEnd(string text, int i)
    {
        var c = text[i];
        if (c is '?' or '!' or ';' or '…' or '\n' or '\r' or '？' or '؟' or '！' or '。' or '،' or '—' or '–')
        {
            return true;
        }

        if (c is '.' or ',' or ':')
        {
            // 14:30, 1,500, או.קיי, o.k: a mark with no space on either side joins, it does not end a clause.
            var joined = i > 0 && i < text.Length - 1 && char.IsLetterOrDigit(text[i - 1]) && char.IsLetterOrDigit(text[i + 1]);
            return !joined;
        }

        return false;
    }

    private static bool IsPrefixLetter(char c) => c is 'ו' or 'ה' or 'ב' or 'ל' or 'מ' or 'ש' or 'כ';

    /// <summary>A final letter as its ordinary form (ך → כ …); any other character as it is.</summary>
    internal static char FoldFinal(char c) => c switch
    {
        'ך' => 'כ',
        'ם' => 'מ',
        'ן' => 'נ',
        'ף' => 'פ',
        'ץ' => 'צ',
        _ => c,
    };

    private static bool IsWordJoiner(char c) =>
        c is '\'' or '"' or '\u05F3' or '\u05F4' or '\u2018' or '\u2019' or '\u201C' or '\u201D' or '`' or '\u00B4';

    private static void SeparateFromDigit(StringBuilder builder)
    {
        if (builder.Length > 0 && char.IsAsciiDigit(builder[^1]))
        {
            builder.Append(' ');
        }
    }

    private static void AppendSpace(StringBuilder builder)
    {
        if (builder.Length > 0 && builder[^1] != ' ')
        {
            builder.Append(' ');
        }
    }

    private static bool PreviousIsDigit(StringBuilder builder) => builder.Length > 0 && char.IsAsciiDigit(builder[^1]);

    private static bool NextIsDigit(string text, int i) => i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]);

    private static bool IsThousandsGroup(string text, int comma) =>
        comma + 3 < text.Length
        && char.IsAsciiDigit(text[comma + 1]) && char.IsAsciiDigit(text[comma + 2]) && char.IsAsciiDigit(text[comma + 3])
        && (comma + 4 == text.Length || !char.IsAsciiDigit(text[comma + 4]));
}

/// <summary>A clause of an utterance: its normalised words, and whether it was asked as a question.</summary>
public sealed record Clause(string[] Words, bool IsQuestion);
