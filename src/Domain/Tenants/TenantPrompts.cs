using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.Tenants;

/// <summary>
/// What the assistant is told on each channel, kept as numbered versions on the business's own stream. Version 0 is the
/// product's default text ("ברירת מחדל"); every save records the next number, and a rollback records a new version with
/// an earlier version's text, so history is never rewritten. <c>{business}</c> is replaced by the business name when the
/// prompt is used.
/// </summary>
public static class TenantPrompts
{
    /// <summary>The longest prompt: the same limit the settings document had for its prompts.</summary>
    public const int MaxTextLength = TenantSettingsRules.MaxPromptLength;

    public const int MaxNoteLength = 200;

    /// <summary>The note of version 0.</summary>
    public const string DefaultNote = "ברירת מחדל";

    /// <summary>The note of a version saved through the settings document's <c>inboundPrompt</c>/<c>outboundPrompt</c>.</summary>
    public const string SettingsNote = "נשמר בהגדרות העסק";

    /// <summary>The note of a version the business was created with.</summary>
    public const string CreationNote = "נקבע בהקמת העסק";

    public const string DefaultWhatsappPrompt =
        "תפקידך לענות להודעות הוואטסאפ של " + TenantSettings.BusinessPlaceholder + ": לענות בקצרה, בשפה פשוטה ובנימוס, על מה שידוע לך על העסק, "
        + "לאסוף את פרטי הפונה ולהציע פגישה כשזה מתאים. כשאין לך תשובה — לכתוב שנציג יחזור אל הפונה עם תשובה.";

    public const string TextRequiredCode = "prompt.text_required";
    public const string TextTooLongCode = "prompt.text_too_long";
    public const string NoteTooLongCode = "prompt.note_too_long";

    public const string TextRequiredMessage = "יש להזין את נוסח ההנחיות.";
    public static readonly string TextTooLongMessage = $"ההנחיות ארוכות מדי (עד {MaxTextLength} תווים).";
    public static readonly string NoteTooLongMessage = $"ההערה ארוכה מדי (עד {MaxNoteLength} תווים).";

    /// <summary>The text of version 0 of <paramref name="channel"/>.</summary>
    public static string DefaultText(AssistantChannel channel) => channel switch
    {
        AssistantChannel.InboundCall => TenantSettings.DefaultInboundPrompt,
        AssistantChannel.OutboundCall => TenantSettings.DefaultOutboundPrompt,
        AssistantChannel.Whatsapp => DefaultWhatsappPrompt,
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, null),
    };

    /// <summary>The settings document's field that mirrors the channel's current prompt, if any (JSON name).</summary>
    public static string? SettingsField(AssistantChannel channel) => channel switch
    {
        AssistantChannel.InboundCall => "inboundPrompt",
        AssistantChannel.OutboundCall => "outboundPrompt",
        _ => null,
    };

    /// <summary>
    /// A prompt as it is kept: line ends as <c>\n</c>, no blank space around it. Two texts that differ only there are the
    /// same prompt.
    /// </summary>
    public static string Normalise(string? text) =>
        (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();

    public static bool IsValidText(string? text) => Normalise(text) is { Length: > 0 and <= MaxTextLength };

    public static bool IsValidNote(string? note) => note is null || note.Trim().Length <= MaxNoteLength;

    /// <summary>The text, normalised; a <see cref="DomainException"/> when it is empty or too long.</summary>
    public static string CleanText(string? text)
    {
        var clean = Normalise(text);
        if (clean.Length == 0)
        {
            throw new DomainException(TextRequiredCode, TextRequiredMessage);
        }

        if (clean.Length > MaxTextLength)
        {
            throw new DomainException(TextTooLongCode, TextTooLongMessage);
        }

        return clean;
    }

    /// <summary>The note trimmed, null when blank; a <see cref="DomainException"/> when too long.</summary>
    public static string? CleanNote(string? note)
    {
        var trimmed = note?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length <= MaxNoteLength ? trimmed : throw new DomainException(NoteTooLongCode, NoteTooLongMessage);
    }

    /// <summary>The note of a rollback that came without one.</summary>
    public static string RollbackNote(int restoredVersion) => $"שחזור גרסה {restoredVersion}";
}

/// <summary>Who saved a prompt version: the user or API key id and the name shown for them.</summary>
public sealed record PromptAuthor(string? UserId, string? Name)
{
    public static PromptAuthor Unknown { get; } = new(null, null);
}

/// <summary>A channel's prompt as the business's stream tells: its current version number and text.</summary>
public sealed record CurrentPrompt(AssistantChannel Channel, int Version, string Text);

/// <summary>What a save or rollback did.</summary>
public enum PromptSaveOutcome
{
    /// <summary>A new version was recorded.</summary>
    Saved,

    /// <summary>The text is the current version's already: nothing was recorded.</summary>
    Unchanged,

    /// <summary>The save was made on a version that is no longer the current one: nothing was recorded.</summary>
    Stale,
}
