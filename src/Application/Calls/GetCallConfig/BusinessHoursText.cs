using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Calls.GetCallConfig;

/// <summary>
/// A business's weekly hours as a short Hebrew line, for the assistant to read and repeat: consecutive days with the same
/// hours share one entry, Sunday first ("ראשון–חמישי 09:00–18:00; שישי 09:00–13:00; שבת סגור").
/// </summary>
public static class BusinessHoursText
{
    private static readonly string[] DayNames = ["ראשון", "שני", "שלישי", "רביעי", "חמישי", "שישי", "שבת"];

    public const string Closed = "סגור";

    public static string Describe(BusinessHours hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var days = hours.Days().Select(d => Ranges(d.Ranges)).ToList();
        var parts = new List<string>();
        for (var first = 0; first < days.Count;)
        {
            var last = first;
            while (last + 1 < days.Count && days[last + 1] == days[first])
            {
                last++;
            }

            var name = first == last ? DayNames[first] : $"{DayNames[first]}–{DayNames[last]}";
            parts.Add($"{name} {days[first]}");
            first = last + 1;
        }

        return string.Join("; ", parts);
    }

    private static string Ranges(IReadOnlyList<OpeningRange>? ranges) =>
        ranges is null || ranges.Count == 0
            ? Closed
            : string.Join(", ", ranges.OrderBy(r => r.Open, StringComparer.Ordinal).Select(r => $"{r.Open}–{r.Close}"));
}
