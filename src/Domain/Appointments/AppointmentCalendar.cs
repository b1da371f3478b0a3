using System.Globalization;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Domain.Appointments;

/// <summary>A span of time, start inclusive, end exclusive.</summary>
public readonly record struct TimeRange(DateTimeOffset Start, DateTimeOffset End)
{
    public bool Overlaps(TimeRange other) => Start < other.End && other.Start < End;

    public bool Contains(TimeRange other) => Start <= other.Start && other.End <= End;
}

/// <summary>Why a requested start cannot be booked: a stable <see cref="Code"/> for clients and a Hebrew message.</summary>
public sealed record SlotRefusal(string Code, string Message);

/// <summary>
/// When a business takes appointments: its appointment settings read in its time zone. Pure: the current moment and
/// the busy ranges are given, so the same answers come out on any machine, on any day.
/// <list type="bullet">
/// <item>A date's hours are its date override if it has one (no ranges: closed all day), else its weekday's working
/// hours (<see cref="AppointmentSettings.WorkingHours"/>, or the business hours when those are not set).</item>
/// <item>A range "HH:mm–HH:mm" holds every moment whose wall-clock time lies in it: across a clock change it keeps its
/// real length (a 00:00–24:00 day lasts 23 or 25 hours). An opening inside the skipped hour of spring moves forward
/// by the gap; an opening in the repeated hour of autumn takes its first occurrence and a closing its second.</item>
/// <item>Slots start at the range's opening and every <see cref="AppointmentSettings.SlotMinutes"/> after it, in
/// elapsed time; a slot (or a longer appointment) must end inside the same range. A booking must start on one of
/// these starts (<see cref="NotAligned"/>).</item>
/// <item>An appointment keeps <see cref="AppointmentSettings.BufferMinutes"/> free after it: its busy range is
/// [start, end + buffer). Two appointments may not have overlapping busy ranges.</item>
/// <item>A start must be at least <see cref="AppointmentSettings.MinNoticeMinutes"/> after now, and on a local date
/// at most <see cref="AppointmentSettings.BookingWindowDays"/> days after today's.</item>
/// </list>
/// </summary>
public sealed class AppointmentCalendar
{
    public const string InPast = "appointment.in_past";
    public const string MinNotice = "appointment.min_notice";
    public const string BeyondWindow = "appointment.beyond_window";
    public const string ClosedDay = "appointment.closed_day";
    public const string OutsideHours = "appointment.outside_hours";
    public const string NotAligned = "appointment.not_aligned";

    private readonly BusinessHours _weekly;
    private readonly Dictionary<DateOnly, DateOverride> _overrides;

    public AppointmentCalendar(AppointmentSettings settings, BusinessHours businessHours, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(businessHours);
        ArgumentNullException.ThrowIfNull(zone);
        Settings = settings;
        Zone = zone;
        _weekly = settings.WeeklyHours(businessHours);
        _overrides = new Dictionary<DateOnly, DateOverride>();
        foreach (var dateOverride in settings.DateOverrides ?? [])
        {
            if (TenantSettingsRules.TryParseDate(dateOverride.Date, out var date))
            {
                _overrides[date] = dateOverride;
            }
        }
    }

    public AppointmentSettings Settings { get; }

    public TimeZoneInfo Zone { get; }

    public TimeSpan SlotLength => TimeSpan.FromMinutes(Settings.SlotMinutes);

    public TimeSpan Buffer => TimeSpan.FromMinutes(Settings.BufferMinutes);

    /// <summary>The moment as the business's clocks show it (its offset there and then).</summary>
    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>The last local date a booking made at <paramref name="now"/> may fall on.</summary>
    public DateOnly LastBookableDate(DateTimeOffset now) => LocalDate(now).AddDays(Settings.BookingWindowDays);

    /// <summary>The moment a local date begins in the business's zone.</summary>
    public DateTimeOffset StartOfDay(DateOnly date) => ToInstant(date, 0, earliest: true);

    /// <summary>The busy range an appointment holds: its own time and the buffer after it.</summary>
    public TimeRange BusyRange(DateTimeOffset start, DateTimeOffset end) => new(start, end + Buffer);

    /// <summary>Whether <paramref name="date"/> is closed all day by a date override (a holiday).</summary>
    public bool IsClosedByOverride(DateOnly date) => _overrides.TryGetValue(date, out var o) && o.Ranges is { Count: 0 };

    /// <summary>The date's opening ranges as moments, in order, local offsets kept.</summary>
    public IReadOnlyList<TimeRange> OpeningsOn(DateOnly date)
    {
        var ranges = _overrides.TryGetValue(date, out var dateOverride) ? dateOverride.Ranges : _weekly[date.DayOfWeek];
        var openings = new List<TimeRange>(ranges?.Count ?? 0);
        foreach (var range in ranges ?? [])
        {
            if (TenantSettingsRules.TryParseTime(range.Open, closing: false, out var open)
                && TenantSettingsRules.TryParseTime(range.Close, closing: true, out var close)
                && open < close)
            {
                var opening = new TimeRange(ToInstant(date, open, earliest: true), ToInstant(date, close, earliest: false));
                if (opening.Start < opening.End)
                {
                    openings.Add(opening);
                }
            }
        }

        openings.Sort((a, b) => a.Start.CompareTo(b.Start));
        return openings;
    }

    /// <summary>
    /// Whether an appointment of <paramref name="durationMinutes"/> may start at <paramref name="start"/> as of
    /// <paramref name="now"/>: null when it may, otherwise the first rule it breaks, in the order: in the past, inside
    /// the minimum notice, beyond the booking window, a closed date, outside the hours, off the slot grid. Whether the
    /// time is still free is not asked here: the database answers that under concurrency.
    /// </summary>
    public SlotRefusal? Check(DateTimeOffset now, DateTimeOffset start, int durationMinutes)
    {
        if (start < now)
        {
            return new SlotRefusal(InPast, "המועד שבחרתם כבר עבר; בחרו מועד עתידי.");
        }

        if (start < now.AddMinutes(Settings.MinNoticeMinutes))
        {
            return new SlotRefusal(MinNotice,
                $"אפשר לקבוע פגישה לפחות {Describe(Settings.MinNoticeMinutes)} מראש; בחרו מועד מאוחר יותר.");
        }

        var date = LocalDate(start);
        if (date > LastBookableDate(now))
        {
            return new SlotRefusal(BeyondWindow,
                $"אפשר לקבוע פגישות עד {Settings.BookingWindowDays} ימים מראש; בחרו מועד מוקדם יותר.");
        }

        if (IsClosedByOverride(date))
        {
            var note = _overrides[date].Note;
            return new SlotRefusal(ClosedDay,
                $"העסק סגור בתאריך {date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}{(string.IsNullOrWhiteSpace(note) ? "" : $" ({note})")}; בחרו יום אחר.");
        }

        var appointment = new TimeRange(start, start.AddMinutes(durationMinutes));
        var opening = OpeningsOn(date).Where(o => o.Contains(appointment)).Cast<TimeRange?>().FirstOrDefault();
        if (opening is null)
        {
            return new SlotRefusal(OutsideHours, "המועד מחוץ לשעות קביעת הפגישות של העסק; בחרו מועד בתוך שעות הפעילות.");
        }

        var offset = start - opening.Value.Start;
        if (offset.Ticks % SlotLength.Ticks != 0)
        {
            return new SlotRefusal(NotAligned,
                $"פגישות מתחילות כל {Settings.SlotMinutes} דקות מתחילת שעות הפעילות; בחרו אחד מהמועדים הפנויים.");
        }

        return null;
    }

    /// <summary>
    /// The free slots of one <see cref="AppointmentSettings.SlotMinutes"/> each on the local dates
    /// <paramref name="from"/> to <paramref name="to"/> (inclusive), in order, with the business's local offsets: every
    /// start that <see cref="Check"/> accepts and whose busy range (with the buffer) meets none of <paramref name="busy"/>.
    /// </summary>
    public IReadOnlyList<TimeRange> FreeSlots(DateTimeOffset now, DateOnly from, DateOnly to, IReadOnlyList<TimeRange> busy)
    {
        var slots = new List<TimeRange>();
        var earliest = now.AddMinutes(Settings.MinNoticeMinutes);
        var last = LastBookableDate(now);
        var sortedBusy = busy.OrderBy(b => b.Start).ToList();
        for (var date = from; date <= to && date <= last; date = date.AddDays(1))
        {
            foreach (var opening in OpeningsOn(date))
            {
                for (var start = opening.Start; start + SlotLength <= opening.End; start += SlotLength)
                {
                    if (start < earliest)
                    {
                        continue;
                    }

                    var end = start + SlotLength;
                    var held = BusyRange(start, end);
                    if (!sortedBusy.TakeWhile(b => b.Start < held.End).Any(b => b.Overlaps(held)))
                    {
                        slots.Add(new TimeRange(start, end));
                    }
                }
            }
        }

        return slots;
    }

    /// <summary>
    /// The moment a local date and minute-of-day names: a time skipped by the clock moving forward is moved forward by
    /// the gap; a time the clock shows twice is its first (<paramref name="earliest"/>) or its second occurrence.
    /// </summary>
    private DateTimeOffset ToInstant(DateOnly date, int minutes, bool earliest)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified).AddMinutes(minutes);
        TimeSpan offset;
        if (Zone.IsInvalidTime(local))
        {
            offset = Zone.GetUtcOffset(local.AddDays(-1));
        }
        else if (Zone.IsAmbiguousTime(local))
        {
            var offsets = Zone.GetAmbiguousTimeOffsets(local);
            offset = earliest ? offsets.Max() : offsets.Min();
        }
        else
        {
            offset = Zone.GetUtcOffset(local);
        }

        return ToLocal(new DateTimeOffset(local, offset));
    }

    private static string Describe(int minutes) => minutes switch
    {
        _ when minutes % (24 * 60) == 0 && minutes >= 24 * 60 => minutes == 24 * 60 ? "יום" : $"{minutes / (24 * 60)} ימים",
        _ when minutes % 60 == 0 && minutes >= 60 => minutes == 60 ? "שעה" : minutes == 120 ? "שעתיים" : $"{minutes / 60} שעות",
        _ => $"{minutes} דקות",
    };
}
