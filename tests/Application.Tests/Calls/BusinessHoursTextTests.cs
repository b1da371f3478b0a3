using ProSaaS.Application.Calls.GetCallConfig;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Tests.Calls;

public sealed class BusinessHoursTextTests
{
    private static readonly OpeningRange[] Closed = [];

    private static BusinessHours Week(params OpeningRange[][] days) => new(days[0], days[1], days[2], days[3], days[4], days[5], days[6]);

    private static OpeningRange[] R(params string[] pairs) =>
        pairs.Select(p => p.Split('-')).Select(p => new OpeningRange(p[0], p[1])).ToArray();

    public static TheoryData<string, BusinessHours, string> Weeks => new()
    {
        { "the Israeli default", BusinessHours.IsraeliDefault, "ראשון–חמישי 09:00–18:00; שישי 09:00–13:00; שבת סגור" },
        { "closed all week", Week(Closed, Closed, Closed, Closed, Closed, Closed, Closed), "ראשון–שבת סגור" },
        { "the same every day", Week(R("08:00-20:00"), R("08:00-20:00"), R("08:00-20:00"), R("08:00-20:00"), R("08:00-20:00"), R("08:00-20:00"), R("08:00-20:00")),
            "ראשון–שבת 08:00–20:00" },
        { "a split day, ranges in any order", Week(R("16:00-19:00", "09:00-13:00"), Closed, Closed, Closed, Closed, Closed, Closed),
            "ראשון 09:00–13:00, 16:00–19:00; שני–שבת סגור" },
        { "same hours on days apart are not joined", Week(R("09:00-12:00"), R("10:00-12:00"), R("09:00-12:00"), Closed, Closed, Closed, Closed),
            "ראשון 09:00–12:00; שני 10:00–12:00; שלישי 09:00–12:00; רביעי–שבת סגור" },
        { "open till midnight on the weekend", Week(Closed, Closed, Closed, Closed, Closed, R("20:00-24:00"), R("20:00-24:00")),
            "ראשון–חמישי סגור; שישי–שבת 20:00–24:00" },
        { "only Saturday closed", Week(R("09:00-17:00"), R("09:00-17:00"), R("09:00-17:00"), R("09:00-17:00"), R("09:00-17:00"), R("09:00-17:00"), Closed),
            "ראשון–שישי 09:00–17:00; שבת סגור" },
        { "only Sunday open", Week(R("10:00-11:00"), Closed, Closed, Closed, Closed, Closed, Closed), "ראשון 10:00–11:00; שני–שבת סגור" },
        { "only Saturday open", Week(Closed, Closed, Closed, Closed, Closed, Closed, R("21:00-23:30")), "ראשון–שישי סגור; שבת 21:00–23:30" },
        { "every day different", Week(R("01:00-02:00"), R("02:00-03:00"), R("03:00-04:00"), R("04:00-05:00"), R("05:00-06:00"), R("06:00-07:00"), R("07:00-08:00")),
            "ראשון 01:00–02:00; שני 02:00–03:00; שלישי 03:00–04:00; רביעי 04:00–05:00; חמישי 05:00–06:00; שישי 06:00–07:00; שבת 07:00–08:00" },
    };

    [Theory]
    [MemberData(nameof(Weeks))]
    public void A_week_reads_as_one_hebrew_line_with_equal_neighbouring_days_joined(string week, BusinessHours hours, string expected)
    {
        BusinessHoursText.Describe(hours).Should().Be(expected, week);
    }
}
