using System.Globalization;
using System.Text.Json.Nodes;
using ProSaaS.Application.Appointments;
using ProSaaS.Domain.Appointments;

namespace ProSaaS.Application.Calls.Tools;

/// <summary>The business's free appointment slots as the tools read them: the same calendar and busy times as the availability API.</summary>
internal static class ToolSlots
{
    /// <summary>Free slots on the local dates <paramref name="from"/> to <paramref name="to"/> (cut at the booking window), in order, local offsets kept.</summary>
    public static async Task<IReadOnlyList<TimeRange>> FreeAsync(
        IAppointmentQueries queries, AppointmentCalendar calendar, string tenantId, DateTimeOffset now, DateOnly from, DateOnly to,
        CancellationToken cancellationToken)
    {
        var last = calendar.LastBookableDate(now);
        if (to > last)
        {
            to = last;
        }

        if (from > to)
        {
            return [];
        }

        // Every busy range a slot of these dates (with its buffer) could meet.
        var busy = await queries.BusyAsync(
            tenantId, calendar.StartOfDay(from), calendar.StartOfDay(to.AddDays(1)) + calendar.SlotLength + calendar.Buffer, cancellationToken);
        return calendar.FreeSlots(now, from, to, busy);
    }

    /// <summary>
    /// Up to <paramref name="count"/> free slots nearest to <paramref name="around"/> (a time that could not be booked), in
    /// order — the nearest before it and the nearest after it among them: looked for from the day before it to a week after
    /// it, and when that week has none, the first free slots of the whole booking window.
    /// </summary>
    public static async Task<IReadOnlyList<TimeRange>> NearestAsync(
        IAppointmentQueries queries, AppointmentCalendar calendar, string tenantId, DateTimeOffset now, DateTimeOffset around, int count,
        CancellationToken cancellationToken)
    {
        var today = calendar.LocalDate(now);
        var last = calendar.LastBookableDate(now);
        var day = calendar.LocalDate(around);
        var from = day.AddDays(-1);
        if (from > last)
        {
            // Beyond the booking window: the window's last week.
            from = last.AddDays(-7);
        }

        if (from < today)
        {
            from = today;
        }

        var slots = await FreeAsync(queries, calendar, tenantId, now, from, from.AddDays(8), cancellationToken);
        if (slots.Count == 0)
        {
            return (await FreeAsync(queries, calendar, tenantId, now, today, last, cancellationToken)).Take(count).ToList();
        }

        // The nearest before and the nearest after come first, so that an evening refused offers the next morning too.
        var byDistance = slots.OrderBy(s => (s.Start - around).Duration()).ThenBy(s => s.Start).ToList();
        var chosen = new[] { byDistance.FirstOrDefault(s => s.Start < around), byDistance.FirstOrDefault(s => s.Start >= around) }
            .Where(s => s != default)
            .Concat(byDistance)
            .Distinct()
            .Take(count);
        return chosen.OrderBy(s => s.Start).ToList();
    }

    /// <summary>A slot as the model is given it: local date and time (what <c>book_appointment</c> takes), the moment, and its Hebrew label.</summary>
    public static JsonObject Json(TimeRange slot, DateOnly today) => new()
    {
        ["date"] = slot.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["time"] = slot.Start.ToString("HH:mm", CultureInfo.InvariantCulture),
        ["start"] = slot.Start.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        ["label"] = SlotLabels.Label(slot.Start, today),
    };

    public static JsonArray Json(IEnumerable<TimeRange> slots, DateOnly today) => new([.. slots.Select(s => (JsonNode?)Json(s, today))]);

    /// <summary>
    /// The moment a local date and time names in the business's zone; null for a time the clock skips (the spring change).
    /// A time the clock shows twice (autumn) is its first occurrence, as the calendar's openings are.
    /// </summary>
    public static DateTimeOffset? ToInstant(AppointmentCalendar calendar, DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        var zone = calendar.Zone;
        if (zone.IsInvalidTime(local))
        {
            return null;
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return calendar.ToLocal(new DateTimeOffset(local, offset));
    }

    public static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
