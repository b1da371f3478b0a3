namespace ProSaaS.Domain.Common;

/// <summary>Where a due time falls for the people of a business, on their own calendar.</summary>
public enum DueWindow
{
    /// <summary>Due before now.</summary>
    Overdue,

    /// <summary>Due from now until the end of the business's current day.</summary>
    Today,

    /// <summary>Due from the start of the business's next day on.</summary>
    Upcoming,
}

/// <summary>
/// Classifies due times into overdue / today / upcoming in a business's time zone. The three windows are disjoint and
/// cover every instant: overdue is [−∞, now), today is [now, start of the next local day), upcoming is from there on.
/// A local day starts at its first valid instant, so a midnight skipped or repeated by a clock change is handled.
/// </summary>
public static class DueWindows
{
    public static DueWindow Classify(DateTimeOffset dueAt, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (dueAt < now)
        {
            return DueWindow.Overdue;
        }

        return dueAt < StartOfNextDay(now, zone) ? DueWindow.Today : DueWindow.Upcoming;
    }

    /// <summary>The instants of a window: <c>From</c> inclusive, <c>Before</c> exclusive, null for unbounded.</summary>
    public static (DateTimeOffset? From, DateTimeOffset? Before) RangeOf(DueWindow window, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return window switch
        {
            DueWindow.Overdue => (null, now),
            DueWindow.Today => (now, StartOfNextDay(now, zone)),
            DueWindow.Upcoming => (StartOfNextDay(now, zone), null),
            _ => throw new ArgumentOutOfRangeException(nameof(window), window, null),
        };
    }

    /// <summary>The first instant of the local day after the one <paramref name="now"/> falls on.</summary>
    public static DateTimeOffset StartOfNextDay(DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        return StartOfDay(today.AddDays(1), zone);
    }

    /// <summary>The first instant of a local calendar day in <paramref name="zone"/>.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);

        // Midnight skipped by a clock change: the day starts when the clock resumes, at the end of the gap.
        var steps = 0;
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
            if (++steps > 24 * 60)
            {
                throw new InvalidOperationException($"No valid time on {day} in {zone.Id}.");
            }
        }

        // Midnight repeated by a clock change: the day starts at its first occurrence, the larger offset.
        var offset = zone.IsAmbiguousTime(local)
            ? zone.GetAmbiguousTimeOffsets(local).Max()
            : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>A stored time zone id as a zone; an id this machine does not know falls back to Asia/Jerusalem.</summary>
    public static TimeZoneInfo ZoneOrDefault(string? timeZoneId)
    {
        if (!string.IsNullOrWhiteSpace(timeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone))
        {
            return zone;
        }

        return TimeZoneInfo.FindSystemTimeZoneById(Tenants.TenantTimeZone.Default);
    }
}
