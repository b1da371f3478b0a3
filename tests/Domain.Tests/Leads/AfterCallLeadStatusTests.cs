using ProSaaS.Domain.Leads;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Domain.Tests.Leads;

/// <summary>Where a finished call moves its lead, case by case, with the default statuses and with a business's own.</summary>
public sealed class AfterCallLeadStatusTests
{
    private static readonly IReadOnlyList<LeadStatusDefinition> Defaults = LeadStatusDefinition.Defaults;

    /// <summary>A business with a follow-up step, an appointment step under another key, and its own names.</summary>
    private static readonly IReadOnlyList<LeadStatusDefinition> Custom =
    [
        new("fresh", "חדש", "#3B82F6", IsDefault: true),
        new("contacted", "נוצר קשר", "#F59E0B"),
        new("follow_up", "לחזור", "#F97316"),
        new("meeting", "פגישה", "#06B6D4"),
        new("closed", "נסגר", "#22C55E", IsWon: true),
        new("dropped", "ירד", "#9CA3AF", IsLost: true),
    ];

    /// <summary>A business without any of the known keys.</summary>
    private static readonly IReadOnlyList<LeadStatusDefinition> Unknown =
    [
        new("open", "פתוח", "#3B82F6", IsDefault: true),
        new("done", "סגור", "#22C55E", IsWon: true),
    ];

    private static readonly AfterCallFacts Talked = new(CallerSpoke: true, AppointmentBooked: false, HumanRequested: false);
    private static readonly AfterCallFacts Booked = new(true, true, false);
    private static readonly AfterCallFacts Human = new(true, false, true);
    private static readonly AfterCallFacts BookedAndHuman = new(true, true, true);
    private static readonly AfterCallFacts Silent = new(false, false, false);
    private static readonly AfterCallFacts SilentHuman = new(false, false, true);

    public static TheoryData<string, IReadOnlyList<LeadStatusDefinition>, string, bool, AfterCallFacts, string?> Cases => new()
    {
        // The defaults: new → contacted → qualified → appointment → won / lost.
        { "a conversation with a new lead", Defaults, "new", false, Talked, "contacted" },
        { "an appointment booked for a new lead", Defaults, "new", false, Booked, "appointment" },
        { "an appointment booked for a qualified lead", Defaults, "qualified", false, Booked, "appointment" },
        { "an appointment booked for a contacted lead", Defaults, "contacted", false, Booked, "appointment" },
        { "a person requested, no follow-up status: contacted instead", Defaults, "new", false, Human, "contacted" },
        { "a person requested by a contacted lead: nothing further", Defaults, "contacted", false, Human, null },
        { "an appointment and a person: the appointment wins", Defaults, "new", false, BookedAndHuman, "appointment" },
        { "no conversation at all", Defaults, "new", false, Silent, null },
        { "a conversation with a contacted lead", Defaults, "contacted", false, Talked, null },
        { "a conversation with a qualified lead: never backwards", Defaults, "qualified", false, Talked, null },
        { "an appointment for a lead at appointment already", Defaults, "appointment", false, Booked, null },
        { "a won lead stays won", Defaults, "won", false, Booked, null },
        { "a lost lead stays lost", Defaults, "lost", false, Talked, null },
        { "a status set after the call started stands", Defaults, "new", true, Booked, null },
        { "a status the business no longer lists is left", Defaults, "old_status", false, Booked, null },
        // A business's own statuses.
        { "own: a conversation with a fresh lead", Custom, "fresh", false, Talked, "contacted" },
        { "own: an appointment under the key meeting", Custom, "fresh", false, Booked, "meeting" },
        { "own: a person requested goes to follow_up", Custom, "fresh", false, Human, "follow_up" },
        { "own: a person requested by a contacted lead", Custom, "contacted", false, Human, "follow_up" },
        { "own: a person requested on a silent call", Custom, "fresh", false, SilentHuman, "follow_up" },
        { "own: a person requested by a lead at meeting: never backwards", Custom, "meeting", false, Human, null },
        { "own: an appointment for a lead at follow_up", Custom, "follow_up", false, Booked, "meeting" },
        { "own: the won status is never the target", Custom, "closed", false, Booked, null },
        { "unknown keys: nothing to move to", Unknown, "open", false, BookedAndHuman, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Moves_the_lead_forward_only_by_the_businesss_own_keys(
        string because, IReadOnlyList<LeadStatusDefinition> statuses, string current, bool setSinceCallStart, AfterCallFacts facts, string? expected)
    {
        var move = AfterCallLeadStatus.Decide(statuses, current, setSinceCallStart, facts);

        move?.ToStatus.Should().Be(expected, because);
        if (expected is null)
        {
            move.Should().BeNull(because);
        }
        else
        {
            move!.Reason.Should().StartWith("אחרי שיחה: ");
        }
    }

    [Fact]
    public void The_reason_says_what_happened_in_hebrew()
    {
        AfterCallLeadStatus.Decide(Defaults, "new", false, Booked)!.Reason.Should().Be("אחרי שיחה: נקבעה פגישה בשיחה");
        AfterCallLeadStatus.Decide(Custom, "fresh", false, Human)!.Reason.Should().Be("אחרי שיחה: הלקוח ביקש בשיחה שנציג יחזור אליו");
        AfterCallLeadStatus.Decide(Defaults, "new", false, Talked)!.Reason.Should().Be("אחרי שיחה: התקיימה שיחה עם הלקוח");
    }
}
