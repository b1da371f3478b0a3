using System.Globalization;

namespace ProSaaS.Application.Calls.Tools;

/// <summary>
/// Appointment times as the assistant reads them out, in Hebrew and in the business's local time: "היום 14:30",
/// "מחר 09:00", "יום שלישי 14:30" within the coming week, "יום שלישי 24/3 14:30" beyond it (the weekday alone would be
/// ambiguous). Pure: the business's today is given.
/// </summary>
public static class SlotLabels
{
    private static readonly string[] DayNames = ["ראשון", "שני", "שלישי", "רביעי", "חמישי", "שישי", "שבת"];

    /// <summary>"יום שלישי".</summary>
    public static string Weekday(DayOfWeek day) => "יום " + DayNames[(int)day];

    /// <summary>The day of <paramref name="date"/> seen from <paramref name="today"/>: היום, מחר, the weekday, or the weekday and date.</summary>
    public static string Day(DateOnly date, DateOnly today)
    {
        var days = date.DayNumber - today.DayNumber;
        return days switch
        {
            0 => "היום",
            1 => "מחר",
            > 1 and < 7 => Weekday(date.DayOfWeek),
            _ => $"{Weekday(date.DayOfWeek)} {date.Day}/{date.Month}",
        };
    }

    /// <summary>"היום", "מחר", "ביום שלישי": on which day, as said in a sentence.</summary>
    public static string OnDay(DateOnly date, DateOnly today) => date.DayNumber - today.DayNumber is 0 or 1 ? Day(date, today) : "ב" + Day(date, today);

    /// <summary>A slot's start (in the business's local time) as read out: the day and the time.</summary>
    public static string Label(DateTimeOffset localStart, DateOnly today) =>
        $"{Day(DateOnly.FromDateTime(localStart.DateTime), today)} {localStart.ToString("HH:mm", CultureInfo.InvariantCulture)}";

    /// <summary>"א", "א או ב", "א, ב או ג".</summary>
    public static string JoinOr(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " או " + items[^1],
    };
}
