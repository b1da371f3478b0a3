using System.Globalization;
using System.Text.RegularExpressions;
using ProSaaS.Domain.Conversations.Speech;

namespace ProSaaS.Sandbox;

/// <summary>
/// How the sandbox assistant reads a caller's words: intents by keyword, a name after its lead-in ("קוראים לי", "my name
/// is"), a phone number (Hebrew by <see cref="HebrewNumbers.ExtractPhoneDigits"/>, English digit words), a moment (Hebrew by
/// <see cref="HebrewDateTime.Parse"/>, a small English reading), a select's option. Pure functions.
/// </summary>
public static partial class SandboxUnderstanding
{
    private static readonly string[] BookingWords =
        ["תור", "התור", "לתור", "פגישה", "הפגישה", "לפגישה", "לקבוע", "לתאם", "להזמין", "appointment", "book", "booking", "meeting", "schedule"];

    private static readonly string[] HumanWords =
    [
        "נציג", "נציגה", "לנציג", "לנציגה", "נציגים", "בנאדמ", "אדמ", "מישהו", "מנהל", "human", "representative", "agent", "person", "operator",
        "someone",
    ];

    private static readonly string[] NameLeadIns =
    [
        "קוראים לי", "שמי הוא", "שמי", "השם שלי הוא", "השם שלי", "השם הוא", "זה", "אני", "מדבר", "מדברת", "כאן",
        "my name is", "my name's", "name is", "this is", "i am", "i'm", "it's", "it is", "call me",
    ];

    private static readonly string[] Fillers = ["כן", "אה", "אמ", "טוב", "אוקיי", "אוקי", "בסדר", "yes", "yeah", "ok", "okay", "so", "well", "sure", "um", "uh"];

    private static readonly Dictionary<string, char> EnglishDigits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zero"] = '0', ["oh"] = '0', ["o"] = '0', ["one"] = '1', ["two"] = '2', ["three"] = '3', ["four"] = '4', ["five"] = '5',
        ["six"] = '6', ["seven"] = '7', ["eight"] = '8', ["nine"] = '9',
    };

    private static readonly Dictionary<string, int> EnglishHours = new(StringComparer.OrdinalIgnoreCase)
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8, ["nine"] = 9,
        ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["noon"] = 12,
    };

    /// <summary>The utterance is English: more Latin letters than Hebrew ones, and at least three.</summary>
    public static bool IsEnglish(string utterance)
    {
        var latin = utterance.Count(HebrewText.IsLatinLetter);
        var hebrew = utterance.Count(HebrewText.IsHebrewLetter);
        return latin >= 3 && latin > hebrew;
    }

    /// <summary>The utterance is Hebrew: more Hebrew letters than Latin ones, and at least three.</summary>
    public static bool IsHebrew(string utterance)
    {
        var latin = utterance.Count(HebrewText.IsLatinLetter);
        var hebrew = utterance.Count(HebrewText.IsHebrewLetter);
        return hebrew >= 3 && hebrew > latin;
    }

    public static bool WantsBooking(string utterance) => HasWord(utterance, BookingWords);

    public static bool WantsHuman(string utterance) =>
        HasWord(utterance, HumanWords) || HebrewText.Normalize(utterance).Contains("בנ אדמ", StringComparison.Ordinal);

    /// <summary>A person's name: the words after a lead-in, without fillers or punctuation; null when none is left or it is too long to be a name.</summary>
    public static string? Name(string utterance)
    {
        var text = FirstClause(utterance);
        var lower = text.ToLowerInvariant();
        foreach (var lead in NameLeadIns)
        {
            var at = lower.IndexOf(lead, StringComparison.Ordinal);
            if (at >= 0 && (at == 0 || !char.IsLetter(lower[at - 1])) && (at + lead.Length == lower.Length || !char.IsLetter(lower[at + lead.Length])))
            {
                text = text[(at + lead.Length)..];
                break;
            }
        }

        var words = Words(text).SkipWhile(w => Fillers.Contains(w, StringComparer.OrdinalIgnoreCase)).ToList();
        if (words.Count is 0 or > 4 || words.Any(w => w.Any(char.IsDigit)))
        {
            return null;
        }

        return string.Join(' ', words.Select(w => HebrewText.ContainsLatin(w) ? CultureInfo.InvariantCulture.TextInfo.ToTitleCase(w.ToLowerInvariant()) : w));
    }

    /// <summary>An Israeli phone number's digits (10 for a mobile, 9 for a landline) said in Hebrew, in digits, or in English digit words.</summary>
    public static string? Phone(string utterance)
    {
        if (HebrewNumbers.ExtractPhoneDigits(utterance) is { } digits)
        {
            return digits;
        }

        var spoken = new System.Text.StringBuilder();
        var words = Regex.Split(utterance.ToLowerInvariant(), @"[^a-z0-9]+").Where(w => w.Length > 0).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var times = 1;
            if (word is "double" or "triple" && i + 1 < words.Count)
            {
                times = word == "double" ? 2 : 3;
                word = words[++i];
            }

            if (EnglishDigits.TryGetValue(word, out var digit))
            {
                spoken.Append(digit, times);
            }
            else if (word.All(char.IsAsciiDigit))
            {
                for (var t = 0; t < times; t++)
                {
                    spoken.Append(word);
                }
            }
        }

        return spoken.Length >= 9 ? HebrewNumbers.ExtractPhoneDigits(spoken.ToString()) : null;
    }

    /// <summary>A moment the caller named, in the business's <paramref name="zone"/>: Hebrew first, then a small English reading.</summary>
    public static HebrewWhen? When(string utterance, DateTimeOffset now, TimeZoneInfo zone) =>
        HebrewDateTime.Parse(utterance, now, zone) ?? EnglishWhen(utterance, now, zone);

    /// <summary>
    /// English days and times: today, tomorrow, the day after tomorrow, a weekday (its next occurrence, never today), and a
    /// clock time ("at ten", "10:30", "3 pm", "noon"); hours 1–7 without am/pm are afternoon hours, as in Hebrew. A time
    /// with no day that has passed today is tomorrow's.
    /// </summary>
    public static HebrewWhen? EnglishWhen(string utterance, DateTimeOffset now, TimeZoneInfo zone)
    {
        var text = utterance.ToLowerInvariant();
        if (!HebrewText.ContainsLatin(text) && !text.Any(char.IsAsciiDigit))
        {
            return null;
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        DateOnly? day = null;
        if (text.Contains("day after tomorrow", StringComparison.Ordinal))
        {
            day = today.AddDays(2);
        }
        else if (text.Contains("tomorrow", StringComparison.Ordinal))
        {
            day = today.AddDays(1);
        }
        else if (text.Contains("today", StringComparison.Ordinal))
        {
            day = today;
        }
        else
        {
            foreach (var weekday in Enum.GetValues<DayOfWeek>())
            {
                if (text.Contains(weekday.ToString().ToLowerInvariant(), StringComparison.Ordinal))
                {
                    var ahead = ((int)weekday - (int)today.DayOfWeek + 7) % 7;
                    day = today.AddDays(ahead == 0 ? 7 : ahead);
                    break;
                }
            }
        }

        TimeOnly? time = null;
        var precision = TimeOfDayPrecision.None;
        if (EnglishClock().Match(text) is { Success: true } clock)
        {
            var hour = int.TryParse(clock.Groups["h"].Value, CultureInfo.InvariantCulture, out var h) ? h : EnglishHours[clock.Groups["w"].Value];
            var minute = clock.Groups["m"].Success ? int.Parse(clock.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
            var meridiem = clock.Groups["ap"].Value;
            if (meridiem.StartsWith('p') && hour < 12)
            {
                hour += 12;
            }
            else if (meridiem.StartsWith('a') && hour == 12)
            {
                hour = 0;
            }
            else if (meridiem.Length == 0 && hour is >= 1 and <= 7)
            {
                hour += 12;
            }

            if (hour is >= 0 and < 24 && minute is >= 0 and < 60)
            {
                time = new TimeOnly(hour, minute);
                precision = TimeOfDayPrecision.Exact;
            }
        }
        else if (text.Contains("morning", StringComparison.Ordinal))
        {
            (time, precision) = (new TimeOnly(9, 0), TimeOfDayPrecision.PartOfDay);
        }
        else if (text.Contains("afternoon", StringComparison.Ordinal))
        {
            (time, precision) = (new TimeOnly(14, 0), TimeOfDayPrecision.PartOfDay);
        }
        else if (text.Contains("evening", StringComparison.Ordinal))
        {
            (time, precision) = (new TimeOnly(18, 0), TimeOfDayPrecision.PartOfDay);
        }

        if (day is null && time is null)
        {
            return null;
        }

        var nowLocal = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        var local = (day ?? today).ToDateTime(time ?? TimeOnly.MinValue);
        if (day is null && local <= nowLocal)
        {
            local = local.AddDays(1);
        }

        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var utc = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone));
        return new HebrewWhen(utc, local, precision);
    }

    /// <summary>The option of a select the utterance names (compared in <see cref="HebrewText.Normalize"/> form); null when none or more than one.</summary>
    public static string? Option(string utterance, IReadOnlyList<string> options)
    {
        var said = " " + HebrewText.Normalize(utterance) + " ";
        var found = options.Where(o => HebrewText.Normalize(o) is { Length: > 0 } option
                                        && (said.Contains(" " + option + " ", StringComparison.Ordinal)
                                            || said.Contains(" ב" + option + " ", StringComparison.Ordinal)
                                            || said.Contains(" ה" + option + " ", StringComparison.Ordinal)
                                            || said.Contains(" מ" + option + " ", StringComparison.Ordinal)))
            .ToList();
        return found.Count == 1 ? found[0] : found.OrderByDescending(o => o.Length).FirstOrDefault();
    }

    /// <summary>Free text for a detail: the first clause without leading fillers and its end punctuation; null when empty.</summary>
    public static string? Text(string utterance)
    {
        var words = Words(FirstClause(utterance)).SkipWhile(w => Fillers.Contains(w, StringComparer.OrdinalIgnoreCase)).ToList();
        return words.Count == 0 ? null : string.Join(' ', words);
    }

    /// <summary>A number in words or digits, Hebrew or plain.</summary>
    public static decimal? Number(string utterance) =>
        HebrewNumbers.ParseValue(utterance)
        ?? (Regex.Match(utterance, @"-?\d+(\.\d+)?") is { Success: true } m ? decimal.Parse(m.Value, CultureInfo.InvariantCulture) : null);

    /// <summary>An ordinal pick among offered choices ("הראשון", "the second", "האחרון"): its index, or null.</summary>
    public static int? Ordinal(string utterance, int count)
    {
        var said = HebrewText.Normalize(utterance);
        if (Regex.IsMatch(said, @"(?<!\p{L})(האחרונ|האחרונה|last)(?!\p{L})"))
        {
            return count - 1;
        }

        string[][] ordinals =
        [
            ["הראשונ", "הראשונה", "first"],
            ["השני", "השנייה", "השניה", "second"],
            ["השלישי", "השלישית", "third"],
        ];
        for (var i = 0; i < ordinals.Length && i < count; i++)
        {
            if (ordinals[i].Any(o => Regex.IsMatch(said, $@"(?<!\p{{L}}){o}(?!\p{{L}})")))
            {
                return i;
            }
        }

        return null;
    }

    private static bool HasWord(string utterance, string[] words)
    {
        var said = HebrewText.Tokenize(utterance);
        var normalized = words.Select(HebrewText.Normalize).ToHashSet(StringComparer.Ordinal);
        return said.Any(w => normalized.Contains(w) || normalized.Contains(HebrewText.WithoutVav(w))
                             || (w.Length > 3 && w[0] is 'ה' or 'ל' or 'ב' && normalized.Contains(w[1..])));
    }

    private static string FirstClause(string utterance)
    {
        var parts = Regex.Split(utterance.Trim(), @"[.!?;\n]+").Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        return parts.Count == 0 ? string.Empty : parts[0];
    }

    private static List<string> Words(string text) =>
        Regex.Split(text, @"[\s,]+").Select(w => w.Trim('"', '\'', '-', ':')).Where(w => w.Length > 0).ToList();

    [GeneratedRegex(@"(?:\bat\s+(?:(?<h>\d{1,2})|(?<w>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon))(?::(?<m>\d{2}))?|\b(?<h>\d{1,2})(?::(?<m>\d{2}))\b|\b(?<h>\d{1,2})\s*(?=[ap]\.?m))\s*(?<ap>[ap]\.?m\.?)?")]
    private static partial Regex EnglishClock();
}
