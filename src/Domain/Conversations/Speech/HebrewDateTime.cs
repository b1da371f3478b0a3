using System.Globalization;

namespace ProSaaS.Domain.Conversations.Speech;

/// <summary>How much of the time of day an utterance gave.</summary>
public enum TimeOfDayPrecision
{
    /// <summary>None: a day only ("מחר", "ביום שלישי"); the time is midnight at the start of that day.</summary>
    None,

    /// <summary>A part of the day only ("בבוקר", "בערב"); the time stands for it (see <see cref="HebrewDateTime"/>).</summary>
    PartOfDay,

    /// <summary>A clock time ("בשלוש", "14:30", "בעוד חצי שעה").</summary>
    Exact,
}

/// <summary>A moment a caller named.</summary>
/// <param name="Utc">The moment, in UTC.</param>
/// <param name="Local">The same moment on the business's wall clock (<see cref="DateTimeKind.Unspecified"/>).</param>
/// <param name="TimeOfDay">How much of the time of day was said.</param>
public sealed record HebrewWhen(DateTimeOffset Utc, DateTime Local, TimeOfDayPrecision TimeOfDay)
{
    /// <summary>Whether a time of day (a clock time or a part of the day) was said.</summary>
    public bool TimeOfDaySaid => TimeOfDay != TimeOfDayPrecision.None;
}

/// <summary>
/// Reads the day and time a caller names in Hebrew ("מחר בשלוש", "יום ראשון הבא בעשר וחצי", "בעוד שבועיים",
/// "ב-5 לחודש", "ברבע לארבע") as a moment in the business's time zone, so that "מחר" is the business's tomorrow
/// whatever the server's clock says.
/// </summary>
/// <remarks>
/// <para><b>Days.</b> היום, מחר, מחרתיים (and אתמול); הבוקר, הערב, הלילה are today with that part of the day.
/// A weekday (יום ראשון … שבת, יום א׳ … יום ש׳, בשלישי, בשבת) means the next such day after today — never today, for which
/// callers say "היום": on a Friday afternoon "יום ראשון" is two days away, on a Sunday "יום ראשון" is a week away.
/// "הבא"/"הבאה" after a weekday, or "בשבוע הבא" with it, means that day in the next calendar week (the week starts
/// on Sunday): on a Wednesday "יום חמישי" is tomorrow but "יום חמישי הבא" is eight days away; on a Friday "יום ראשון
/// הבא" is the day after tomorrow, the next week's first day; on a Sunday "יום ראשון הבא" is a week away. "הזה"/"הקרוב"
/// change nothing. "בשבוע הבא" alone is that week's Sunday.</para>
/// <para><b>Dates.</b> "ב-5 לחודש" is this month's fifth, or next month's once the fifth has passed ("לחודש הבא": next
/// month's); "15/12", "15.12", "בחמישה עשר בדצמבר", "ב-15 בדצמבר", "בראשון לינואר" are the next such date (this year's,
/// or next year's once it has passed) unless a year is said. Day first, as Israelis write dates. A date that does not
/// exist ("31/4") is not read at all.</para>
/// <para><b>Times.</b> "בשלוש", "בשעה שלוש", "ב-3", "לשלוש", "14:30", "9.30", "בעשר וחצי", "בשלוש ורבע", "בחמש ועשרה",
/// "שלוש ארבעים וחמש", "ברבע לארבע" (15:45), "בעשרה לחמש" (16:50). A bare number needs "ב"/"ל"/"בשעה" before it, or a
/// minute or part of the day after it, to be a time ("שלושה אנשים" is not three o'clock). Hours are read on the clock a
/// business works by: 1–7 with nothing else said are afternoon hours (13:00–19:00), 8–12 are morning hours up to noon,
/// and 13–23, 0 or a leading zero ("09:00") are taken as said. A part of the day overrides that: "בשבע בבוקר" is 07:00,
/// "בשמונה בערב" 20:00, "באחת בצהריים" 13:00, "בעשר בלילה" 22:00, "שתים עשרה בלילה" midnight, the end of the day named;
/// an hour from one to five "בלילה" stays on the day named, except "הלילה", tonight, where it is the early hours of
/// tomorrow. A part of the day alone stands for a time: בוקר 09:00, צהריים 12:00, אחר הצהריים 15:00, ערב 19:00, לילה
/// 21:00, לפנות בוקר 05:00 (with <see cref="TimeOfDayPrecision.PartOfDay"/>). A range ("בין עשר לשתיים", "משלוש עד
/// חמש") and "אחרי חמש" are read as the time they start at.</para>
/// <para><b>Spans.</b> "בעוד שעה", "בעוד חצי שעה", "בעוד רבע שעה", "בעוד שעה וחצי", "בעוד 20 דקות" are that much time
/// from now (elapsed time, so a daylight-saving change in between does not shift them); "בעוד יומיים", "בעוד שבוע",
/// "בעוד שבועיים", "בעוד שלושה ימים", "בעוד חודש" are calendar days from today, with a time if one is said ("בעוד
/// יומיים בשלוש").</para>
/// <para><b>The past.</b> A clock time said with no day is the next time the clock shows it: at 16:00 "בשלוש" is
/// tomorrow at 15:00 (a business is not open at three at night), at 14:00 it is today. A part of the day with no day
/// is today until that part has ended ("בערב" at 20:00 is this evening), then tomorrow. With "היום" a morning reading
/// that has passed becomes the evening one if that is still ahead ("היום בשמונה" at 10:00 is 20:00); otherwise the day
/// said is kept even when the time has passed — the caller said it, and the booking rules will say it is too late.
/// Weekdays and dates are in the future by construction.</para>
/// <para><b>Corrections.</b> The last day and the last time said win ("מחר, אה לא, מחרתיים"), and one negated in its
/// own clause is ignored ("לא מחר, ביום שלישי", "לא בשלוש, בארבע"); a "לא" in a clause of its own answers a question
/// and negates nothing ("לא, מחר").</para>
/// <para><b>Daylight saving.</b> Days are counted on the business's calendar and converted at the end, so "מחר בעשר"
/// across Israel's switch (a Friday in March, a Sunday in October) is ten o'clock on the new offset. A wall time that
/// does not exist (the hour skipped in spring) moves forward by the gap (02:30 → 03:30); one that occurs twice (the
/// hour repeated in autumn) is its first occurrence, on summer time.</para>
/// </remarks>
public static class HebrewDateTime
{
    private const string DayPrefixes = "ול";
    private const string WeekdayPrefixes = "בלו";
    private const string NumberPrefixes = "בלהו";

    private static readonly Lexicon<(int Days, Period Period, bool Now)> DayWords = new()
    {
        ["היום"] = (0, Period.None, false),
        ["מחר"] = (1, Period.None, false),
        ["מחרתיים"] = (2, Period.None, false),
        ["מחרתים"] = (2, Period.None, false),
        ["אתמול"] = (-1, Period.None, false),
        ["הבוקר"] = (0, Period.Morning, false),
        ["הערב"] = (0, Period.Evening, false),
        ["הלילה"] = (0, Period.Night, false),
        ["עכשיו"] = (0, Period.None, true),
        ["כרגע"] = (0, Period.None, true),
        ["today"] = (0, Period.None, false),
        ["tomorrow"] = (1, Period.None, false),
        ["day after tomorrow"] = (2, Period.None, false),
        ["the day after tomorrow"] = (2, Period.None, false),
        ["yesterday"] = (-1, Period.None, false),
        ["this morning"] = (0, Period.Morning, false),
        ["this afternoon"] = (0, Period.Afternoon, false),
        ["this evening"] = (0, Period.Evening, false),
        ["tonight"] = (0, Period.Night, false),
        ["now"] = (0, Period.None, true),
        ["right now"] = (0, Period.None, true),
    };

    private static readonly Lexicon<Period> Periods = new()
    {
        ["בבוקר"] = Period.Morning,
        ["לפנות בוקר"] = Period.EarlyMorning,
        ["בצהריים"] = Period.Noon,
        ["בצהרים"] = Period.Noon,
        ["צהריים"] = Period.Noon,
        ["צהרים"] = Period.Noon,
        ["אחרי הצהריים"] = Period.Afternoon,
        ["אחר הצהריים"] = Period.Afternoon,
        ["אחרי הצהרים"] = Period.Afternoon,
        ["אחר הצהרים"] = Period.Afternoon,
        ["אחרי צהריים"] = Period.Afternoon,
        ["אחר צהריים"] = Period.Afternoon,
        ["אחה\"צ"] = Period.Afternoon,
        ["בערב"] = Period.Evening,
        ["בלילה"] = Period.Night,
        ["בחצות"] = Period.Midnight,
        ["חצות"] = Period.Midnight,
        ["morning"] = Period.Morning,
        ["in the morning"] = Period.Morning,
        ["am"] = Period.Morning,
        ["a m"] = Period.Morning,
        ["noon"] = Period.Noon,
        ["midday"] = Period.Noon,
        ["afternoon"] = Period.Afternoon,
        ["in the afternoon"] = Period.Afternoon,
        ["pm"] = Period.Afternoon,
        ["p m"] = Period.Afternoon,
        ["evening"] = Period.Evening,
        ["in the evening"] = Period.Evening,
        ["at night"] = Period.Night,
        ["midnight"] = Period.Midnight,
    };

    private static readonly Lexicon<DayOfWeek> WeekdayNames = new()
    {
        ["ראשון"] = DayOfWeek.Sunday,
        ["שני"] = DayOfWeek.Monday,
        ["שלישי"] = DayOfWeek.Tuesday,
        ["רביעי"] = DayOfWeek.Wednesday,
        ["חמישי"] = DayOfWeek.Thursday,
        ["שישי"] = DayOfWeek.Friday,
        ["שבת"] = DayOfWeek.Saturday,
        ["sunday"] = DayOfWeek.Sunday,
        ["monday"] = DayOfWeek.Monday,
        ["tuesday"] = DayOfWeek.Tuesday,
        ["wednesday"] = DayOfWeek.Wednesday,
        ["thursday"] = DayOfWeek.Thursday,
        ["friday"] = DayOfWeek.Friday,
        ["saturday"] = DayOfWeek.Saturday,
    };

    // After "יום": יום א׳ … יום ש׳.
    private static readonly Lexicon<DayOfWeek> WeekdayLetters = new()
    {
        ["א"] = DayOfWeek.Sunday,
        ["ב"] = DayOfWeek.Monday,
        ["ג"] = DayOfWeek.Tuesday,
        ["ד"] = DayOfWeek.Wednesday,
        ["ה"] = DayOfWeek.Thursday,
        ["ו"] = DayOfWeek.Friday,
        ["ש"] = DayOfWeek.Saturday,
    };

    // Saturday night: Saturday in the evening.
    private static readonly PhraseTable SaturdayNight = new(["מוצאי שבת", "במוצאי שבת", "מוצש", "במוצש"]);

    private static readonly Lexicon<int> Months = new()
    {
        ["ינואר"] = 1, ["פברואר"] = 2, ["מרץ"] = 3, ["מרס"] = 3, ["אפריל"] = 4, ["מאי"] = 5, ["יוני"] = 6, ["יולי"] = 7,
        ["אוגוסט"] = 8, ["ספטמבר"] = 9, ["אוקטובר"] = 10, ["נובמבר"] = 11, ["דצמבר"] = 12,
        ["january"] = 1, ["february"] = 2, ["march"] = 3, ["april"] = 4, ["may"] = 5, ["june"] = 6, ["july"] = 7,
        ["august"] = 8, ["september"] = 9, ["october"] = 10, ["november"] = 11, ["december"] = 12,
        ["jan"] = 1, ["feb"] = 2, ["mar"] = 3, ["apr"] = 4, ["jun"] = 6, ["jul"] = 7, ["aug"] = 8, ["sep"] = 9,
        ["sept"] = 9, ["oct"] = 10, ["nov"] = 11, ["dec"] = 12,
    };

    private static readonly Lexicon<int> Ordinals = new()
    {
        ["ראשון"] = 1, ["שני"] = 2, ["שלישי"] = 3, ["רביעי"] = 4, ["חמישי"] = 5, ["שישי"] = 6, ["שביעי"] = 7,
        ["שמיני"] = 8, ["תשיעי"] = 9, ["עשירי"] = 10,
        ["first"] = 1, ["second"] = 2, ["third"] = 3, ["fourth"] = 4, ["fifth"] = 5, ["sixth"] = 6, ["seventh"] = 7,
        ["eighth"] = 8, ["ninth"] = 9, ["tenth"] = 10, ["1st"] = 1, ["2nd"] = 2, ["3rd"] = 3,
    };

    // Hours are said in the feminine ("בשלוש", not "בשלושה", which counts people).
    private static readonly Lexicon<(int Hour, bool Explicit24)> Hours = new()
    {
        ["אחת"] = (1, false), ["שתיים"] = (2, false), ["שתים"] = (2, false), ["שלוש"] = (3, false), ["ארבע"] = (4, false),
        ["חמש"] = (5, false), ["שש"] = (6, false), ["שבע"] = (7, false), ["שמונה"] = (8, false), ["תשע"] = (9, false),
        ["עשר"] = (10, false), ["אחת עשרה"] = (11, false), ["שתים עשרה"] = (12, false), ["שתיים עשרה"] = (12, false),
        ["שלוש עשרה"] = (13, true), ["ארבע עשרה"] = (14, true), ["חמש עשרה"] = (15, true), ["שש עשרה"] = (16, true),
        ["שבע עשרה"] = (17, true), ["שמונה עשרה"] = (18, true), ["תשע עשרה"] = (19, true), ["עשרים"] = (20, true),
        ["עשרים ואחת"] = (21, true), ["עשרים ושתיים"] = (22, true), ["עשרים ושתים"] = (22, true), ["עשרים ושלוש"] = (23, true),
        ["one"] = (1, false), ["two"] = (2, false), ["three"] = (3, false), ["four"] = (4, false), ["five"] = (5, false),
        ["six"] = (6, false), ["seven"] = (7, false), ["eight"] = (8, false), ["nine"] = (9, false), ["ten"] = (10, false),
        ["eleven"] = (11, false), ["twelve"] = (12, false),
    };

    private static readonly Lexicon<(Unit Unit, int Count)> Units = new()
    {
        ["דקה"] = (Unit.Minute, 1), ["דקות"] = (Unit.Minute, 1), ["שעה"] = (Unit.Hour, 1), ["שעות"] = (Unit.Hour, 1),
        ["שעתיים"] = (Unit.Hour, 2), ["יום"] = (Unit.Day, 1), ["ימים"] = (Unit.Day, 1), ["יומיים"] = (Unit.Day, 2),
        ["שבוע"] = (Unit.Week, 1), ["שבועות"] = (Unit.Week, 1), ["שבועיים"] = (Unit.Week, 2), ["חודש"] = (Unit.Month, 1),
        ["חודשים"] = (Unit.Month, 1), ["חודשיים"] = (Unit.Month, 2),
        ["minute"] = (Unit.Minute, 1), ["minutes"] = (Unit.Minute, 1), ["min"] = (Unit.Minute, 1), ["hour"] = (Unit.Hour, 1),
        ["hours"] = (Unit.Hour, 1), ["day"] = (Unit.Day, 1), ["days"] = (Unit.Day, 1), ["week"] = (Unit.Week, 1),
        ["weeks"] = (Unit.Week, 1), ["month"] = (Unit.Month, 1), ["months"] = (Unit.Month, 1),
    };

    private static readonly PhraseTable SpanLeads = new(["בעוד", "עוד", "תוך", "בתוך", "in", "within"]);
    // "אחרי חמש" is read as five o'clock, the start of what the caller offers, like a range.
    private static readonly PhraseTable HourLeads = new(
        ["בשעה", "שעה", "בסביבות", "סביב", "בערך", "לקראת", "אחרי", "החל", "at", "around", "about", "after"]);
    private static readonly PhraseTable RangeStarts = new(["בין", "from", "between"]);
    private static readonly PhraseTable RangeEnds = new(["עד", "until", "till", "to", "and"]);
    private static readonly PhraseTable NextWords = new(["הבא", "הבאה", "next"]);
    private static readonly PhraseTable ThisWords = new(["הזה", "הזאת", "הזו", "הקרוב", "הקרובה", "this", "coming", "this coming"]);
    private static readonly PhraseTable MonthWords = new(["לחודש", "בחודש", "of the month"]);
    private static readonly PhraseTable Negations = new(["לא", "not", "no"]);
    private static readonly PhraseTable MinuteWords = new(["דקות", "דקה", "minutes"]);
    private static readonly PhraseTable Exactly = new(["בדיוק", "בול", "oclock", "sharp"]);
    private static readonly PhraseTable LonePrefixes = new(["ב", "ל", "ה", "ו", "on", "at"]);
    private static readonly string Week = HebrewText.Normalize("שבוע");
    private static readonly string Day = HebrewText.Normalize("יום");
    private static readonly string Half = HebrewText.Normalize("חצי");
    private static readonly string Quarter = HebrewText.Normalize("רבע");

    /// <summary>The Israeli time zone (<c>Asia/Jerusalem</c>), the platform's default for businesses.</summary>
    public static TimeZoneInfo Israel => TimeZoneInfo.FindSystemTimeZoneById("Asia/Jerusalem");

    /// <summary>Reads the moment <paramref name="utterance"/> names; <see langword="null"/> when it names none.</summary>
    /// <param name="utterance">What the caller said.</param>
    /// <param name="now">The current moment (from the injected clock).</param>
    /// <param name="zone">The business's time zone.</param>
    public static HebrewWhen? Parse(string? utterance, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);

        var (words, clauses) = HebrewText.WordsByClause(utterance);

        var said = new Said();
        var i = 0;
        while (i < words.Count)
        {
            var negated = i > 0 && clauses[i - 1] == clauses[i] && Negations.MatchAt(words, i - 1) == 1;
            var used = Recognise(words, i, negated ? new Said() : said, afterPrefix: null);
            i += Math.Max(used, 1);
        }

        return Resolve(said, now, zone);
    }

    private static int Recognise(List<string> words, int i, Said said, string? afterPrefix)
    {
        if (afterPrefix is null && LonePrefixes.MatchAt(words, i) == 1 && i + 1 < words.Count)
        {
            // "ב-9", "ה-5 לחודש", "on Monday": the lone prefix belongs to what follows.
            var used = Recognise(words, i + 1, said, words[i]);
            return used == 0 ? 0 : used + 1;
        }

        int length;
        if ((length = Span(words, i, said)) > 0
            || (length = DayWord(words, i, said)) > 0
            || (length = DigitDateOrClock(words, i, said)) > 0
            || (length = DayOfMonth(words, i, said)) > 0
            || (length = Weekday(words, i, said)) > 0
            || (length = NextWeek(words, i, said)) > 0
            || (length = MinutesBefore(words, i, said)) > 0
            || (length = Hour(words, i, said, afterPrefix)) > 0
            || (length = PartOfDay(words, i, said)) > 0)
        {
            return length;
        }

        return 0;
    }

    // "בעוד שעה", "בעוד חצי שעה", "בעוד 20 דקות", "בעוד שבועיים", "in two days".
    private static int Span(List<string> words, int i, Said said)
    {
        if (SpanLeads.MatchAt(words, i) != 1)
        {
            return 0;
        }

        var j = i + 1;
        decimal count;
        int countWords;
        if (At(words, j) is var fraction && (fraction == Half || fraction == Quarter || fraction is "half" or "a" or "an"))
        {
            count = fraction == Half || fraction == "half" ? 0.5m : fraction == Quarter ? 0.25m : 1;
            countWords = 1;
            if (fraction == "half" && At(words, j + 1) is "an" or "a")
            {
                countWords = 2;
            }
        }
        else if (HebrewNumbers.TryReadAt(words, j, string.Empty, allowFraction: true, out var number))
        {
            count = number.Value;
            countWords = number.WordCount;
        }
        else
        {
            count = 1;
            countWords = 0;
        }

        if (!Units.TryMatch(words, j + countWords, string.Empty, out var unit, out var unitWords, out _))
        {
            return 0;
        }

        var amount = count * unit.Count;
        var next = j + countWords + unitWords;

        // "שעה וחצי", "שעתיים ורבע"
        var andFraction = HebrewNumbers.TryReadFraction(words, ref next);
        amount += andFraction;

        switch (unit.Unit)
        {
            case Unit.Minute:
                said.SetInstant(TimeSpan.FromMinutes((double)amount));
                break;
            case Unit.Hour:
                said.SetInstant(TimeSpan.FromHours((double)amount));
                break;
            case Unit.Day when amount == decimal.Truncate(amount):
                said.SetDays((int)amount, 0, isToday: false);
                break;
            case Unit.Week when amount * 7 == decimal.Truncate(amount * 7):
                said.SetDays((int)(amount * 7), 0, isToday: false);
                break;
            case Unit.Month when amount == decimal.Truncate(amount):
                said.SetDays(0, (int)amount, isToday: false);
                break;
            default:
                return 0;
        }

        return next - i;
    }

    private static int DayWord(List<string> words, int i, Said said)
    {
        if (!DayWords.TryMatch(words, i, DayPrefixes, out var day, out var length, out _))
        {
            return 0;
        }

        if (day.Now)
        {
            said.SetInstant(TimeSpan.Zero);
            return length;
        }

        said.SetDays(day.Days, 0, isToday: day.Days == 0);
        if (day.Period != Period.None)
        {
            said.SetPeriod(day.Period);
        }

        return length;
    }

    // "15/12", "15/12/2025", "15.12", "14:30", "9.30".
    private static int DigitDateOrClock(List<string> words, int i, Said said)
    {
        var word = At(words, i);
        if (!HebrewText.IsDigitWord(word) || HebrewText.IsAllDigits(word))
        {
            return 0;
        }

        var separator = word.First(c => c is ':' or '/' or '.');
        var parts = word.Split(separator);
        if (parts.Any(p => p.Length == 0 || !p.All(char.IsAsciiDigit)) || word.Any(c => c is ':' or '/' or '.' && c != separator))
        {
            return 0;
        }

        var numbers = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        if (separator != ':' && parts.Length is 2 or 3 && IsDate(numbers))
        {
            int? year = parts.Length == 3 ? (numbers[2] < 100 ? 2000 + numbers[2] : numbers[2]) : null;
            said.SetDate(numbers[0], numbers[1], year, monthsAhead: 0);
            return 1 + TrailingWords(words, i + 1);
        }

        if (separator != '/' && parts.Length == 2 && parts[1].Length == 2 && numbers[0] <= 23 && numbers[1] <= 59)
        {
            var explicit24 = numbers[0] >= 13 || numbers[0] == 0 || parts[0].Length == 2 && parts[0][0] == '0';
            said.SetClock(numbers[0], numbers[1], explicit24);
            return 1 + TrailingWords(words, i + 1);
        }

        return 0;
    }

    private static bool IsDate(int[] numbers) =>
        numbers[1] is >= 1 and <= 12 && numbers[0] >= 1 && numbers[0] <= DateTime.DaysInMonth(2024, numbers[1])
        && (numbers.Length == 2 || numbers[2] < 100 || numbers[2] is >= 1900 and <= 2200);

    // "ב-5 לחודש", "בחמישה עשר בדצמבר", "בראשון לינואר", "15 בדצמבר 2026", "ה-3 לחודש הבא".
    private static int DayOfMonth(List<string> words, int i, Said said)
    {
        int day;
        int j;
        if (Ordinals.TryMatch(words, i, NumberPrefixes, out var ordinal, out var ordinalWords, out _))
        {
            day = ordinal;
            j = i + ordinalWords;
        }
        else if (HebrewNumbers.TryReadAt(words, i, NumberPrefixes, allowFraction: false, out var number)
                 && number.Value is >= 1 and <= 31 && number.Value == decimal.Truncate(number.Value))
        {
            day = (int)number.Value;
            j = number.EndWord;
        }
        else
        {
            return 0;
        }

        var monthWords = MonthWords.MatchAt(words, j);
        if (monthWords > 0)
        {
            var nextWords = NextWords.MatchAt(words, j + monthWords);
            said.SetDate(day, null, null, monthsAhead: nextWords > 0 ? 1 : 0);
            return j + monthWords + nextWords - i;
        }

        if (!Months.TryMatch(words, j, "בל", out var month, out var monthLength, out _))
        {
            return 0;
        }

        j += monthLength;
        int? year = null;
        if (HebrewText.IsAllDigits(At(words, j)) && At(words, j).Length is 4 or 2)
        {
            var y = int.Parse(At(words, j), CultureInfo.InvariantCulture);
            year = y < 100 ? 2000 + y : y;
            j++;
        }

        said.SetDate(day, month, year, monthsAhead: 0);
        return j - i;
    }

    // "יום ראשון", "ביום ג׳", "בשלישי", "שבת הבאה", "next Monday", "במוצאי שבת".
    private static int Weekday(List<string> words, int i, Said said)
    {
        var j = i;
        var next = false;
        if (NextWords.MatchAt(words, j) == 1 && At(words, j) == "next")
        {
            next = true;
            j++;
        }
        else if (ThisWords.MatchAt(words, j) is var thisWords and > 0 && !HebrewText.ContainsHebrew(At(words, j)))
        {
            j += thisWords;
        }

        DayOfWeek weekday;
        if (SaturdayNight.MatchAt(words, j) is var saturdayNight and > 0)
        {
            said.SetWeekday(DayOfWeek.Saturday, next);
            said.SetPeriod(Period.Evening);
            return j + saturdayNight - i;
        }

        var dayWord = HebrewText.PrefixReadings(At(words, j)).Any(r => r.Stem == Day && r.Prefix.All(WeekdayPrefixes.Contains));
        if (dayWord && (WeekdayNames.TryMatch(words, j + 1, string.Empty, out weekday, out var nameWords, out _)
                        || WeekdayLetters.TryMatch(words, j + 1, string.Empty, out weekday, out nameWords, out _)))
        {
            j += 1 + nameWords;
        }
        else if (WeekdayNames.TryMatch(words, j, WeekdayPrefixes, out weekday, out nameWords, out var prefix)
                 && (prefix.Length > 0 || weekday is not (DayOfWeek.Sunday or DayOfWeek.Monday) || !HebrewText.ContainsHebrew(At(words, j))
                     || NextWords.MatchAt(words, j + 1) > 0 || ThisWords.MatchAt(words, j + 1) > 0 || StartsTime(words, j + 1)))
        {
            // "ראשון" and "שני" alone are "first" and "second"; as days they need "יום", a prefix, "הבא" or a time after
            // them ("ראשון בעשר").
            j += nameWords;
        }
        else
        {
            return 0;
        }

        if (NextWords.MatchAt(words, j) == 1 && HebrewText.ContainsHebrew(At(words, j)))
        {
            next = true;
            j++;
        }
        else if (ThisWords.MatchAt(words, j) is var thisAfter and > 0)
        {
            j += thisAfter;
        }

        said.SetWeekday(weekday, next);
        return j - i;
    }

    private static bool StartsTime(List<string> words, int j) =>
        (Hours.TryMatch(words, j, "ב", out _, out _, out var prefix) && prefix == "ב")
        || HourLeads.MatchAt(words, j) == 1
        || (At(words, j) == "ב" && HebrewText.IsDigitWord(At(words, j + 1)))
        || Periods.TryMatch(words, j, string.Empty, out _, out _, out _);

    // "בשבוע הבא", "שבוע הבא", "next week".
    private static int NextWeek(List<string> words, int i, Said said)
    {
        if (At(words, i) == "next" && At(words, i + 1) == "week")
        {
            said.SetNextWeek();
            return 2;
        }

        var isWeek = HebrewText.PrefixReadings(At(words, i)).Any(r => r.Stem == Week && r.Prefix.All("בל".Contains));
        if (isWeek && NextWords.MatchAt(words, i + 1) == 1)
        {
            said.SetNextWeek();
            return 2;
        }

        return 0;
    }

    // "ברבע לארבע", "עשרה לחמש", "עשרים לשש", "quarter to four": only the minutes clocks are read in, so that
    // "בין שתיים לארבע" stays a range.
    private static int MinutesBefore(List<string> words, int i, Said said)
    {
        if (RangeStarts.MatchAt(words, i - 1) == 1)
        {
            return 0;
        }

        int minutes;
        int j;
        var word = At(words, i);
        if (HebrewText.PrefixReadings(word).Any(r => r.Stem == Quarter && r.Prefix.All("ב".Contains)) || word == "quarter")
        {
            minutes = 15;
            j = i + 1;
        }
        else if (HebrewNumbers.TryReadAt(words, i, "ב", allowFraction: false, out var number)
                 && number.Value is >= 1 and <= 30 && number.Value == decimal.Truncate(number.Value))
        {
            minutes = (int)number.Value;
            j = number.EndWord;
            if (minutes % 5 != 0 || minutes == 15)
            {
                return 0;
            }
        }
        else
        {
            return 0;
        }

        j += MinuteWords.MatchAt(words, j);
        if (At(words, j) == "to")
        {
            j++;
            if (!Hours.TryMatch(words, j, string.Empty, out var englishHour, out var englishWords, out _))
            {
                return 0;
            }

            said.SetClock(englishHour.Hour == 1 ? 12 : englishHour.Hour - 1, 60 - minutes, englishHour.Explicit24);
            return j + englishWords - i;
        }

        if (!Hours.TryMatch(words, j, "ל", out var hour, out var hourWords, out var prefix) || prefix != "ל")
        {
            return 0;
        }

        said.SetClock(hour.Hour == 1 ? 12 : hour.Hour - 1, 60 - minutes, hour.Hour - 1 >= 13);
        return j + hourWords - i + TrailingWords(words, j + hourWords);
    }

    // "בשלוש", "בשעה שלוש", "ב-9", "לשלוש", "שלוש וחצי", "בעשר ועשרים", "שלוש ארבעים וחמש", "at 3 pm";
    // a range ("בין עשר לשתיים", "משלוש עד חמש") is read as its start.
    private static int Hour(List<string> words, int i, Said said, string? afterPrefix)
    {
        var j = i;
        var triggered = afterPrefix is "ב" or "ל" or "at";
        var range = false;
        if (HourLeads.MatchAt(words, j) == 1 && j + 1 < words.Count)
        {
            triggered = true;
            j++;
        }
        else if (RangeStarts.MatchAt(words, j) == 1 && j + 1 < words.Count)
        {
            triggered = true;
            range = true;
            j++;
        }

        int hour;
        bool explicit24;
        int hourWords;
        var from = false;
        var word = At(words, j);
        if (HebrewText.IsAllDigits(word))
        {
            hour = int.Parse(word, CultureInfo.InvariantCulture);
            if (word.Length > 2 || hour > 23)
            {
                return 0;
            }

            explicit24 = hour >= 13 || hour == 0 || word.Length == 2 && word[0] == '0';
            hourWords = 1;
        }
        else if (Hours.TryMatch(words, j, triggered ? "ב" : "בלמ", out var spoken, out hourWords, out var prefix))
        {
            hour = spoken.Hour;
            explicit24 = spoken.Explicit24;
            triggered |= prefix is "ב" or "ל";
            from = prefix == "מ";
        }
        else
        {
            return 0;
        }

        var k = j + hourWords;
        var minute = 0;
        var minuteWords = Minutes(words, k, out var readMinute);
        if (minuteWords > 0)
        {
            minute = readMinute;
            k += minuteWords;
        }

        if (from && RangeEnd(words, k) > 0)
        {
            // "משלוש עד חמש": "from" makes a time only when the range's end follows ("משש אנשים" is not six o'clock).
            triggered = true;
            range = true;
        }

        var trailing = TrailingWords(words, k);
        var followedByPeriod = Periods.TryMatch(words, k + trailing, "ו", out _, out _, out _);
        if (!triggered && minuteWords == 0 && trailing == 0 && !followedByPeriod)
        {
            return 0;
        }

        k += trailing;
        if (range || RangeEnds.MatchAt(words, k) == 1)
        {
            k += RangeEnd(words, k);
        }

        said.SetClock(hour, minute, explicit24);
        return k - i;
    }

    // The end of a range, skipped: "עד חמש", "לשתיים", "- 14:00", "to five".
    private static int RangeEnd(List<string> words, int k)
    {
        var j = k + RangeEnds.MatchAt(words, k);
        var word = At(words, j);
        int hourWords;
        if (HebrewText.IsDigitWord(word))
        {
            hourWords = 1;
        }
        else if (!Hours.TryMatch(words, j, j == k ? "ל" : "ב", out _, out hourWords, out var prefix) || (j == k && prefix != "ל"))
        {
            return 0;
        }

        j += hourWords;
        return j + Minutes(words, j, out _) - k;
    }

    // After the hour: "וחצי", "ורבע", "ועשרה", "ועשרים וחמש (דקות)", or a bare 10–59 ("ארבעים וחמש", "30").
    private static int Minutes(List<string> words, int k, out int minute)
    {
        minute = 0;
        var word = At(words, k);
        if (word.Length == 0)
        {
            return 0;
        }

        var start = k;
        var marked = word == "ו" || (word[0] == 'ו' && word.Length > 1) || word == "and";
        if (word is "ו" or "and")
        {
            k++;
            word = At(words, k);
        }

        var fractionAt = start;
        var fraction = HebrewNumbers.TryReadFraction(words, ref fractionAt);
        if (fraction > 0)
        {
            minute = (int)(fraction * 60);
            return fractionAt - start;
        }

        if (!HebrewNumbers.TryReadAt(words, k, marked && word[0] == 'ו' ? "ו" : string.Empty, allowFraction: false, out var number)
            || number.Value != decimal.Truncate(number.Value))
        {
            return 0;
        }

        var value = (int)number.Value;
        var isDigits = HebrewText.IsAllDigits(word);
        if (value > 59 || (!marked && value < 10) || (isDigits && word.Length != 2))
        {
            return 0;
        }

        // "בשלוש 15 בדצמבר" is a date after the hour, not a quarter past.
        var end = number.EndWord;
        if (!marked && (MonthWords.MatchAt(words, end) > 0 || Months.TryMatch(words, end, "בל", out _, out _, out _)))
        {
            return 0;
        }

        minute = value;
        return end - start + MinuteWords.MatchAt(words, end);
    }

    private static int TrailingWords(List<string> words, int k) => Exactly.MatchAt(words, k);

    private static int PartOfDay(List<string> words, int i, Said said)
    {
        if (!Periods.TryMatch(words, i, "ו", out var period, out var length, out _))
        {
            return 0;
        }

        said.SetPeriod(period);
        return length;
    }

    private static HebrewWhen? Resolve(Said said, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (said.Instant is { } span)
        {
            var at = now.ToUniversalTime() + span;
            return new HebrewWhen(at, TimeZoneInfo.ConvertTime(at, zone).DateTime, TimeOfDayPrecision.Exact);
        }

        var daySaid = said.DaySaid;
        if (!daySaid && said.Clock is null && said.Period == Period.None)
        {
            return null;
        }

        var nowLocal = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        var today = nowLocal.Date;
        DateTime date;
        if (said.DateOfMonth is { } dateOfMonth)
        {
            if (ResolveDate(dateOfMonth, today) is not { } resolved)
            {
                return null;
            }

            date = resolved;
        }
        else if (said.Weekday is { } weekday)
        {
            var todayIndex = (int)today.DayOfWeek;
            date = said.WeekdayNext || said.NextWeek
                ? today.AddDays(7 - todayIndex + (int)weekday)
                : today.AddDays(((int)weekday - todayIndex + 6) % 7 + 1);
        }
        else if (said.NextWeek)
        {
            date = today.AddDays(7 - (int)today.DayOfWeek);
        }
        else
        {
            date = today.AddMonths(said.Months).AddDays(said.Days);
        }

        DateTime local;
        TimeOfDayPrecision precision;
        if (said.Clock is { } clock)
        {
            var hour = HourOfDay(clock.Hour, said.Period, clock.Explicit24, out var nextDay);
            if (said.Period == Period.Night && hour < 6 && said.IsToday && !nextDay)
            {
                nextDay = true;
            }

            local = date.AddDays(nextDay ? 1 : 0).AddHours(hour).AddMinutes(clock.Minute);
            precision = TimeOfDayPrecision.Exact;

            if (!daySaid && local <= nowLocal)
            {
                local = local.AddDays(1);
            }
            else if (said.IsToday && local <= nowLocal && said.Period == Period.None && !clock.Explicit24 && hour <= 11
                     && local.AddHours(12) > nowLocal)
            {
                local = local.AddHours(12);
            }
        }
        else if (said.Period != Period.None)
        {
            var (stands, ends) = PartOfDaySpan(said.Period);
            local = date + stands;
            precision = TimeOfDayPrecision.PartOfDay;
            if (!daySaid && nowLocal >= today + ends)
            {
                local = local.AddDays(1);
            }
        }
        else
        {
            local = date;
            precision = TimeOfDayPrecision.None;
        }

        var utc = ToUtc(local, zone);
        return new HebrewWhen(utc, TimeZoneInfo.ConvertTime(utc, zone).DateTime, precision);
    }

    private static DateTime? ResolveDate((int Day, int? Month, int? Year, int MonthsAhead) said, DateTime today)
    {
        if (said.Month is { } month)
        {
            var year = said.Year ?? today.Year;
            if (said.Day > DateTime.DaysInMonth(year, month))
            {
                return said.Year is null && said.Day <= DateTime.DaysInMonth(year + 1, month) ? new DateTime(year + 1, month, said.Day) : null;
            }

            var date = new DateTime(year, month, said.Day);
            if (said.Year is null && date < today)
            {
                return said.Day <= DateTime.DaysInMonth(year + 1, month) ? new DateTime(year + 1, month, said.Day) : null;
            }

            return date;
        }

        var first = new DateTime(today.Year, today.Month, 1).AddMonths(said.MonthsAhead);
        DateTime? InMonth(DateTime monthStart) =>
            said.Day <= DateTime.DaysInMonth(monthStart.Year, monthStart.Month) ? monthStart.AddDays(said.Day - 1) : null;

        var candidate = InMonth(first);
        if (said.MonthsAhead == 0 && (candidate is null || candidate < today))
        {
            return candidate is null ? null : InMonth(first.AddMonths(1));
        }

        return candidate;
    }

    // The hour on the 24-hour clock: as said when unambiguous; by the part of the day; else a business's hours.
    private static int HourOfDay(int hour, Period period, bool explicit24, out bool nextDay)
    {
        nextDay = false;
        if (period == Period.Midnight)
        {
            nextDay = true;
            return 0;
        }

        if (explicit24)
        {
            return hour;
        }

        switch (period)
        {
            case Period.Noon:
                return hour is >= 1 and <= 5 ? hour + 12 : hour;
            case Period.Afternoon or Period.Evening:
                return hour < 12 ? hour + 12 : hour;
            case Period.Night when hour == 12:
                nextDay = true;
                return 0;
            case Period.Night:
                return hour is >= 6 and < 12 ? hour + 12 : hour;
            case Period.Morning or Period.EarlyMorning:
                return hour;
            default:
                return hour is >= 1 and <= 7 ? hour + 12 : hour;
        }
    }

    // What a part of the day alone stands for, and when it is over.
    private static (TimeSpan Stands, TimeSpan Ends) PartOfDaySpan(Period period) => period switch
    {
        Period.EarlyMorning => (TimeSpan.FromHours(5), TimeSpan.FromHours(7)),
        Period.Morning => (TimeSpan.FromHours(9), TimeSpan.FromHours(12)),
        Period.Noon => (TimeSpan.FromHours(12), TimeSpan.FromHours(14)),
        Period.Afternoon => (TimeSpan.FromHours(15), TimeSpan.FromHours(18)),
        Period.Evening => (TimeSpan.FromHours(19), TimeSpan.FromHours(23)),
        Period.Midnight => (TimeSpan.FromHours(24), TimeSpan.FromHours(24)),
        _ => (TimeSpan.FromHours(21), TimeSpan.FromHours(24)),
    };

    private static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
        {
            // Skipped by the clock change: read on the offset before it, which lands as far past the change as it was
            // into the gap.
            offset = zone.GetUtcOffset(local.AddDays(-1));
        }
        else if (zone.IsAmbiguousTime(local))
        {
            offset = zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }

        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    private static string At(List<string> words, int index) => index >= 0 && index < words.Count ? words[index] : string.Empty;

    private enum Period
    {
        None,
        EarlyMorning,
        Morning,
        Noon,
        Afternoon,
        Evening,
        Night,
        Midnight,
    }

    private enum Unit
    {
        Minute,
        Hour,
        Day,
        Week,
        Month,
    }

    // What was said, the last of each kind winning.
    private sealed class Said
    {
        public int Days { get; private set; }

        public int Months { get; private set; }

        public bool IsToday { get; private set; }

        public bool DaySaid { get; private set; }

        public DayOfWeek? Weekday { get; private set; }

        public bool WeekdayNext { get; private set; }

        public bool NextWeek { get; private set; }

        public (int Day, int? Month, int? Year, int MonthsAhead)? DateOfMonth { get; private set; }

        public (int Hour, int Minute, bool Explicit24)? Clock { get; private set; }

        public Period Period { get; private set; }

        public TimeSpan? Instant { get; private set; }

        public void SetDays(int days, int months, bool isToday)
        {
            ClearDay();
            Days = days;
            Months = months;
            IsToday = isToday;
            DaySaid = true;
        }

        public void SetWeekday(DayOfWeek weekday, bool next)
        {
            var nextWeek = NextWeek;
            ClearDay();
            Weekday = weekday;
            WeekdayNext = next;
            NextWeek = nextWeek;
            DaySaid = true;
        }

        public void SetNextWeek()
        {
            var weekday = Weekday;
            var next = WeekdayNext;
            ClearDay();
            Weekday = weekday;
            WeekdayNext = next;
            NextWeek = true;
            DaySaid = true;
        }

        public void SetDate(int day, int? month, int? year, int monthsAhead)
        {
            ClearDay();
            DateOfMonth = (day, month, year, monthsAhead);
            DaySaid = true;
        }

        public void SetClock(int hour, int minute, bool explicit24)
        {
            Instant = null;
            Clock = (hour, minute, explicit24);
        }

        public void SetPeriod(Period period)
        {
            Instant = null;
            Period = period;
        }

        public void SetInstant(TimeSpan fromNow)
        {
            ClearDay();
            Clock = null;
            Period = Period.None;
            Instant = fromNow;
        }

        private void ClearDay()
        {
            Instant = null;
            Days = 0;
            Months = 0;
            IsToday = false;
            DaySaid = false;
            Weekday = null;
            WeekdayNext = false;
            NextWeek = false;
            DateOfMonth = null;
        }
    }

    // Words and phrases with a meaning, matched like a PhraseTable (longest first, optional prefixes on the first word).
    private sealed class Lexicon<T> : Dictionary<string, T>
    {
        private PhraseTable? _table;
        private Dictionary<string, T>? _normalised;

        public bool TryMatch(IReadOnlyList<string> words, int index, string prefixLetters, out T value, out int length, out string prefix)
        {
            // Built on first use, after the initialiser has filled the dictionary; a race builds the same thing twice.
            LazyInitializer.EnsureInitialized(
                ref _normalised, () => this.ToDictionary(pair => HebrewText.Normalize(pair.Key), pair => pair.Value, StringComparer.Ordinal));
            LazyInitializer.EnsureInitialized(ref _table, () => new PhraseTable(Keys));
            value = default!;
            length = _table.MatchAt(words, index, prefixLetters, out prefix);
            if (length == 0)
            {
                return false;
            }

            var first = words[index][prefix.Length..];
            var key = string.Join(' ', words.Skip(index + 1).Take(length - 1).Prepend(first));
            return _normalised.TryGetValue(key, out value!);
        }
    }
}
