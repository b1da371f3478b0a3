using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.Tests.WorkItems;

public sealed class DueWindowsTests
{
    private static readonly TimeZoneInfo Jerusalem = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jerusalem");
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    // 2026-03-10 is winter time in Israel (UTC+2): local 23:30 on the 10th is 21:30 UTC.
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 21, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-03-10T21:29:59Z", DueWindow.Overdue)]
    [InlineData("2026-01-01T00:00:00Z", DueWindow.Overdue)]
    [InlineData("2026-03-10T21:30:00Z", DueWindow.Today)]
    [InlineData("2026-03-10T21:59:59Z", DueWindow.Today)]
    [InlineData("2026-03-10T22:00:00Z", DueWindow.Upcoming)] // midnight in Jerusalem
    [InlineData("2027-01-01T00:00:00Z", DueWindow.Upcoming)]
    public void Due_times_fall_into_overdue_today_and_upcoming_on_the_business_calendar(string due, DueWindow expected)
    {
        DueWindows.Classify(DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture), Now, Jerusalem).Should().Be(expected);
    }

    [Fact]
    public void The_same_instant_is_today_in_one_zone_and_upcoming_in_another()
    {
        // 22:30 UTC: already the 11th in Jerusalem (00:30), still the 10th in London (22:30).
        var due = new DateTimeOffset(2026, 3, 10, 22, 30, 0, TimeSpan.Zero);
        DueWindows.Classify(due, Now, Jerusalem).Should().Be(DueWindow.Upcoming);
        DueWindows.Classify(due, Now, London).Should().Be(DueWindow.Today);
    }

    [Fact]
    public void Ranges_are_disjoint_and_meet_at_now_and_at_the_next_local_midnight()
    {
        var (overdueFrom, overdueBefore) = DueWindows.RangeOf(DueWindow.Overdue, Now, Jerusalem);
        var (todayFrom, todayBefore) = DueWindows.RangeOf(DueWindow.Today, Now, Jerusalem);
        var (upcomingFrom, upcomingBefore) = DueWindows.RangeOf(DueWindow.Upcoming, Now, Jerusalem);

        overdueFrom.Should().BeNull();
        overdueBefore.Should().Be(Now);
        todayFrom.Should().Be(Now);
        todayBefore.Should().Be(new DateTimeOffset(2026, 3, 10, 22, 0, 0, TimeSpan.Zero));
        upcomingFrom.Should().Be(todayBefore);
        upcomingBefore.Should().BeNull();
    }

    [Fact]
    public void Every_instant_is_classified_as_its_range_says()
    {
        for (var minutes = -3000; minutes <= 3000; minutes += 7)
        {
            var due = Now.AddMinutes(minutes);
            var window = DueWindows.Classify(due, Now, Jerusalem);
            var (from, before) = DueWindows.RangeOf(window, Now, Jerusalem);
            (from is null || due >= from).Should().BeTrue();
            (before is null || due < before).Should().BeTrue();
        }
    }

    [Fact]
    public void The_day_ends_at_local_midnight_in_summer_time_too()
    {
        // 2026-07-01 is summer time (UTC+3): local midnight of the 2nd is 21:00 UTC on the 1st.
        var summerNow = new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero);
        DueWindows.StartOfNextDay(summerNow, Jerusalem).Should().Be(new DateTimeOffset(2026, 7, 1, 21, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_day_that_changes_clocks_ends_at_the_next_local_midnight()
    {
        // Israel moves to summer time on Friday 2026-03-27 at 02:00: that day has 23 hours.
        var beforeChange = new DateTimeOffset(2026, 3, 26, 23, 0, 0, TimeSpan.Zero); // 01:00 local on the 27th (UTC+2)
        DueWindows.StartOfNextDay(beforeChange, Jerusalem).Should().Be(new DateTimeOffset(2026, 3, 27, 21, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_midnight_skipped_by_the_clock_starts_the_day_when_the_clock_resumes()
    {
        // Santiago (Chile) moved its clocks from 00:00 to 01:00 on 2024-09-08: that day starts at 01:00 local (UTC-3).
        var santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");
        DueWindows.StartOfDay(new DateOnly(2024, 9, 8), santiago).Should().Be(new DateTimeOffset(2024, 9, 8, 4, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_midnight_repeated_by_the_clock_starts_the_day_at_its_first_occurrence()
    {
        // Havana moved its clocks from 01:00 back to 00:00 on 2024-11-03: midnight came first at UTC-4, then at UTC-5.
        var havana = TimeZoneInfo.FindSystemTimeZoneById("America/Havana");
        DueWindows.StartOfDay(new DateOnly(2024, 11, 3), havana).Should().Be(new DateTimeOffset(2024, 11, 3, 4, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Mars/Olympus")]
    public void An_unknown_zone_reads_as_Jerusalem(string? zone)
    {
        DueWindows.ZoneOrDefault(zone).Id.Should().Be("Asia/Jerusalem");
    }

    [Fact]
    public void Instants_are_kept_in_utc_at_microsecond_precision()
    {
        var value = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(2)).AddTicks(12_345_678);
        var normalised = Instants.Normalise(value);
        normalised.Offset.Should().Be(TimeSpan.Zero);
        normalised.UtcTicks.Should().Be(value.UtcTicks - 8);
    }
}
