using System.Globalization;
using ProSaaS.Domain.Conversations.Speech;

namespace ProSaaS.Domain.Tests.Conversations.Speech;

public sealed class HebrewDateTimeTests
{
    private const TimeOfDayPrecision Day = TimeOfDayPrecision.None;
    private const TimeOfDayPrecision Part = TimeOfDayPrecision.PartOfDay;
    private const TimeOfDayPrecision Exact = TimeOfDayPrecision.Exact;

    // Wednesday morning, Friday afternoon, Sunday morning, Saturday night, and the week before the year's end.
    private const string Wednesday = "2025-06-11 10:00";
    private const string FridayAfternoon = "2025-06-13 16:00";
    private const string Sunday = "2025-06-15 09:00";
    private const string SaturdayNight = "2025-06-14 20:00";
    private const string YearEnd = "2025-12-20 12:00";

    private static readonly TimeZoneInfo Israel = HebrewDateTime.Israel;

    [Theory]
    // Days.
    [InlineData("היום", Wednesday, "2025-06-11 00:00", Day)]
    [InlineData("מחר", Wednesday, "2025-06-12 00:00", Day)]
    [InlineData("למחר", Wednesday, "2025-06-12 00:00", Day)]
    [InlineData("מחרתיים", Wednesday, "2025-06-13 00:00", Day)]
    [InlineData("מחר בשלוש", Wednesday, "2025-06-12 15:00", Exact)]
    [InlineData("מחר בשמונה בבוקר", Wednesday, "2025-06-12 08:00", Exact)]
    [InlineData("מחר בשש בערב", Wednesday, "2025-06-12 18:00", Exact)]
    [InlineData("מחר בצהריים", Wednesday, "2025-06-12 12:00", Part)]
    [InlineData("מחר בבוקר", Wednesday, "2025-06-12 09:00", Part)]
    [InlineData("מחר אחרי הצהריים", Wednesday, "2025-06-12 15:00", Part)]
    [InlineData("מחר ב-4 אחה\"צ", Wednesday, "2025-06-12 16:00", Exact)]
    [InlineData("הערב בשמונה", Wednesday, "2025-06-11 20:00", Exact)]
    [InlineData("הלילה בשתיים", Wednesday, "2025-06-12 02:00", Exact)]
    [InlineData("מחר בשתים עשרה בלילה", Wednesday, "2025-06-13 00:00", Exact)]
    [InlineData("עכשיו", Wednesday, "2025-06-11 10:00", Exact)]
    // Clock times, with no day: today while ahead, else tomorrow.
    [InlineData("בשלוש", Wednesday, "2025-06-11 15:00", Exact)]
    [InlineData("לשלוש", Wednesday, "2025-06-11 15:00", Exact)]
    [InlineData("בשעה שלוש", Wednesday, "2025-06-11 15:00", Exact)]
    [InlineData("בעשר וחצי", Wednesday, "2025-06-11 10:30", Exact)]
    [InlineData("בתשע", Wednesday, "2025-06-12 09:00", Exact)]
    [InlineData("ברבע לארבע", Wednesday, "2025-06-11 15:45", Exact)]
    [InlineData("בשלוש ורבע", Wednesday, "2025-06-11 15:15", Exact)]
    [InlineData("בחמש ועשרה", Wednesday, "2025-06-11 17:10", Exact)]
    [InlineData("בעשרה לחמש", Wednesday, "2025-06-11 16:50", Exact)]
    [InlineData("עשרים לשש", Wednesday, "2025-06-11 17:40", Exact)]
    [InlineData("שלוש ארבעים וחמש", Wednesday, "2025-06-11 15:45", Exact)]
    [InlineData("בשתיים ועשרים וחמש דקות", Wednesday, "2025-06-11 14:25", Exact)]
    [InlineData("14:30", Wednesday, "2025-06-11 14:30", Exact)]
    [InlineData("ב-9", Wednesday, "2025-06-12 09:00", Exact)]
    [InlineData("ב-9.30", Wednesday, "2025-06-12 09:30", Exact)]
    [InlineData("בשעה 11", Wednesday, "2025-06-11 11:00", Exact)]
    [InlineData("באחת עשרה", Wednesday, "2025-06-11 11:00", Exact)]
    [InlineData("בשתים עשרה", Wednesday, "2025-06-11 12:00", Exact)]
    [InlineData("באחת בצהריים", Wednesday, "2025-06-11 13:00", Exact)]
    [InlineData("בעשר בלילה", Wednesday, "2025-06-11 22:00", Exact)]
    [InlineData("בשבע בבוקר", Wednesday, "2025-06-12 07:00", Exact)]
    [InlineData("בשבע", Wednesday, "2025-06-11 19:00", Exact)]
    [InlineData("ב-07:00", Wednesday, "2025-06-12 07:00", Exact)]
    [InlineData("בשלוש בדיוק", Wednesday, "2025-06-11 15:00", Exact)]
    [InlineData("בצהריים", Wednesday, "2025-06-11 12:00", Part)]
    [InlineData("בערב", Wednesday, "2025-06-11 19:00", Part)]
    // "היום" keeps its day: a morning reading gone by becomes the evening's.
    [InlineData("היום בשמונה", Wednesday, "2025-06-11 20:00", Exact)]
    [InlineData("היום בתשע בבוקר", Wednesday, "2025-06-11 09:00", Exact)]
    // Weekdays: never today; "הבא" is next calendar week's.
    [InlineData("יום חמישי", Wednesday, "2025-06-12 00:00", Day)]
    [InlineData("יום חמישי הבא", Wednesday, "2025-06-19 00:00", Day)]
    [InlineData("יום חמישי בשבוע הבא", Wednesday, "2025-06-19 00:00", Day)]
    [InlineData("ביום ראשון", Wednesday, "2025-06-15 00:00", Day)]
    [InlineData("בראשון הבא", Wednesday, "2025-06-15 00:00", Day)]
    [InlineData("יום ראשון הבא בעשר וחצי", Wednesday, "2025-06-15 10:30", Exact)]
    [InlineData("ביום שלישי הבא בשלוש", Wednesday, "2025-06-17 15:00", Exact)]
    [InlineData("יום רביעי", Wednesday, "2025-06-18 00:00", Day)]
    [InlineData("ביום ג'", Wednesday, "2025-06-17 00:00", Day)]
    [InlineData("בשבת", Wednesday, "2025-06-14 00:00", Day)]
    [InlineData("במוצאי שבת", Wednesday, "2025-06-14 19:00", Part)]
    [InlineData("יום שני בשמונה וחצי", Wednesday, "2025-06-16 08:30", Exact)]
    [InlineData("בשבוע הבא", Wednesday, "2025-06-15 00:00", Day)]
    [InlineData("בשבוע הבא ביום שלישי", Wednesday, "2025-06-17 00:00", Day)]
    // Spans.
    [InlineData("בעוד שבוע", Wednesday, "2025-06-18 00:00", Day)]
    [InlineData("בעוד שבועיים", Wednesday, "2025-06-25 00:00", Day)]
    [InlineData("בעוד יומיים בשלוש", Wednesday, "2025-06-13 15:00", Exact)]
    [InlineData("בעוד שלושה ימים", Wednesday, "2025-06-14 00:00", Day)]
    [InlineData("בעוד חודש", Wednesday, "2025-07-11 00:00", Day)]
    [InlineData("בעוד שעה", Wednesday, "2025-06-11 11:00", Exact)]
    [InlineData("בעוד חצי שעה", Wednesday, "2025-06-11 10:30", Exact)]
    [InlineData("בעוד רבע שעה", Wednesday, "2025-06-11 10:15", Exact)]
    [InlineData("בעוד שעה וחצי", Wednesday, "2025-06-11 11:30", Exact)]
    [InlineData("בעוד 20 דקות", Wednesday, "2025-06-11 10:20", Exact)]
    [InlineData("בעוד שלוש שעות", Wednesday, "2025-06-11 13:00", Exact)]
    // Dates.
    [InlineData("ב-5 לחודש", Wednesday, "2025-07-05 00:00", Day)]
    [InlineData("ב-20 לחודש", Wednesday, "2025-06-20 00:00", Day)]
    [InlineData("ה-5 לחודש הבא", Wednesday, "2025-07-05 00:00", Day)]
    [InlineData("בשני לחודש", Wednesday, "2025-07-02 00:00", Day)]
    [InlineData("15/12", Wednesday, "2025-12-15 00:00", Day)]
    [InlineData("15.12", Wednesday, "2025-12-15 00:00", Day)]
    [InlineData("15/12/2026", Wednesday, "2026-12-15 00:00", Day)]
    [InlineData("בחמישה עשר בדצמבר", Wednesday, "2025-12-15 00:00", Day)]
    [InlineData("ב-15 בדצמבר בעשר", Wednesday, "2025-12-15 10:00", Exact)]
    [InlineData("בראשון לינואר", Wednesday, "2026-01-01 00:00", Day)]
    [InlineData("ב-3 במרץ", Wednesday, "2026-03-03 00:00", Day)]
    // Corrections and negations.
    [InlineData("לא מחר, ביום שלישי", Wednesday, "2025-06-17 00:00", Day)]
    [InlineData("מחר, אה לא, מחרתיים", Wednesday, "2025-06-13 00:00", Day)]
    [InlineData("לא בשלוש, בארבע", Wednesday, "2025-06-11 16:00", Exact)]
    [InlineData("לא, מחר", Wednesday, "2025-06-12 00:00", Day)]
    [InlineData("מחר בין עשר לשתיים", Wednesday, "2025-06-12 10:00", Exact)]
    [InlineData("משלוש עד חמש", Wednesday, "2025-06-11 15:00", Exact)]
    [InlineData("בין שתיים לארבע", Wednesday, "2025-06-11 14:00", Exact)]
    [InlineData("אחרי חמש", Wednesday, "2025-06-11 17:00", Exact)]
    [InlineData("ראשון בעשר", Wednesday, "2025-06-15 10:00", Exact)]
    // Niqqud and English.
    [InlineData("מָחָר בְּשָׁלוֹשׁ", Wednesday, "2025-06-12 15:00", Exact)]
    [InlineData("tomorrow at 3 pm", Wednesday, "2025-06-12 15:00", Exact)]
    [InlineData("next Monday at 10", Wednesday, "2025-06-16 10:00", Exact)]
    [InlineData("in two hours", Wednesday, "2025-06-11 12:00", Exact)]
    [InlineData("מחר at 5", Wednesday, "2025-06-12 17:00", Exact)]
    // Friday afternoon: across the week's end.
    [InlineData("יום ראשון", FridayAfternoon, "2025-06-15 00:00", Day)]
    [InlineData("יום ראשון הבא", FridayAfternoon, "2025-06-15 00:00", Day)]
    [InlineData("ביום ראשון בעשר", FridayAfternoon, "2025-06-15 10:00", Exact)]
    [InlineData("מחר", FridayAfternoon, "2025-06-14 00:00", Day)]
    [InlineData("יום שישי", FridayAfternoon, "2025-06-20 00:00", Day)]
    [InlineData("בשלוש", FridayAfternoon, "2025-06-14 15:00", Exact)]
    [InlineData("בשבוע הבא", FridayAfternoon, "2025-06-15 00:00", Day)]
    [InlineData("יום שלישי הבא", FridayAfternoon, "2025-06-17 00:00", Day)]
    [InlineData("בעוד יומיים", FridayAfternoon, "2025-06-15 00:00", Day)]
    // Sunday: "ראשון" is a week away.
    [InlineData("יום ראשון", Sunday, "2025-06-22 00:00", Day)]
    [InlineData("יום ראשון הבא", Sunday, "2025-06-22 00:00", Day)]
    [InlineData("יום שלישי", Sunday, "2025-06-17 00:00", Day)]
    [InlineData("יום שלישי הבא", Sunday, "2025-06-24 00:00", Day)]
    [InlineData("בשבוע הבא", Sunday, "2025-06-22 00:00", Day)]
    // Saturday night.
    [InlineData("יום ראשון הבא", SaturdayNight, "2025-06-15 00:00", Day)]
    [InlineData("מחר בבוקר", SaturdayNight, "2025-06-15 09:00", Part)]
    [InlineData("בערב", SaturdayNight, "2025-06-14 19:00", Part)]
    [InlineData("בבוקר", SaturdayNight, "2025-06-15 09:00", Part)]
    // The year's end.
    [InlineData("15/12", YearEnd, "2026-12-15 00:00", Day)]
    [InlineData("25/12", YearEnd, "2025-12-25 00:00", Day)]
    [InlineData("ב-5 לחודש", YearEnd, "2026-01-05 00:00", Day)]
    [InlineData("בעוד שבועיים", YearEnd, "2026-01-03 00:00", Day)]
    public void A_named_moment_is_read_on_the_businesss_clock(string utterance, string now, string expected, TimeOfDayPrecision precision)
    {
        var when = HebrewDateTime.Parse(utterance, Now(now), Israel);

        when.Should().NotBeNull();
        when!.Local.Should().Be(Local(expected));
        when.TimeOfDay.Should().Be(precision);
        when.TimeOfDaySaid.Should().Be(precision != TimeOfDayPrecision.None);
        when.Utc.Offset.Should().Be(TimeSpan.Zero);
        TimeZoneInfo.ConvertTime(when.Utc, Israel).DateTime.Should().Be(when.Local);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("שלום")]
    [InlineData("אני רוצה לקבוע תור")]
    [InlineData("שלושה אנשים")]
    [InlineData("יש לי שני ילדים")]
    [InlineData("ראשון")]
    [InlineData("עוד שאלה")]
    [InlineData("31/4")]
    [InlineData("ב-31 לחודש")]
    [InlineData("משש אנשים")]
    [InlineData("בשלושה")]
    public void Anything_that_names_no_moment_is_null(string? utterance) =>
        HebrewDateTime.Parse(utterance, Now(Wednesday), Israel).Should().BeNull();

    [Theory]
    // Israel moves to summer time on Friday 27 March 2026 at 02:00 and back on Sunday 26 October 2025 at 02:00.
    [InlineData("מחר בעשר", "2026-03-26 10:00", "2026-03-27 10:00", "2026-03-27T07:00:00Z")]
    [InlineData("מחר ב-02:30", "2026-03-26 10:00", "2026-03-27 03:30", "2026-03-27T00:30:00Z")]
    [InlineData("בעוד שעה", "2026-03-27 01:30", "2026-03-27 03:30", "2026-03-27T00:30:00Z")]
    [InlineData("ביום ראשון בעשר", "2026-03-26 10:00", "2026-03-29 10:00", "2026-03-29T07:00:00Z")]
    [InlineData("מחר בעשר", "2025-10-25 12:00", "2025-10-26 10:00", "2025-10-26T08:00:00Z")]
    [InlineData("מחר ב-01:30", "2025-10-25 12:00", "2025-10-26 01:30", "2025-10-25T22:30:00Z")]
    [InlineData("בעוד 24 שעות", "2025-10-25 12:00", "2025-10-26 11:00", "2025-10-26T09:00:00Z")]
    [InlineData("מחר", "2025-10-25 12:00", "2025-10-26 00:00", "2025-10-25T21:00:00Z")]
    public void Daylight_saving_changes_keep_the_wall_clock(string utterance, string now, string local, string utc)
    {
        var when = HebrewDateTime.Parse(utterance, Now(now), Israel)!;

        when.Local.Should().Be(Local(local));
        when.Utc.Should().Be(DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_current_moment_may_come_in_any_offset()
    {
        var serverClock = new DateTimeOffset(2025, 6, 11, 7, 0, 0, TimeSpan.Zero); // 10:00 in Israel

        var when = HebrewDateTime.Parse("מחר בשלוש", serverClock, Israel)!;

        when.Local.Should().Be(Local("2025-06-12 15:00"));
        when.Utc.Should().Be(new DateTimeOffset(2025, 6, 12, 12, 0, 0, TimeSpan.Zero));
    }

    private static DateTime Local(string text) =>
        DateTime.ParseExact(text, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static DateTimeOffset Now(string local)
    {
        var wall = Local(local);
        return new DateTimeOffset(wall, Israel.GetUtcOffset(wall));
    }
}
