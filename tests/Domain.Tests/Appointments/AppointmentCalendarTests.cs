using System.Globalization;
using ProSaaS.Domain.Appointments;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Domain.Tests.Appointments;

public sealed class AppointmentCalendarTests
{
    private static readonly TimeZoneInfo Israel = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jerusalem");

    /// <summary>Sunday 1 March 2026, 08:00 in Israel (winter time, UTC+2).</summary>
    private static readonly DateTimeOffset SundayMorning = At("2026-03-01T08:00:00+02:00");

    /// <summary>
    /// The defaults: 30-minute slots, no buffer, an hour's notice, 30 days ahead, the Israeli week (Sunday–Thursday
    /// 09:00–18:00, Friday 09:00–13:00, Saturday closed) — plus a holiday and a short holiday eve.
    /// </summary>
    private static readonly AppointmentSettings Defaults = new()
    {
        DateOverrides =
        [
            new DateOverride("2026-03-03", [], "פורים"),
            new DateOverride("2026-03-04", [new OpeningRange("09:00", "12:00")], "שושן פורים"),
            new DateOverride("2026-03-07", [new OpeningRange("10:00", "12:00")], "שבת פתוחה"),
        ],
    };

    private static AppointmentCalendar Calendar(AppointmentSettings? settings = null) =>
        new(settings ?? Defaults, BusinessHours.IsraeliDefault, Israel);

    public static TheoryData<string, string, int, string?> Requests => new()
    {
        // What, start (with the offset Israel has on that date), minutes, refusal code (null: bookable).
        { "an hour ago", "2026-03-01T07:00:00+02:00", 30, AppointmentCalendar.InPast },
        { "a minute ago", "2026-03-01T07:59:00+02:00", 30, AppointmentCalendar.InPast },
        { "inside the hour of notice", "2026-03-01T08:30:00+02:00", 30, AppointmentCalendar.MinNotice },
        { "a minute short of the notice", "2026-03-01T08:59:00+02:00", 30, AppointmentCalendar.MinNotice },
        { "exactly the notice, at opening", "2026-03-01T09:00:00+02:00", 30, null },
        { "the same moment in UTC", "2026-03-01T07:00:00Z", 30, null },
        { "the last slot of a weekday", "2026-03-01T17:30:00+02:00", 30, null },
        { "at closing time", "2026-03-01T18:00:00+02:00", 30, AppointmentCalendar.OutsideHours },
        { "an hour that runs past closing", "2026-03-01T17:30:00+02:00", 60, AppointmentCalendar.OutsideHours },
        { "an hour that ends at closing", "2026-03-01T17:00:00+02:00", 60, null },
        { "before opening", "2026-03-02T08:30:00+02:00", 30, AppointmentCalendar.OutsideHours },
        { "in the evening", "2026-03-02T20:00:00+02:00", 30, AppointmentCalendar.OutsideHours },
        { "off the half-hour grid", "2026-03-02T09:15:00+02:00", 30, AppointmentCalendar.NotAligned },
        { "a second past the grid", "2026-03-02T09:00:01+02:00", 30, AppointmentCalendar.NotAligned },
        { "Friday's last slot", "2026-03-06T12:30:00+02:00", 30, null },
        { "Friday after the short day", "2026-03-06T13:00:00+02:00", 30, AppointmentCalendar.OutsideHours },
        { "Friday afternoon", "2026-03-06T15:00:00+02:00", 30, AppointmentCalendar.OutsideHours },
        { "a Saturday", "2026-03-14T10:00:00+02:00", 30, AppointmentCalendar.OutsideHours },
        { "a Saturday the business opens by override", "2026-03-07T10:00:00+02:00", 30, null },
        { "that Saturday outside its override hours", "2026-03-07T12:00:00+02:00", 30, AppointmentCalendar.OutsideHours },
        { "a holiday", "2026-03-03T10:00:00+02:00", 30, AppointmentCalendar.ClosedDay },
        { "a holiday eve's short day", "2026-03-04T11:30:00+02:00", 30, null },
        { "after a holiday eve's short day", "2026-03-04T12:00:00+02:00", 30, AppointmentCalendar.OutsideHours },
        { "Friday after the clock moved forward", "2026-03-27T09:00:00+03:00", 30, null },
        { "Thursday before it, still winter time", "2026-03-26T09:00:00+02:00", 30, null },
        { "09:00 winter offset on the summer-time Friday (10:00 there)", "2026-03-27T09:00:00+02:00", 30, null },
        { "08:30 summer time on that Friday", "2026-03-27T08:30:00+03:00", 30, AppointmentCalendar.OutsideHours },
        { "the last day of the window", "2026-03-31T17:30:00+03:00", 30, null },
        { "the day after the window", "2026-04-01T09:00:00+03:00", 30, AppointmentCalendar.BeyondWindow },
        { "a year ahead", "2027-03-01T09:00:00+02:00", 30, AppointmentCalendar.BeyondWindow },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void A_requested_start_is_accepted_or_refused_with_a_stable_code(string what, string start, int minutes, string? code)
    {
        var refusal = Calendar().Check(SundayMorning, At(start), minutes);

        refusal?.Code.Should().Be(code, what);
        if (code is null)
        {
            refusal.Should().BeNull(what);
        }
        else
        {
            refusal!.Message.Should().MatchRegex("[א-ת]", "the message is Hebrew");
        }
    }

    [Fact]
    public void The_refusals_are_checked_in_order_past_notice_window_closed_hours_grid()
    {
        var strict = Defaults with { MinNoticeMinutes = 24 * 60, BookingWindowDays = 1 };
        var calendar = Calendar(strict);

        calendar.Check(SundayMorning, At("2026-03-01T07:15:00+02:00"), 30)!.Code.Should().Be(AppointmentCalendar.InPast);
        calendar.Check(SundayMorning, At("2026-03-01T20:15:00+02:00"), 30)!.Code.Should().Be(AppointmentCalendar.MinNotice);
        calendar.Check(SundayMorning, At("2026-03-03T10:00:00+02:00"), 30)!.Code.Should().Be(AppointmentCalendar.BeyondWindow);
        calendar.Check(SundayMorning, At("2026-03-02T08:00:00+02:00"), 30)!.Code.Should().Be(AppointmentCalendar.OutsideHours);
        calendar.Check(SundayMorning, At("2026-03-02T08:15:00+02:00"), 30)!.Message.Should().Contain("שעות");
        calendar.Check(SundayMorning, At("2026-03-02T09:10:00+02:00"), 30)!.Code.Should().Be(AppointmentCalendar.NotAligned);
        Calendar().Check(SundayMorning, At("2026-03-01T08:30:00+02:00"), 30)!.Message.Should().Contain("לפחות שעה מראש");
        Calendar().Check(SundayMorning, At("2026-03-03T10:00:00+02:00"), 30)!.Message.Should().Contain("03/03/2026").And.Contain("פורים");
    }

    [Fact]
    public void Free_slots_of_a_weekday_run_from_the_notice_to_the_last_slot_that_ends_by_closing()
    {
        var slots = Calendar().FreeSlots(SundayMorning, Date("2026-03-01"), Date("2026-03-01"), []);

        slots.Select(s => Local(s.Start)).Should().Equal(HalfHours("09:00", "17:30"));
        slots.Should().OnlyContain(s => s.End - s.Start == TimeSpan.FromMinutes(30) && s.Start.Offset == TimeSpan.FromHours(2));

        var later = Calendar().FreeSlots(SundayMorning.AddMinutes(45), Date("2026-03-01"), Date("2026-03-01"), []);
        later.Select(s => Local(s.Start)).First().Should().Be("10:00", "09:45 is the notice's end and 10:00 the next slot");
    }

    [Fact]
    public void A_week_of_slots_has_the_short_friday_no_saturday_and_none_on_the_holiday()
    {
        var slots = Calendar().FreeSlots(SundayMorning, Date("2026-03-01"), Date("2026-03-07"), []);
        var perDay = slots.GroupBy(s => DateOnly.FromDateTime(s.Start.DateTime)).ToDictionary(g => g.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), g => g.ToList());

        perDay["2026-03-01"].Should().HaveCount(18);
        perDay["2026-03-02"].Should().HaveCount(18);
        perDay.Should().NotContainKey("2026-03-03", "Purim is closed by a date override");
        perDay["2026-03-04"].Select(s => Local(s.Start)).Should().Equal(HalfHours("09:00", "11:30"));
        perDay["2026-03-05"].Should().HaveCount(18);
        perDay["2026-03-06"].Select(s => Local(s.Start)).Should().Equal(HalfHours("09:00", "12:30"));
        perDay["2026-03-07"].Select(s => Local(s.Start)).Should().Equal("10:00", "10:30", "11:00", "11:30");
        slots.Should().BeInAscendingOrder(s => s.Start);
    }

    [Fact]
    public void Without_a_date_override_saturday_is_closed()
    {
        var calendar = Calendar(new AppointmentSettings());

        calendar.FreeSlots(SundayMorning, Date("2026-03-07"), Date("2026-03-07"), []).Should().BeEmpty();
        calendar.Check(SundayMorning, At("2026-03-07T10:00:00+02:00"), 30)!.Code.Should().Be(AppointmentCalendar.OutsideHours);
    }

    [Fact]
    public void A_booked_appointment_and_its_buffer_take_the_slots_they_touch()
    {
        var calendar = Calendar(Defaults with { BufferMinutes = 15 });
        var booked = calendar.BusyRange(At("2026-03-02T10:00:00+02:00"), At("2026-03-02T10:30:00+02:00"));
        booked.End.Should().Be(At("2026-03-02T10:45:00+02:00"));

        var slots = calendar.FreeSlots(SundayMorning, Date("2026-03-02"), Date("2026-03-02"), [booked]);

        var starts = slots.Select(s => Local(s.Start)).ToList();
        starts.Should().Contain(["09:00", "11:00"]);
        starts.Should().NotContain("09:30", "09:30–10:00 would leave no buffer before 10:00");
        starts.Should().NotContain("10:00", "it is booked");
        starts.Should().NotContain("10:30", "10:30 falls inside the booked appointment's buffer");
        starts.Should().HaveCount(18 - 3);
    }

    [Fact]
    public void Busy_ranges_of_other_days_and_touching_ranges_take_nothing()
    {
        var busy = new[]
        {
            new TimeRange(At("2026-03-02T09:00:00+02:00"), At("2026-03-02T09:30:00+02:00")),
            new TimeRange(At("2026-03-01T12:00:00+02:00"), At("2026-03-01T13:00:00+02:00")),
        };

        var starts = Calendar().FreeSlots(SundayMorning, Date("2026-03-02"), Date("2026-03-02"), busy).Select(s => Local(s.Start)).ToList();

        starts.Should().NotContain("09:00").And.Contain("09:30", "a slot that starts where a busy range ends is free");
        starts.Should().HaveCount(17);
    }

    [Fact]
    public void Free_slots_stop_at_the_booking_window_and_an_empty_or_reversed_range_has_none()
    {
        var slots = Calendar().FreeSlots(SundayMorning, Date("2026-03-30"), Date("2026-04-03"), []);

        slots.Select(s => DateOnly.FromDateTime(s.Start.DateTime)).Distinct().Should().Equal(Date("2026-03-30"), Date("2026-03-31"));
        Calendar().FreeSlots(SundayMorning, Date("2026-03-05"), Date("2026-03-02"), []).Should().BeEmpty();
        Calendar().FreeSlots(SundayMorning, Date("2026-02-20"), Date("2026-02-28"), []).Should().BeEmpty("those days are past");
    }

    [Fact]
    public void Every_free_slot_passes_the_booking_check()
    {
        var calendar = Calendar(Defaults with { SlotMinutes = 45, BufferMinutes = 10 });
        var busy = new[] { calendar.BusyRange(At("2026-03-02T11:15:00+02:00"), At("2026-03-02T12:00:00+02:00")) };

        var slots = calendar.FreeSlots(SundayMorning, Date("2026-03-01"), Date("2026-03-31"), busy);

        slots.Should().NotBeEmpty();
        slots.Should().OnlyContain(s => calendar.Check(SundayMorning, s.Start, 45) == null);
        slots.Should().OnlyContain(s => !busy[0].Overlaps(calendar.BusyRange(s.Start, s.End)));
    }

    [Fact]
    public void The_friday_the_clock_moves_forward_opens_at_nine_summer_time()
    {
        var slots = Calendar().FreeSlots(SundayMorning, Date("2026-03-26"), Date("2026-03-27"), []);

        var thursday = slots.Where(s => s.Start.Day == 26).ToList();
        var friday = slots.Where(s => s.Start.Day == 27).ToList();
        thursday[0].Start.UtcDateTime.Should().Be(new DateTime(2026, 3, 26, 7, 0, 0, DateTimeKind.Utc));
        friday[0].Start.UtcDateTime.Should().Be(new DateTime(2026, 3, 27, 6, 0, 0, DateTimeKind.Utc));
        friday.Should().OnlyContain(s => s.Start.Offset == TimeSpan.FromHours(3));
        friday.Select(s => Local(s.Start)).Should().Equal(HalfHours("09:00", "12:30"));
    }

    [Fact]
    public void A_whole_day_lasts_23_hours_when_the_clock_moves_forward_and_25_when_it_moves_back()
    {
        var allDay = new AppointmentSettings { MinNoticeMinutes = 0, WorkingHours = EveryDay(new OpeningRange("00:00", "24:00")) };
        var calendar = Calendar(allDay);

        var spring = calendar.FreeSlots(At("2026-03-20T00:00:00+02:00"), Date("2026-03-27"), Date("2026-03-27"), []);
        spring.Should().HaveCount(46);
        spring.Select(s => Local(s.Start)).Should().NotContain(["02:00", "02:30"], "the clock skips 02:00–03:00");
        spring.Select(s => Local(s.Start)).Should().Contain(["01:30", "03:00"]);

        var autumn = calendar.FreeSlots(At("2026-10-20T00:00:00+03:00"), Date("2026-10-25"), Date("2026-10-25"), []);
        autumn.Should().HaveCount(50);
        autumn.Count(s => Local(s.Start) == "01:30").Should().Be(2, "01:00–02:00 happens twice");
        autumn.Should().Contain(s => s.Start == At("2026-10-25T01:30:00+03:00")).And.Contain(s => s.Start == At("2026-10-25T01:30:00+02:00"));
        autumn.Select(s => s.Start).Should().OnlyHaveUniqueItems().And.BeInAscendingOrder();

        calendar.Check(At("2026-10-20T00:00:00+03:00"), At("2026-10-25T01:30:00+02:00"), 30).Should().BeNull();
        calendar.Check(At("2026-10-20T00:00:00+03:00"), At("2026-10-25T01:30:00+03:00"), 30).Should().BeNull();
    }

    [Fact]
    public void An_opening_inside_the_skipped_hour_moves_forward_by_the_gap()
    {
        var settings = new AppointmentSettings
        {
            MinNoticeMinutes = 0,
            DateOverrides = [new DateOverride("2026-03-27", [new OpeningRange("02:30", "05:00")])],
        };

        var slots = Calendar(settings).FreeSlots(At("2026-03-20T00:00:00+02:00"), Date("2026-03-27"), Date("2026-03-27"), []);

        slots.Select(s => Local(s.Start)).Should().Equal("03:30", "04:00", "04:30");
    }

    [Fact]
    public void Working_hours_of_their_own_replace_the_business_hours_and_null_follows_them()
    {
        var evenings = new AppointmentSettings { WorkingHours = EveryDay(new OpeningRange("18:00", "20:00")) };
        Calendar(evenings).FreeSlots(SundayMorning, Date("2026-03-01"), Date("2026-03-01"), [])
            .Select(s => Local(s.Start)).Should().Equal("18:00", "18:30", "19:00", "19:30");
        Calendar(evenings).Check(SundayMorning, At("2026-03-02T10:00:00+02:00"), 30)!.Code.Should().Be(AppointmentCalendar.OutsideHours);

        var followingBusinessHours = new AppointmentCalendar(new AppointmentSettings(), BusinessHours.IsraeliDefault with { Sunday = [new("12:00", "13:00")] }, Israel);
        followingBusinessHours.FreeSlots(SundayMorning, Date("2026-03-01"), Date("2026-03-01"), [])
            .Select(s => Local(s.Start)).Should().Equal("12:00", "12:30");
    }

    [Fact]
    public void Slots_start_from_each_range_opening()
    {
        var split = new AppointmentSettings
        {
            SlotMinutes = 45,
            WorkingHours = EveryDay(new OpeningRange("09:10", "11:00"), new OpeningRange("13:00", "14:30")),
        };

        Calendar(split).FreeSlots(SundayMorning, Date("2026-03-02"), Date("2026-03-02"), [])
            .Select(s => Local(s.Start)).Should().Equal("09:10", "09:55", "13:00", "13:45");
        Calendar(split).Check(SundayMorning, At("2026-03-02T09:00:00+02:00"), 45)!.Code.Should().Be(AppointmentCalendar.OutsideHours);
        Calendar(split).Check(SundayMorning, At("2026-03-02T10:40:00+02:00"), 45)!.Code.Should().Be(AppointmentCalendar.OutsideHours);
        Calendar(split).Check(SundayMorning, At("2026-03-02T13:30:00+02:00"), 45)!.Code.Should().Be(AppointmentCalendar.NotAligned);
    }

    [Fact]
    public void The_calendar_reads_times_in_another_zone_too()
    {
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var calendar = new AppointmentCalendar(new AppointmentSettings(), BusinessHours.IsraeliDefault, london);

        var slots = calendar.FreeSlots(SundayMorning, Date("2026-03-02"), Date("2026-03-02"), []);

        slots[0].Start.UtcDateTime.Should().Be(new DateTime(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc));
        calendar.LocalDate(At("2026-03-02T01:00:00+02:00")).Should().Be(Date("2026-03-01"));
    }

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    private static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Local(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Israel).ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string[] HalfHours(string first, string last)
    {
        var times = new List<string>();
        for (var t = TimeOnly.Parse(first, CultureInfo.InvariantCulture); t <= TimeOnly.Parse(last, CultureInfo.InvariantCulture); t = t.AddMinutes(30))
        {
            times.Add(t.ToString("HH:mm", CultureInfo.InvariantCulture));
        }

        return [.. times];
    }

    private static BusinessHours EveryDay(params OpeningRange[] ranges) => new(ranges, ranges, ranges, ranges, ranges, ranges, ranges);
}
