using System.Text.RegularExpressions;
using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.Tenants;

/// <summary>
/// What a valid <see cref="TenantSettings"/> document is. The bounds and predicates are shared with the input
/// validator, which lists every invalid field; <see cref="EnsureValid"/> is the aggregate's own guard and stops at
/// the first broken rule.
/// </summary>
public static partial class TenantSettingsRules
{
    public const int MaxAssistantNameLength = 40;
    public const int MaxGreetingLength = 500;
    public const int MaxPromptLength = 4000;

    public const int MinSilenceWarningSeconds = 3;
    public const int MaxSilenceWarningSeconds = 120;
    public const int MinSilenceHangupSeconds = 5;
    public const int MaxSilenceHangupSeconds = 600;
    public const int MaxSilenceWarnings = 5;

    public const int MinCallMinutes = 1;
    public const int MaxCallMinutes = 120;

    public const int MinRecordingRetentionDays = 1;
    public const int MaxRecordingRetentionDays = 365;

    public const int MaxRangesPerDay = 6;

    public const int MinSlotMinutes = 5;
    public const int MaxSlotMinutes = 240;
    public const int MaxBufferMinutes = 240;
    public const int MaxMinNoticeMinutes = 14 * 24 * 60;
    public const int MinBookingWindowDays = 1;
    public const int MaxBookingWindowDays = 365;
    public const int MaxDateOverrides = 100;
    public const int MaxDateOverrideNoteLength = 100;
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>The most keys a business's keypad menu offers: a caller keeps no more in mind.</summary>
    public const int MaxKeypadMenuEntries = 10;

    public const int MaxLeadStatuses = 30;
    public const int MaxLeadStatusKeyLength = 40;
    public const int MaxLeadStatusLabelLength = 40;

    private const int MinutesPerDay = 24 * 60;

    /// <summary>The voices of the realtime speech model the assistant speaks with.</summary>
    public static IReadOnlyList<string> Voices { get; } =
        ["alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse", "marin", "cedar"];

    public static bool IsKnownVoice(string? voice) => voice is not null && Voices.Contains(voice, StringComparer.Ordinal);

    public static bool IsValidAssistantName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.Length <= MaxAssistantNameLength;

    /// <summary>Braces may only appear as the <see cref="TenantSettings.BusinessPlaceholder"/>.</summary>
    public static bool HasOnlyKnownPlaceholders(string? greeting)
    {
        if (greeting is null)
        {
            return true;
        }

        var withoutPlaceholder = greeting.Replace(TenantSettings.BusinessPlaceholder, string.Empty, StringComparison.Ordinal);
        return !withoutPlaceholder.Contains('{') && !withoutPlaceholder.Contains('}');
    }

    public static bool IsValidGreeting(string? greeting) =>
        !string.IsNullOrWhiteSpace(greeting) && greeting.Length <= MaxGreetingLength && HasOnlyKnownPlaceholders(greeting);

    /// <summary>
    /// Every rule a business's keypad menu breaks (empty: no menu, or a valid one): the menu's own rules
    /// (<see cref="Calls.Conversation.KeypadMenu.Validate"/>), at most <see cref="MaxKeypadMenuEntries"/> keys, and labels in
    /// Hebrew (the menu is said in Hebrew, "… הקישו אחת").
    /// </summary>
    public static IReadOnlyList<Calls.Conversation.KeypadMenuError> KeypadMenuErrors(IReadOnlyList<Calls.Conversation.KeypadMenuEntry?>? entries)
    {
        if (entries is null)
        {
            return [new Calls.Conversation.KeypadMenuError(-1, "entries", "keypad.required", "חסר תפריט המקשים (בלי תפריט: רשימה ריקה).")];
        }

        if (entries.Count == 0)
        {
            return [];
        }

        var errors = Calls.Conversation.KeypadMenu.Validate(entries).ToList();
        if (entries.Count > MaxKeypadMenuEntries)
        {
            errors.Insert(0, new Calls.Conversation.KeypadMenuError(-1, "entries", "keypad.too_many",
                $"בתפריט המקשים אפשר להגדיר עד {MaxKeypadMenuEntries} אפשרויות."));
        }

        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i]?.Label is { } label && !string.IsNullOrWhiteSpace(label) && !label.Any(IsHebrewLetter))
            {
                errors.Add(new Calls.Conversation.KeypadMenuError(i, "label", "keypad.label_not_hebrew",
                    "שם האפשרות בתפריט המקשים נאמר בעברית: יש לכתוב אותו בעברית."));
            }
        }

        return errors;

        static bool IsHebrewLetter(char c) => c is >= '\u05D0' and <= '\u05EA';
    }

    /// <summary>A call prompt has words and fits the limit; any text is allowed in it.</summary>
    public static bool IsValidPrompt(string? prompt) => !string.IsNullOrWhiteSpace(prompt) && prompt.Length <= MaxPromptLength;

    public static bool IsValidSilence(SilenceSettings silence) =>
        silence.WarningAfterSeconds is >= MinSilenceWarningSeconds and <= MaxSilenceWarningSeconds
        && silence.HangupAfterSeconds is >= MinSilenceHangupSeconds and <= MaxSilenceHangupSeconds
        && silence.MaxWarnings is >= 0 and <= MaxSilenceWarnings
        && silence.WarningAfterSeconds < silence.HangupAfterSeconds;

    /// <summary>Parses "HH:mm" to minutes after midnight; "24:00" only as a closing time.</summary>
    public static bool TryParseTime(string? text, bool closing, out int minutes)
    {
        minutes = 0;
        if (text is null || !TimePattern().IsMatch(text))
        {
            return false;
        }

        minutes = (int.Parse(text.AsSpan(0, 2), provider: System.Globalization.CultureInfo.InvariantCulture) * 60)
                  + int.Parse(text.AsSpan(3, 2), provider: System.Globalization.CultureInfo.InvariantCulture);
        return minutes < MinutesPerDay || (closing && minutes == MinutesPerDay);
    }

    /// <summary>Both times are well formed and the range ends after it starts.</summary>
    public static bool IsValidRange(OpeningRange? range) =>
        range is not null
        && TryParseTime(range.Open, closing: false, out var open)
        && TryParseTime(range.Close, closing: true, out var close)
        && open < close;

    /// <summary>No two valid ranges of a day share a minute; ranges that merely touch are allowed.</summary>
    public static bool RangesDoNotOverlap(IReadOnlyList<OpeningRange?>? ranges)
    {
        if (ranges is null)
        {
            return true;
        }

        var parsed = ranges.Where(IsValidRange)
            .Select(r => (Open: Minutes(r!.Open, closing: false), Close: Minutes(r.Close, closing: true)))
            .OrderBy(r => r.Open)
            .ToList();
        for (var i = 1; i < parsed.Count; i++)
        {
            if (parsed[i].Open < parsed[i - 1].Close)
            {
                return false;
            }
        }

        return true;

        static int Minutes(string text, bool closing) => TryParseTime(text, closing, out var minutes) ? minutes : 0;
    }

    public static bool IsValidDay(IReadOnlyList<OpeningRange?>? ranges) =>
        ranges is not null && ranges.Count <= MaxRangesPerDay && ranges.All(IsValidRange) && RangesDoNotOverlap(ranges);

    public static bool IsValidAppointments(AppointmentSettings appointments) =>
        appointments.SlotMinutes is >= MinSlotMinutes and <= MaxSlotMinutes
        && appointments.BufferMinutes is >= 0 and <= MaxBufferMinutes
        && appointments.MinNoticeMinutes is >= 0 and <= MaxMinNoticeMinutes
        && appointments.BookingWindowDays is >= MinBookingWindowDays and <= MaxBookingWindowDays;

    /// <summary>Parses a calendar date written exactly "yyyy-MM-dd".</summary>
    public static bool TryParseDate(string? text, out DateOnly date)
    {
        date = default;
        return text is not null && DatePattern().IsMatch(text)
               && DateOnly.TryParseExact(text, DateFormat, System.Globalization.CultureInfo.InvariantCulture,
                   System.Globalization.DateTimeStyles.None, out date);
    }

    public static bool IsValidDateOverrideNote(string? note) => note is null || note.Length <= MaxDateOverrideNoteLength;

    public static bool IsValidDateOverride(DateOverride? dateOverride) =>
        dateOverride is not null
        && TryParseDate(dateOverride.Date, out _)
        && IsValidDay(dateOverride.Ranges)
        && IsValidDateOverrideNote(dateOverride.Note);

    /// <summary>No date is overridden twice.</summary>
    public static bool HasUniqueOverrideDates(IReadOnlyList<DateOverride?> overrides) =>
        overrides.Where(o => TryParseDate(o?.Date, out _)).GroupBy(o => o!.Date, StringComparer.Ordinal).All(g => g.Count() == 1);

    public static bool IsValidDateOverrides(IReadOnlyList<DateOverride?>? overrides) =>
        overrides is not null
        && overrides.Count <= MaxDateOverrides
        && overrides.All(IsValidDateOverride)
        && HasUniqueOverrideDates(overrides);

    public static bool IsValidLeadStatusKey(string? key) => key is not null && LeadStatusKeyPattern().IsMatch(key);

    public static bool IsValidLeadStatusLabel(string? label) =>
        !string.IsNullOrWhiteSpace(label) && label.Length <= MaxLeadStatusLabelLength;

    public static bool IsValidColor(string? color) => color is not null && ColorPattern().IsMatch(color);

    public static bool IsValidLeadStatus(LeadStatusDefinition? status) =>
        status is not null
        && IsValidLeadStatusKey(status.Key)
        && IsValidLeadStatusLabel(status.Label)
        && IsValidColor(status.Color)
        && !(status.IsWon && status.IsLost)
        && !(status.IsDefault && (status.IsWon || status.IsLost));

    public static bool HasExactlyOneDefault(IReadOnlyList<LeadStatusDefinition?> statuses) => statuses.Count(s => s is { IsDefault: true }) == 1;

    public static bool HasUniqueKeys(IReadOnlyList<LeadStatusDefinition?> statuses) =>
        statuses.Where(s => s?.Key is not null).GroupBy(s => s!.Key, StringComparer.Ordinal).All(g => g.Count() == 1);

    public static bool HasAtMostOneWonAndOneLost(IReadOnlyList<LeadStatusDefinition?> statuses) =>
        statuses.Count(s => s is { IsWon: true }) <= 1 && statuses.Count(s => s is { IsLost: true }) <= 1;

    /// <summary>Throws a <see cref="DomainException"/> for the first rule <paramref name="settings"/> breaks.</summary>
    public static void EnsureValid(TenantSettings? settings)
    {
        if (settings is null)
        {
            throw Invalid("settings_required", "חסרות הגדרות העסק.");
        }

        if (!IsValidAssistantName(settings.AssistantName))
        {
            throw Invalid("assistant_name_invalid", $"שם העוזרת חייב להכיל 1–{MaxAssistantNameLength} תווים.");
        }

        if (!IsValidGreeting(settings.Greeting))
        {
            throw Invalid("greeting_invalid",
                $"הפתיח חייב להכיל 1–{MaxGreetingLength} תווים, ותבנית יחידה מותרת בו היא {TenantSettings.BusinessPlaceholder}.");
        }

        if (!IsKnownVoice(settings.Voice))
        {
            throw Invalid("voice_unknown", $"הקול אינו מוכר. אפשר לבחור: {string.Join(", ", Voices)}.");
        }

        if (!Enum.IsDefined(settings.AssistantGender))
        {
            throw Invalid("assistant_gender_unknown", "מגדר העוזר/ת חייב להיות female או male.");
        }

        if (!IsValidPrompt(settings.InboundPrompt))
        {
            throw Invalid("inbound_prompt_invalid", $"ההנחיות לשיחות נכנסות חייבות להכיל 1–{MaxPromptLength} תווים.");
        }

        if (!IsValidPrompt(settings.OutboundPrompt))
        {
            throw Invalid("outbound_prompt_invalid", $"ההנחיות לשיחות יוצאות חייבות להכיל 1–{MaxPromptLength} תווים.");
        }

        if (settings.AutoHangup is null)
        {
            throw Invalid("auto_hangup_required", "חסרות הגדרות הניתוק האוטומטי.");
        }

        if (settings.Silence is null || !IsValidSilence(settings.Silence))
        {
            throw Invalid("silence_invalid",
                "הגדרות השקט אינן תקינות: האזהרה חייבת לבוא לפני הניתוק, בטווחים המותרים.");
        }

        if (settings.MaxCallMinutes is < MinCallMinutes or > MaxCallMinutes)
        {
            throw Invalid("max_call_minutes_invalid", $"משך שיחה מרבי חייב להיות בין {MinCallMinutes} ל-{MaxCallMinutes} דקות.");
        }

        if (settings.RecordingRetentionDays is < MinRecordingRetentionDays or > MaxRecordingRetentionDays)
        {
            throw Invalid("recording_retention_days_invalid",
                $"ימי שמירת הקלטות השיחה חייבים להיות בין {MinRecordingRetentionDays} ל-{MaxRecordingRetentionDays}.");
        }

        if (settings.BusinessHours is null || !settings.BusinessHours.Days().All(d => IsValidDay(d.Ranges)))
        {
            throw Invalid("business_hours_invalid",
                $"שעות הפעילות אינן תקינות: כל טווח בפורמט HH:mm, מסתיים אחרי שהוא מתחיל, בלי חפיפות ועד {MaxRangesPerDay} טווחים ביום.");
        }

        if (settings.Appointments is null || !IsValidAppointments(settings.Appointments))
        {
            throw Invalid("appointments_invalid", "הגדרות הפגישות אינן תקינות.");
        }

        if (settings.Appointments.WorkingHours is { } workingHours && !workingHours.Days().All(d => IsValidDay(d.Ranges)))
        {
            throw Invalid("appointment_hours_invalid",
                $"שעות קביעת הפגישות אינן תקינות: כל טווח בפורמט HH:mm, מסתיים אחרי שהוא מתחיל, בלי חפיפות ועד {MaxRangesPerDay} טווחים ביום.");
        }

        if (!IsValidDateOverrides(settings.Appointments.DateOverrides))
        {
            throw Invalid("date_overrides_invalid",
                $"החריגות בתאריכים אינן תקינות: עד {MaxDateOverrides} תאריכים שונים בפורמט yyyy-MM-dd, לכל אחד טווחי שעות תקינים (רשימה ריקה: סגור כל היום) והערה של עד {MaxDateOverrideNoteLength} תווים.");
        }

        EnsureValidLeadStatuses(settings.LeadStatuses);

        if (KeypadMenuErrors(settings.KeypadMenu) is [var keypad, ..])
        {
            throw Invalid("keypad_menu_invalid", keypad.Message);
        }

        if (!Leads.LeadFieldSchema.IsValidSchema(settings.LeadFields))
        {
            throw Invalid("lead_fields_invalid",
                $"שדות הליד אינם תקינים: עד {Leads.LeadFieldSchema.MaxFields} שדות עם מפתחות ייחודיים באותיות לטיניות קטנות, שם וסוג; לשדה בחירה יש רשימת אפשרויות.");
        }
    }

    private static void EnsureValidLeadStatuses(IReadOnlyList<LeadStatusDefinition?>? statuses)
    {
        if (statuses is null || statuses.Count is 0 or > MaxLeadStatuses || !statuses.All(IsValidLeadStatus))
        {
            throw Invalid("lead_statuses_invalid",
                $"סטטוסי הלידים אינם תקינים: 1–{MaxLeadStatuses} סטטוסים, לכל אחד מפתח באותיות לטיניות קטנות, שם וצבע בפורמט #RRGGBB.");
        }

        if (!HasExactlyOneDefault(statuses))
        {
            throw Invalid("lead_status_default_invalid", "יש לסמן סטטוס ברירת מחדל אחד בדיוק.");
        }

        if (!HasUniqueKeys(statuses))
        {
            throw Invalid("lead_status_key_duplicate", "מפתחות סטטוסי הלידים חייבים להיות ייחודיים.");
        }

        if (!HasAtMostOneWonAndOneLost(statuses))
        {
            throw Invalid("lead_status_outcome_duplicate", "מותר לכל היותר סטטוס אחד של עסקה שנסגרה וסטטוס אחד של ליד לא רלוונטי.");
        }
    }

    private static DomainException Invalid(string code, string message) => new("tenant.settings." + code, message);

    [GeneratedRegex(@"^[0-9]{2}:[0-5][0-9]\z", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^[a-z][a-z0-9_-]{0,39}\z", RegexOptions.CultureInvariant)]
    private static partial Regex LeadStatusKeyPattern();

    [GeneratedRegex(@"^#[0-9A-Fa-f]{6}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ColorPattern();
}
