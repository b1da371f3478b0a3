using System.Globalization;
using System.Text;

namespace ProSaaS.Domain.Conversations.Speech;

/// <summary>A number said in an utterance: its value, its digits as dictated, and where it was said.</summary>
/// <param name="Value">The value ("שלוש וחצי" is 3.5, "כפול שלוש" is 33).</param>
/// <param name="Digits">The digits as the caller dictated them: "052" keeps its zero, "שישים ושבע" is "67", a number with
/// a fraction has none (empty).</param>
/// <param name="FirstWord">Index of its first word among <see cref="HebrewText.Tokenize"/>'s words.</param>
/// <param name="WordCount">How many words it took.</param>
public sealed record SpokenNumber(decimal Value, string Digits, int FirstWord, int WordCount)
{
    /// <summary>Index of the first word after it.</summary>
    public int EndWord => FirstWord + WordCount;
}

/// <summary>
/// Spoken Hebrew numbers (and the English ones callers mix in) to values and digits: phone numbers, quantities,
/// hours and days are said in words far more often than transcribers turn them into digits.
/// </summary>
/// <remarks>
/// <para>
/// Both genders and the construct forms are read (אחת/אחד, שתיים/שניים/שתי/שני, שלוש/שלושה/שלושת … עשר/עשרה/עשרת), the
/// teens (אחת עשרה, שנים עשר), the tens (עשרים … תשעים), hundreds (מאה, מאתיים, שלוש מאות), thousands (אלף, אלפיים,
/// שלושת אלפים, עשרים אלף), a million, and a trailing half or quarter (וחצי, ורבע). Any of the one-letter prefixes may
/// stand on a number's first word (בשלוש, לעשרים, השלושה), and digits may be mixed in ("אפס 52").
/// </para>
/// <para>
/// Hebrew marks the last part of a compound number with "ו" ("מאה עשרים ושלוש", "שישים ושבע"), and that is what joins
/// parts here: a unit after tens or hundreds joins only with "ו", so "שישים, שבע" is 60 then 7, as dictated. A part marked
/// with "ו" closes the number. In English the tens take their unit directly ("sixty seven").
/// </para>
/// <para>
/// Dictation says a long number in groups, each group a number of its own ("אפס חמש שתיים, שלוש ארבע חמש, שישים ושבע
/// שמונים ותשע" is 0, 5, 2, 3, 4, 5, 67, 89); <see cref="ToDigits"/> writes the groups one after the other, and
/// "כפול"/"משולש" (double, triple) repeat the group they precede ("כפול שלוש" is 33).
/// </para>
/// </remarks>
public static class HebrewNumbers
{
    private const string AnyPrefix = "ובלהמשכ";
    private const string AndPrefix = "ו";

    private static readonly Dictionary<string, Word> Words = BuildWords();

    // Between the groups of a dictated phone number: hesitations, "dash", "and then".
    private static readonly PhraseTable PhoneGlue = new(
    [
        "אה", "אהה", "אמ", "אממ", "הממ", "ממ", "ו", "מקף", "קו", "ואז", "אחרי זה", "אחר כך", "פסיק", "נקודה",
        "uh", "um", "umm", "dash", "then", "and", "and then",
    ]);

    private static readonly PhraseTable Plus = new(["+", "פלוס", "plus"]);

    /// <summary>The numbers said in <paramref name="utterance"/>, in order.</summary>
    public static IReadOnlyList<SpokenNumber> Find(string? utterance) => Find(HebrewText.Tokenize(utterance));

    /// <summary>The numbers said in already normalised words, in order.</summary>
    public static IReadOnlyList<SpokenNumber> Find(IReadOnlyList<string> words)
    {
        var found = new List<SpokenNumber>();
        var i = 0;
        while (i < words.Count)
        {
            if (TryReadAt(words, i, AnyPrefix, allowFraction: true, out var number))
            {
                found.Add(number);
                i = number.EndWord;
            }
            else
            {
                i++;
            }
        }

        return found;
    }

    /// <summary>The one number <paramref name="utterance"/> states ("מאתיים וחמישים" → 250, "שלוש וחצי" → 3.5, "בערך 40" → 40);
    /// <see langword="null"/> when it states none or several.</summary>
    public static decimal? ParseValue(string? utterance)
    {
        var numbers = Find(utterance);
        return numbers.Count == 1 ? numbers[0].Value : null;
    }

    /// <summary>
    /// Every whole number said, written as its digits one after the other ("אפס חמש שתיים, שלוש ארבע חמש" → "052345");
    /// <see langword="null"/> when none was said. Words between the numbers are ignored.
    /// </summary>
    public static string? ToDigits(string? utterance)
    {
        var digits = string.Concat(Find(utterance).Select(n => n.Digits));
        return digits.Length == 0 ? null : digits;
    }

    /// <summary>Whether the normalised word is a number word or digits (on its own, with any prefix).</summary>
    public static bool IsNumberWord(string word) =>
        HebrewText.IsAllDigits(word) || Lookup(word, AnyPrefix, out _, out _);

    /// <summary>
    /// The Israeli phone number dictated in <paramref name="utterance"/>, as its national digits: 10 for a mobile
    /// (<c>05X</c>) or VoIP (<c>07X</c>) number, 9 for a landline (<c>02</c>, <c>03</c>, <c>04</c>, <c>08</c>, <c>09</c>);
    /// <see langword="null"/> when there is none.
    /// </summary>
    /// <remarks>
    /// The groups of one number may be separated by hesitations, "מקף" or "ואז" but by no other word, so the caller's age
    /// or a house number said in the same breath stays out of it. <c>972</c>, <c>+972</c>, "פלוס 972" and <c>00972</c>
    /// become the trunk <c>0</c>; a mobile or VoIP number said without its leading zero (<c>52…</c>) gets it back. A number
    /// with another country code is not an Israeli number and gives <see langword="null"/>. When no single stretch is a
    /// phone number, all the digits of the utterance are tried together, for callers who talk between the groups.
    /// </remarks>
    public static string? ExtractPhoneDigits(string? utterance)
    {
        var words = HebrewText.Tokenize(utterance);
        var numbers = Find(words);
        if (numbers.Count == 0)
        {
            return null;
        }

        var runs = new List<(StringBuilder Digits, bool Plus)>();
        var previousEnd = -1;
        foreach (var number in numbers)
        {
            if (number.Digits.Length == 0)
            {
                previousEnd = -1;
                continue;
            }

            if (previousEnd < 0 || !OnlyGlueBetween(words, previousEnd, number.FirstWord))
            {
                var plus = number.FirstWord > 0 && Plus.MatchAt(words, number.FirstWord - 1) == 1;
                runs.Add((new StringBuilder(), plus));
            }

            runs[^1].Digits.Append(number.Digits);
            previousEnd = number.EndWord;
        }

        foreach (var (digits, plus) in runs)
        {
            if (AsIsraeliPhone(digits.ToString(), plus) is { } phone)
            {
                return phone;
            }
        }

        return runs.Count > 1 ? AsIsraeliPhone(string.Concat(runs.Select(r => r.Digits.ToString())), runs[0].Plus) : null;
    }

    private static bool OnlyGlueBetween(IReadOnlyList<string> words, int from, int to)
    {
        var i = from;
        while (i < to)
        {
            var length = PhoneGlue.MatchAt(words, i);
            if (length == 0)
            {
                return false;
            }

            i += length;
        }

        return true;
    }

    private static string? AsIsraeliPhone(string digits, bool plus)
    {
        string national;
        if (digits.StartsWith("00972", StringComparison.Ordinal))
        {
            national = digits[5..];
        }
        else if (digits.StartsWith("972", StringComparison.Ordinal) && digits.Length >= 11)
        {
            national = digits[3..];
        }
        else if (plus || digits.StartsWith("00", StringComparison.Ordinal))
        {
            return null;
        }
        else
        {
            national = digits;
        }

        // A mobile or VoIP number is sometimes said without its zero; a landline's eight digits are too easily something else.
        if (national.Length == 9 && national[0] is '5' or '7')
        {
            national = "0" + national;
        }

        var isMobileOrVoip = national.Length == 10 && national[1] is '5' or '7';
        var isLandline = national.Length == 9 && national[1] is '2' or '3' or '4' or '8' or '9';
        return isMobileOrVoip || isLandline ? national : null;
    }

    /// <summary>Reads the number starting at word <paramref name="index"/>, whose first word may carry prefixes from
    /// <paramref name="prefixLetters"/>.</summary>
    internal static bool TryReadAt(IReadOnlyList<string> words, int index, string prefixLetters, bool allowFraction, out SpokenNumber number) =>
        TryReadAt(words, index, prefixLetters, allowFraction, out number, out _);

    /// <inheritdoc cref="TryReadAt(IReadOnlyList{string}, int, string, bool, out SpokenNumber)"/>
    /// <param name="prefix">The prefix letters taken off the first word ("ב" of "בשלוש").</param>
    internal static bool TryReadAt(
        IReadOnlyList<string> words, int index, string prefixLetters, bool allowFraction, out SpokenNumber number, out string prefix)
    {
        number = null!;
        prefix = string.Empty;
        if (index >= words.Count)
        {
            return false;
        }

        var word = words[index];
        if (HebrewText.IsAllDigits(word))
        {
            if (!decimal.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var digitsValue))
            {
                return false;
            }

            var end = index + 1;
            var fraction = allowFraction ? ReadFraction(words, ref end) : 0m;
            number = new SpokenNumber(digitsValue + fraction, fraction == 0 ? word : string.Empty, index, end - index);
            return true;
        }

        if (Lookup(word, prefixLetters, out var repeat, out var repeatPrefix) && repeat.Kind == Kind.Repeat
            && TryReadAt(words, index + 1, AnyPrefix, allowFraction: false, out var repeated) && repeated.Digits.Length > 0)
        {
            var digits = string.Concat(Enumerable.Repeat(repeated.Digits, (int)repeat.Value));
            if (decimal.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var repeatedValue))
            {
                prefix = repeatPrefix;
                number = new SpokenNumber(repeatedValue, digits, index, repeated.EndWord - index);
                return true;
            }
        }

        if (!TryReadWhole(words, index, prefixLetters, out var value, out var next, out prefix))
        {
            return false;
        }

        var half = allowFraction ? ReadFraction(words, ref next) : 0m;
        var whole = half == 0 ? value.ToString(CultureInfo.InvariantCulture) : string.Empty;
        number = new SpokenNumber(value + half, whole, index, next - index);
        return true;
    }

    // [thousands] [below a thousand], e.g. "אלף תשע מאות ושמונים", "שלושת אלפים", "עשרים אלף וחמש".
    private static bool TryReadWhole(IReadOnlyList<string> words, int start, string prefixLetters, out decimal value, out int next, out string prefix)
    {
        value = 0;
        next = start;
        prefix = string.Empty;
        var any = false;

        if (TryThousands(words, start, prefixLetters, out var thousands, out var afterThousands, out prefix))
        {
            value = thousands;
            next = afterThousands;
            any = true;
        }

        if (TryBelowThousand(words, next, first: !any, any ? AndPrefix : prefixLetters, afterHigher: any,
                out var rest, out var afterRest, out var restPrefix))
        {
            if (!any)
            {
                prefix = restPrefix;
            }

            value += rest;
            next = afterRest;
            any = true;
        }

        return any;
    }

    private static bool TryThousands(
        IReadOnlyList<string> words, int start, string prefixLetters, out decimal value, out int next, out string prefix)
    {
        value = 0;
        next = start;
        if (Lookup(At(words, start), prefixLetters, out var word, out prefix) && word.Kind == Kind.Thousand)
        {
            value = word.Value;
            next = start + 1;
            return true;
        }

        if (TryBelowThousand(words, start, first: true, prefixLetters, afterHigher: false, out var count, out var after, out prefix)
            && count > 0
            && Lookup(At(words, after), string.Empty, out var multiplier, out _) && multiplier.Kind is Kind.Thousand or Kind.Thousands
            && (multiplier.Kind == Kind.Thousands || multiplier.Value == 1000))
        {
            value = count * 1000;
            next = after + 1;
            return true;
        }

        prefix = string.Empty;
        return false;
    }

    // [hundreds] [tens | teen | ten] [unit], each part after the first marked with "ו" when it is the last.
    private static bool TryBelowThousand(
        IReadOnlyList<string> words, int start, bool first, string firstPrefixes, bool afterHigher,
        out decimal value, out int next, out string prefix)
    {
        var parts = new BelowThousand(start, afterHigher);
        parts.Read(words, first, firstPrefixes);
        value = parts.Value;
        next = parts.Next;
        prefix = parts.Prefix;
        return parts.Any;
    }

    private sealed class BelowThousand(int start, bool afterHigher)
    {
        public decimal Value { get; private set; }

        public int Next { get; private set; } = start;

        public string Prefix { get; private set; } = string.Empty;

        // The last part read was marked with "ו".
        public bool Closed { get; private set; }

        public bool Any { get; private set; }

        private bool _follows = afterHigher;

        public void Read(IReadOnlyList<string> words, bool first, string firstPrefixes)
        {
            // Hundreds: מאה, מאתיים, or a count and מאות ("שלוש מאות", "two hundred").
            if (TryPart(words, Next, first && !Any, firstPrefixes, out var word, out var length, out var marked, out var prefix))
            {
                if (word.Kind == Kind.Hundred)
                {
                    Accept(first, word.Value, length, marked, prefix);
                }
                else if (word.Kind == Kind.Unit && IsKind(words, Next + length, Kind.Hundreds))
                {
                    Accept(first, word.Value * 100, length + 1, marked, prefix);
                }
            }

            // Tens, ten, or a teen ("חמש עשרה", "שנים עשר"); after a part marked with "ו" ("מאה ועשרים וחמש", as
            // people also say it) only another marked part follows.
            var englishTens = false;
            if (TryPart(words, Next, first && !Any, firstPrefixes, out word, out length, out marked, out prefix)
                && (!Closed || marked))
            {
                if (word.Kind == Kind.Unit && !word.English && IsKind(words, Next + length, Kind.Teen))
                {
                    Accept(first, 10 + word.Value, length + 1, marked, prefix);
                    return;
                }

                if (word.Kind is Kind.Tens or Kind.Ten or Kind.Teen)
                {
                    Accept(first, word.Value, length, marked, prefix);
                    if (word.English && word.Value % 10 != 0)
                    {
                        return;
                    }

                    englishTens = word.English;
                }
            }

            // The unit: alone, or the last part, marked with "ו" ("עשרים ואחת"); English tens take it directly ("twenty one").
            if (TryPart(words, Next, first && !Any, firstPrefixes, out word, out length, out marked, out prefix)
                && (word.Kind == Kind.Unit || (word.Kind == Kind.Zero && !_follows))
                && (!_follows || marked || (englishTens && word.English)))
            {
                Accept(first, word.Value, length, marked, prefix);
            }
        }

        private void Accept(bool first, decimal partValue, int length, bool marked, string prefix)
        {
            if (first && !Any)
            {
                Prefix = prefix;
            }

            Value += partValue;
            Next += length;
            Any = true;
            _follows = true;
            Closed = marked;
        }
    }

    // The part at words[at]. A number's first part may carry the caller's prefixes (its "ו" joins it to what came before);
    // a later part only "ו", or a lone "ו"/"and" before it, which marks it as the number's last part.
    private static bool TryPart(
        IReadOnlyList<string> words, int at, bool firstPart, string firstPrefixes,
        out Word word, out int length, out bool marked, out string prefix)
    {
        var andWord = !firstPart && At(words, at) is "ו" or "and";
        var wordAt = andWord ? at + 1 : at;
        var letters = firstPart ? firstPrefixes : andWord ? string.Empty : AndPrefix;
        length = wordAt + 1 - at;
        if (!Lookup(At(words, wordAt), letters, out word, out prefix))
        {
            marked = false;
            return false;
        }

        marked = !firstPart && (andWord || prefix == AndPrefix);
        return true;
    }

    private static bool IsKind(IReadOnlyList<string> words, int at, Kind kind) =>
        Lookup(At(words, at), string.Empty, out var word, out _) && word.Kind == kind;

    /// <summary>Reads "וחצי" / "ו חצי" / "ורבע" at <paramref name="next"/>: its value, moving past it; 0 when absent.</summary>
    internal static decimal TryReadFraction(IReadOnlyList<string> words, ref int next) => ReadFraction(words, ref next);

    private static decimal ReadFraction(IReadOnlyList<string> words, ref int next)
    {
        var at = next;
        var andWord = At(words, at) == "ו";
        if (andWord)
        {
            at++;
        }

        if (Lookup(At(words, at), andWord ? string.Empty : AndPrefix, out var word, out var prefix)
            && word.Kind == Kind.Fraction && (andWord || prefix == AndPrefix))
        {
            next = at + 1;
            return word.Value;
        }

        return 0m;
    }

    private static string At(IReadOnlyList<string> words, int index) => index < words.Count ? words[index] : string.Empty;

    private static bool Lookup(string word, string prefixLetters, out Word entry, out string prefix)
    {
        foreach (var (candidatePrefix, stem) in HebrewText.PrefixReadings(word))
        {
            if (candidatePrefix.Any(letter => !prefixLetters.Contains(letter)))
            {
                break;
            }

            if (Words.TryGetValue(stem, out entry))
            {
                prefix = candidatePrefix;
                return true;
            }
        }

        entry = default;
        prefix = string.Empty;
        return false;
    }

    private static Dictionary<string, Word> BuildWords()
    {
        var words = new Dictionary<string, Word>(StringComparer.Ordinal);

        void Add(Kind kind, decimal value, bool english, params string[] spellings)
        {
            foreach (var spelling in spellings)
            {
                words[HebrewText.Normalize(spelling)] = new Word(kind, value, english);
            }
        }

        Add(Kind.Zero, 0, false, "אפס");
        Add(Kind.Unit, 1, false, "אחת", "אחד");
        Add(Kind.Unit, 2, false, "שתיים", "שתים", "שניים", "שנים", "שתי", "שני");
        Add(Kind.Unit, 3, false, "שלוש", "שלושה", "שלושת", "שלש", "שלשה");
        Add(Kind.Unit, 4, false, "ארבע", "ארבעה", "ארבעת");
        Add(Kind.Unit, 5, false, "חמש", "חמישה", "חמשה", "חמשת");
        Add(Kind.Unit, 6, false, "שש", "שישה", "ששה", "ששת");
        Add(Kind.Unit, 7, false, "שבע", "שבעה", "שבעת");
        Add(Kind.Unit, 8, false, "שמונה", "שמונת");
        Add(Kind.Unit, 9, false, "תשע", "תשעה", "תשעת");
        Add(Kind.Teen, 10, false, "עשר", "עשרה");  // ten on its own, or a teen after a unit
        Add(Kind.Ten, 10, false, "עשרת");
        Add(Kind.Tens, 20, false, "עשרים");
        Add(Kind.Tens, 30, false, "שלושים", "שלשים");
        Add(Kind.Tens, 40, false, "ארבעים");
        Add(Kind.Tens, 50, false, "חמישים");
        Add(Kind.Tens, 60, false, "שישים", "ששים");
        Add(Kind.Tens, 70, false, "שבעים");
        Add(Kind.Tens, 80, false, "שמונים");
        Add(Kind.Tens, 90, false, "תשעים");
        Add(Kind.Hundred, 100, false, "מאה");
        Add(Kind.Hundred, 200, false, "מאתיים", "מאתים");
        Add(Kind.Hundreds, 100, false, "מאות");
        Add(Kind.Thousand, 1000, false, "אלף");
        Add(Kind.Thousand, 2000, false, "אלפיים");
        Add(Kind.Thousands, 1000, false, "אלפים");
        Add(Kind.Thousand, 1_000_000, false, "מיליון", "מליון");
        Add(Kind.Fraction, 0.5m, false, "חצי");
        Add(Kind.Fraction, 0.25m, false, "רבע");
        Add(Kind.Repeat, 2, false, "כפול", "כפולה", "פעמיים");
        Add(Kind.Repeat, 3, false, "משולש", "משולשת");

        Add(Kind.Zero, 0, true, "zero");
        string[] units = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
        for (var u = 0; u < units.Length; u++)
        {
            Add(Kind.Unit, u + 1, true, units[u]);
        }

        string[] teens = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
        for (var t = 0; t < teens.Length; t++)
        {
            Add(Kind.Tens, 10 + t, true, teens[t]);
        }

        string[] tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
        for (var t = 0; t < tens.Length; t++)
        {
            Add(Kind.Tens, 20 + (10 * t), true, tens[t]);
        }

        Add(Kind.Hundreds, 100, true, "hundred");
        Add(Kind.Thousands, 1000, true, "thousand");
        Add(Kind.Fraction, 0.5m, true, "half");
        Add(Kind.Repeat, 2, true, "double");
        Add(Kind.Repeat, 3, true, "triple");
        return words;
    }

    private enum Kind
    {
        Zero,
        Unit,
        Teen,
        Ten,
        Tens,
        Hundred,
        Hundreds,
        Thousand,
        Thousands,
        Fraction,
        Repeat,
    }

    private readonly record struct Word(Kind Kind, decimal Value, bool English);
}
