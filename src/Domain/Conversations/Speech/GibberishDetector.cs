using System.Globalization;
using System.Text;

namespace ProSaaS.Domain.Conversations.Speech;

/// <summary>
/// Whether a transcript is junk rather than words: what a transcriber makes of line noise, hums, laughter and
/// cross-talk. Acting on it (a lead field, a turn) would be acting on noise; real short words are never junk.
/// </summary>
/// <remarks>
/// <para>Junk is recognised by shape, never by a dictionary of every Hebrew word:</para>
/// <list type="bullet">
/// <item>symbols making up a third of the text (<c>@#$%</c>);</item>
/// <item>a short non-word repeated four times and more (<c>לה לה לה לה</c>, <c>נה נה נה נה</c>) — known short words
/// repeated (<c>לא לא לא לא</c>, <c>די די די די</c>) are emphasis, not junk;</item>
/// <item>words that cannot be written that way: a letter four times running (<c>ררררר</c>, <c>חחחחח</c>); a syllable three
/// times running inside a word (<c>בלבלבל</c>, <c>lalala</c>); a final letter inside a word (<c>שםלום</c>); eight Hebrew
/// letters without any of א ה ו י ע, or five Latin letters without a vowel (letter soup); two alphabets inside one word
/// (<c>שלוםabc</c>), except Hebrew's one-letter prefixes before a foreign word (<c>בZoom</c>); letters and digits
/// alternating (<c>ש3ל5ם</c>);</item>
/// <item>mostly single letters (<c>א ב ג ד</c>).</item>
/// </list>
/// <para>
/// The text is junk when the symbols or the repetition say so, or when at least half of its words are junk words. Hums
/// (<c>מממ</c>, <c>אאאא</c>, <c>hmmm</c>) are fillers, not junk: the transcription filter deals with those.
/// </para>
/// </remarks>
public static class GibberishDetector
{
    private const int RepeatedNonWordTimes = 4;
    private const int SameLetterRun = 4;
    private const int SyllableRepeats = 3;
    private const int VowellessHebrewLetters = 8;
    private const int VowellessLatinLetters = 5;

    // Short words a caller may well say four times over.
    private static readonly PhraseTable ShortWords = new(
    [
        "כן", "לא", "די", "נו", "מה", "טוב", "רגע", "הלו", "אוקי", "אוקיי", "יאללה", "ביי", "סבבה", "תודה", "שלום", "אחי",
        "yes", "no", "ok", "okay", "hello", "hi", "bye", "stop", "wait",
    ]);

    /// <summary>Whether <paramref name="text"/> is junk rather than words.</summary>
    public static bool IsGibberish(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var clean = WithoutMarks(text);
        if (IsMostlySymbols(clean))
        {
            return true;
        }

        var words = clean
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(TrimPunctuation)
            .Where(word => word.Any(char.IsLetterOrDigit))
            .ToList();
        if (words.Count == 0)
        {
            return false;
        }

        if (HasRepeatedNonWord(words))
        {
            return true;
        }

        var letterWords = words.Where(word => word.Any(char.IsLetter)).ToList();
        if (letterWords.Count >= 4 && letterWords.Count(word => word.Count(char.IsLetter) == 1) * 4 >= letterWords.Count * 3)
        {
            return true;
        }

        var junk = words.Count(IsJunkWord);
        return junk > 0 && junk * 2 >= words.Count;
    }

    private static bool IsJunkWord(string word)
    {
        var letters = word.Where(char.IsLetter).ToArray();
        if (letters.Length == 0)
        {
            return false;
        }

        if (IsHum(letters))
        {
            return false;
        }

        return HasSameLetterRun(letters)
               || HasRepeatedSyllable(letters)
               || HasFinalLetterInside(word)
               || IsVowelless(letters)
               || MixesAlphabets(word)
               || AlternatesLettersAndDigits(word);
    }

    // מממ, אההה, hmmm, uhhh: a filler however long it is held.
    private static bool IsHum(char[] letters) =>
        letters.All(c => c is 'א' or 'ה' or 'מ' or 'ע') || letters.All(c => char.ToLowerInvariant(c) is 'a' or 'h' or 'm' or 'u' or 'e');

    private static bool HasSameLetterRun(char[] letters)
    {
        var run = 1;
        for (var i = 1; i < letters.Length; i++)
        {
            run = char.ToLowerInvariant(letters[i]) == char.ToLowerInvariant(letters[i - 1]) ? run + 1 : 1;
            if (run >= SameLetterRun)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasRepeatedSyllable(char[] letters)
    {
        var lower = new string(letters).ToLowerInvariant();
        for (var size = 2; size <= 3; size++)
        {
            for (var start = 0; start + (size * SyllableRepeats) <= lower.Length; start++)
            {
                var syllable = lower.AsSpan(start, size);
                var repeats = 1;
                while (start + (size * (repeats + 1)) <= lower.Length
                       && lower.AsSpan(start + (size * repeats), size).SequenceEqual(syllable))
                {
                    repeats++;
                }

                if (repeats >= SyllableRepeats)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool HasFinalLetterInside(string word)
    {
        for (var i = 0; i < word.Length - 1; i++)
        {
            if (word[i] is 'ך' or 'ם' or 'ן' or 'ף' or 'ץ' && HebrewText.IsHebrewLetter(word[i + 1]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsVowelless(char[] letters)
    {
        if (letters.All(HebrewText.IsHebrewLetter))
        {
            return letters.Length >= VowellessHebrewLetters && !letters.Any(c => c is 'א' or 'ה' or 'ו' or 'י' or 'ע');
        }

        if (letters.All(c => char.IsAsciiLetter(c)))
        {
            return letters.Length >= VowellessLatinLetters && !letters.Any(c => char.ToLowerInvariant(c) is 'a' or 'e' or 'i' or 'o' or 'u' or 'y');
        }

        return false;
    }

    private static bool MixesAlphabets(string word)
    {
        var scripts = new List<Script>();
        foreach (var c in word.Where(char.IsLetter))
        {
            var script = ScriptOf(c);
            if (scripts.Count == 0 || scripts[^1] != script)
            {
                scripts.Add(script);
            }
        }

        if (scripts.Count <= 1)
        {
            return false;
        }

        // בZoom, לGoogle, וה-iPhone written together: up to three Hebrew prefix letters before one foreign word.
        if (scripts.Count == 2 && scripts[0] == Script.Hebrew)
        {
            var hebrew = word.TakeWhile(c => !char.IsLetter(c) || HebrewText.IsHebrewLetter(c)).Where(char.IsLetter).ToArray();
            return hebrew.Length > 3 || hebrew.Any(c => c is not ('ו' or 'ה' or 'ב' or 'ל' or 'מ' or 'ש' or 'כ'));
        }

        return true;
    }

    private static bool AlternatesLettersAndDigits(string word)
    {
        var switches = 0;
        for (var i = 1; i < word.Length; i++)
        {
            if ((char.IsLetter(word[i]) && char.IsDigit(word[i - 1])) || (char.IsDigit(word[i]) && char.IsLetter(word[i - 1])))
            {
                switches++;
            }
        }

        return switches > 2;
    }

    private static bool HasRepeatedNonWord(List<string> words)
    {
        var normalised = words.Select(HebrewText.Normalize).ToList();
        var run = 1;
        for (var i = 1; i < normalised.Count; i++)
        {
            run = normalised[i].Length > 0 && normalised[i] == normalised[i - 1] ? run + 1 : 1;
            var word = normalised[i];
            if (run >= RepeatedNonWordTimes && word.Length <= 3 && word.All(char.IsLetter) && !ShortWords.Contains(word)
                && !IsHum(word.ToCharArray()))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsMostlySymbols(string text)
    {
        var visible = text.Where(c => !char.IsWhiteSpace(c)).ToList();
        var symbols = visible.Count(c => !char.IsLetterOrDigit(c) && !IsOrdinaryPunctuation(c));
        return symbols >= 3 && symbols * 3 >= visible.Count;
    }

    private static bool IsOrdinaryPunctuation(char c) =>
        c is '.' or ',' or '!' or '?' or '\'' or '"' or '-' or ':' or ';' or '(' or ')' or '…' or '־' or '׳' or '״' or '–' or '—'
            or '/' or '+';

    private static string TrimPunctuation(string word) => word.Trim().Trim('.', ',', '!', '?', '"', '\'', '(', ')', ':', ';', '…', '-', '־');

    private static string WithoutMarks(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.Format))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static Script ScriptOf(char c) => c switch
    {
        _ when HebrewText.IsHebrewLetter(c) => Script.Hebrew,
        _ when HebrewText.IsLatinLetter(c) => Script.Latin,
        >= '\u0400' and <= '\u04FF' => Script.Cyrillic,
        >= '\u0600' and <= '\u06FF' => Script.Arabic,
        _ => Script.Other,
    };

    private enum Script
    {
        Hebrew,
        Latin,
        Cyrillic,
        Arabic,
        Other,
    }
}
