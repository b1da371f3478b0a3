namespace ProSaaS.Domain.Tenants;

/// <summary>
/// How a business's assistant behaves and how its CRM is set up. Immutable: a change is a whole new document,
/// recorded with the names of the settings it changed. Settings added later take their defaults when an older
/// document is read.
/// </summary>
public sealed record TenantSettings
{
    /// <summary>Replaced by the business name when the greeting is spoken.</summary>
    public const string BusinessPlaceholder = "{business}";

    public const string DefaultAssistantName = "נועה";
    public const string DefaultGreeting = "שלום, הגעתם ל" + BusinessPlaceholder + ". במה אפשר לעזור?";
    public const string DefaultVoice = "alloy";
    public const int DefaultRecordingRetentionDays = 7;

    public const string DefaultInboundPrompt =
        "תפקידך לענות לשיחות הנכנסות של " + BusinessPlaceholder + ": לברר בנימוס ובקצרה במה אפשר לעזור, לענות על מה שידוע לך על העסק, "
        + "לאסוף את פרטי הפונה ולהציע פגישה כשזה מתאים. כשאין לך תשובה — להבטיח שנציג יחזור אל הפונה עם תשובה.";

    public const string DefaultOutboundPrompt =
        "תפקידך להתקשר בשם " + BusinessPlaceholder + " ללידים שהשאירו פרטים: להציג את עצמך ואת העסק, לברר אם הפנייה עדיין רלוונטית, "
        + "להשלים את הפרטים החסרים ולהציע פגישה. אם אין עניין או שזה לא זמן נוח — להודות, להציע לחזור במועד אחר ולסיים בנימוס.";

    public static TenantSettings Default { get; } = new();

    public string AssistantName { get; init; } = DefaultAssistantName;

    public string Greeting { get; init; } = DefaultGreeting;

    public string Voice { get; init; } = DefaultVoice;

    /// <summary>How the assistant speaks of itself (feminine or masculine phrasing); pick a voice of the same gender.</summary>
    public AssistantGender AssistantGender { get; init; } = AssistantGender.Female;

    /// <summary>
    /// What the assistant is told to do on the business's inbound calls; <see cref="BusinessPlaceholder"/> is replaced by the
    /// business name. Mirrors the current version of the <c>inbound_call</c> prompt (<see cref="TenantPrompts"/>).
    /// </summary>
    public string InboundPrompt { get; init; } = DefaultInboundPrompt;

    /// <summary>
    /// What the assistant is told to do on the calls the business places to its leads (an outbound template adds its own
    /// prompt). Mirrors the current version of the <c>outbound_call</c> prompt.
    /// </summary>
    public string OutboundPrompt { get; init; } = DefaultOutboundPrompt;

    public bool BotSpeaksFirst { get; init; } = true;

    public AutoHangupSettings AutoHangup { get; init; } = new();

    public SilenceSettings Silence { get; init; } = new();

    public int MaxCallMinutes { get; init; } = 15;

    /// <summary>How many days a call's recording is kept before it is deleted.</summary>
    public int RecordingRetentionDays { get; init; } = DefaultRecordingRetentionDays;

    public BusinessHours BusinessHours { get; init; } = BusinessHours.IsraeliDefault;

    public AppointmentSettings Appointments { get; init; } = new();

    public IReadOnlyList<LeadStatusDefinition> LeadStatuses { get; init; } = LeadStatusDefinition.Defaults;

    /// <summary>The details kept about each lead, in the order they are asked and shown.</summary>
    public IReadOnlyList<Leads.LeadFieldDefinition> LeadFields { get; init; } = Leads.LeadFieldSchema.Defaults;

    /// <summary>
    /// The keypad menu announced on calls after the greeting, in the order it is said (e.g. 1 sales, 2 existing customers,
    /// 0 a person, 9 repeat: <see cref="Calls.Conversation.KeypadMenu.Suggested"/>); empty: no menu.
    /// </summary>
    public IReadOnlyList<Calls.Conversation.KeypadMenuEntry> KeypadMenu { get; init; } = [];

    /// <summary>The greeting as spoken for <paramref name="businessName"/>.</summary>
    public string GreetingFor(string businessName) => Greeting.Replace(BusinessPlaceholder, businessName, StringComparison.Ordinal);

    /// <summary>The top-level settings (by their JSON names) whose values differ from <paramref name="previous"/>.</summary>
    public IReadOnlyList<string> ChangedSince(TenantSettings previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var changed = new List<string>();
        Compare(AssistantName, previous.AssistantName, "assistantName");
        Compare(Greeting, previous.Greeting, "greeting");
        Compare(Voice, previous.Voice, "voice");
        Compare(AssistantGender, previous.AssistantGender, "assistantGender");
        Compare(InboundPrompt, previous.InboundPrompt, "inboundPrompt");
        Compare(OutboundPrompt, previous.OutboundPrompt, "outboundPrompt");
        Compare(BotSpeaksFirst, previous.BotSpeaksFirst, "botSpeaksFirst");
        Compare(AutoHangup, previous.AutoHangup, "autoHangup");
        Compare(Silence, previous.Silence, "silence");
        Compare(MaxCallMinutes, previous.MaxCallMinutes, "maxCallMinutes");
        Compare(RecordingRetentionDays, previous.RecordingRetentionDays, "recordingRetentionDays");
        Compare(BusinessHours, previous.BusinessHours, "businessHours");
        Compare(Appointments, previous.Appointments, "appointments");
        if (!SequenceEquals(LeadStatuses, previous.LeadStatuses))
        {
            changed.Add("leadStatuses");
        }

        if (!SequenceEquals(LeadFields, previous.LeadFields))
        {
            changed.Add("leadFields");
        }

        if (!SequenceEquals(KeypadMenu, previous.KeypadMenu))
        {
            changed.Add("keypadMenu");
        }

        return changed;

        void Compare<T>(T current, T before, string name)
        {
            if (!EqualityComparer<T>.Default.Equals(current, before))
            {
                changed.Add(name);
            }
        }
    }

    public bool Equals(TenantSettings? other) =>
        other is not null && (ReferenceEquals(this, other) || ChangedSince(other).Count == 0);

    public override int GetHashCode() =>
        HashCode.Combine(AssistantName, Greeting, Voice, BotSpeaksFirst, AutoHangup, Silence, MaxCallMinutes, Appointments);

    internal static bool SequenceEquals<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.SequenceEqual(b));
}

public sealed record AutoHangupSettings
{
    /// <summary>End the call once the lead's details are captured.</summary>
    public bool OnLeadCaptured { get; init; }

    /// <summary>End the call when the caller says goodbye.</summary>
    public bool OnGoodbye { get; init; } = true;
}

public sealed record SilenceSettings
{
    /// <summary>Seconds of caller silence before the assistant asks whether they are still there.</summary>
    public int WarningAfterSeconds { get; init; } = 8;

    /// <summary>Seconds of caller silence after which the assistant says goodbye and hangs up.</summary>
    public int HangupAfterSeconds { get; init; } = 20;

    public int MaxWarnings { get; init; } = 2;
}

public sealed record AppointmentSettings
{
    public int SlotMinutes { get; init; } = 30;

    /// <summary>Free minutes kept between two appointments.</summary>
    public int BufferMinutes { get; init; }

    /// <summary>How long before its start an appointment can still be booked.</summary>
    public int MinNoticeMinutes { get; init; } = 60;

    /// <summary>How many days ahead appointments can be booked.</summary>
    public int BookingWindowDays { get; init; } = 30;

    /// <summary>Hours in which appointments can be booked, per weekday; null follows the business hours.</summary>
    public BusinessHours? WorkingHours { get; init; }

    /// <summary>Dates whose hours differ from the week's: holidays (no ranges: closed all day) and short days.</summary>
    public IReadOnlyList<DateOverride> DateOverrides { get; init; } = [];

    /// <summary>The weekly hours appointments are booked in, given the business hours.</summary>
    public BusinessHours WeeklyHours(BusinessHours businessHours) => WorkingHours ?? businessHours;

    public bool Equals(AppointmentSettings? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (SlotMinutes == other.SlotMinutes
                && BufferMinutes == other.BufferMinutes
                && MinNoticeMinutes == other.MinNoticeMinutes
                && BookingWindowDays == other.BookingWindowDays
                && Equals(WorkingHours, other.WorkingHours)
                && TenantSettings.SequenceEquals(DateOverrides, other.DateOverrides)));

    public override int GetHashCode() =>
        HashCode.Combine(SlotMinutes, BufferMinutes, MinNoticeMinutes, BookingWindowDays, WorkingHours, DateOverrides?.Count ?? -1);
}

/// <summary>
/// The hours of one calendar date ("yyyy-MM-dd", the business's local date) in place of its weekday's: no ranges closes
/// the whole day (a holiday), ranges replace the day's hours (a holiday eve's short day).
/// </summary>
public sealed record DateOverride(string Date, IReadOnlyList<OpeningRange> Ranges, string? Note = null)
{
    public bool Equals(DateOverride? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Date == other.Date && Note == other.Note && TenantSettings.SequenceEquals(Ranges, other.Ranges)));

    public override int GetHashCode() => HashCode.Combine(Date, Note, Ranges?.Count ?? -1);
}

/// <summary>An interval in which the business is open, local time, "HH:mm" to "HH:mm" ("24:00" closes at midnight).</summary>
public sealed record OpeningRange(string Open, string Close);

/// <summary>Opening hours per weekday, Sunday first as the Israeli week runs. A day with no ranges is closed.</summary>
public sealed record BusinessHours(
    IReadOnlyList<OpeningRange> Sunday,
    IReadOnlyList<OpeningRange> Monday,
    IReadOnlyList<OpeningRange> Tuesday,
    IReadOnlyList<OpeningRange> Wednesday,
    IReadOnlyList<OpeningRange> Thursday,
    IReadOnlyList<OpeningRange> Friday,
    IReadOnlyList<OpeningRange> Saturday)
{
    /// <summary>Sunday to Thursday 09:00–18:00, Friday 09:00–13:00, closed on Saturday.</summary>
    public static BusinessHours IsraeliDefault { get; } = new(
        [new("09:00", "18:00")],
        [new("09:00", "18:00")],
        [new("09:00", "18:00")],
        [new("09:00", "18:00")],
        [new("09:00", "18:00")],
        [new("09:00", "13:00")],
        []);

    public IReadOnlyList<OpeningRange> this[DayOfWeek day] => day switch
    {
        DayOfWeek.Sunday => Sunday,
        DayOfWeek.Monday => Monday,
        DayOfWeek.Tuesday => Tuesday,
        DayOfWeek.Wednesday => Wednesday,
        DayOfWeek.Thursday => Thursday,
        DayOfWeek.Friday => Friday,
        DayOfWeek.Saturday => Saturday,
        _ => throw new ArgumentOutOfRangeException(nameof(day), day, null),
    };

    /// <summary>Days in the order of the Israeli week, with their JSON names.</summary>
    public IEnumerable<(DayOfWeek Day, string Name, IReadOnlyList<OpeningRange> Ranges)> Days()
    {
        yield return (DayOfWeek.Sunday, "sunday", Sunday);
        yield return (DayOfWeek.Monday, "monday", Monday);
        yield return (DayOfWeek.Tuesday, "tuesday", Tuesday);
        yield return (DayOfWeek.Wednesday, "wednesday", Wednesday);
        yield return (DayOfWeek.Thursday, "thursday", Thursday);
        yield return (DayOfWeek.Friday, "friday", Friday);
        yield return (DayOfWeek.Saturday, "saturday", Saturday);
    }

    public bool Equals(BusinessHours? other) =>
        other is not null && (ReferenceEquals(this, other) || Days().Zip(other.Days()).All(p => TenantSettings.SequenceEquals(p.First.Ranges, p.Second.Ranges)));

    public override int GetHashCode() => Days().Aggregate(0, (hash, day) => HashCode.Combine(hash, day.Ranges?.Count ?? -1));
}

/// <summary>
/// A step of the business's lead pipeline. <see cref="Key"/> is what leads store; <see cref="Label"/> is what
/// people see. New leads take the default status; won and lost statuses close a lead.
/// </summary>
public sealed record LeadStatusDefinition(
    string Key,
    string Label,
    string Color,
    bool IsDefault = false,
    bool IsWon = false,
    bool IsLost = false)
{
    public static IReadOnlyList<LeadStatusDefinition> Defaults { get; } =
    [
        new("new", "חדש", "#3B82F6", IsDefault: true),
        new("contacted", "נוצר קשר", "#F59E0B"),
        new("qualified", "מתאים", "#8B5CF6"),
        new("appointment", "נקבעה פגישה", "#06B6D4"),
        new("won", "נסגר", "#22C55E", IsWon: true),
        new("lost", "לא רלוונטי", "#9CA3AF", IsLost: true),
    ];
}
