using ProSaaS.Domain.Common;
using ProSaaS.Domain.Common.PhoneNumbers;

namespace ProSaaS.Domain.Tenants;

/// <summary>
/// A business on the platform: its profile, the numbers it answers, its limits and its assistant's settings.
/// The stream id is the tenant id, and the stream is kept under that same tenant.
/// </summary>
[StreamType("tenant")]
public sealed class Tenant : AggregateRoot
{
    public const int MaxNameLength = 120;
    public const int MaxSuspensionReasonLength = 500;
    public const int MaxAddressLength = 200;

    private readonly List<string> _phoneNumbers = [];
    private readonly List<string> _whatsAppIdentifiers = [];

    /// <summary>The texts of each channel's prompt versions: index 0 holds version 1.</summary>
    private readonly Dictionary<AssistantChannel, List<string>> _promptVersions = [];

    private Tenant()
    {
    }

    public string Name { get; private set; } = string.Empty;
    public string Slug { get; private set; } = string.Empty;
    public string TimeZone { get; private set; } = TenantTimeZone.Default;

    /// <summary>The business's street address as callers are told it; null when it has none.</summary>
    public string? Address { get; private set; }
    public TenantStatus Status { get; private set; }
    public string? SuspensionReason { get; private set; }
    public DateTimeOffset? SuspendedAt { get; private set; }
    public TenantLimits Limits { get; private set; } = TenantLimits.Default;
    public TenantSettings Settings { get; private set; } = TenantSettings.Default;
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The numbers (E.164) whose calls this business answers, in the order they were assigned.</summary>
    public IReadOnlyList<string> PhoneNumbers => _phoneNumbers;

    public IReadOnlyList<string> WhatsAppIdentifiers => _whatsAppIdentifiers;

    /// <summary>The tenant id the business's own streams and read-model rows are kept under.</summary>
    public string TenantKey => Id.ToString();

    public static Tenant Create(
        Guid id,
        string name,
        string slug,
        string? timeZone,
        TenantLimits? limits,
        TenantSettings? settings,
        DateTimeOffset createdAt)
    {
        if (id == Guid.Empty)
        {
            throw new DomainException("tenant.id_required", "לעסק חייב להיות מזהה.");
        }

        var validName = ValidName(name);
        var normalisedSlug = TenantSlug.Normalize(slug);
        if (!TenantSlug.IsValid(normalisedSlug))
        {
            throw new DomainException("tenant.slug_invalid",
                $"המזהה הקצר של העסק חייב להכיל {TenantSlug.MinLength}–{TenantSlug.MaxLength} אותיות לטיניות קטנות, ספרות ומקפים, בלי מקף בהתחלה או בסוף.");
        }

        var validTimeZone = ValidTimeZone(timeZone ?? TenantTimeZone.Default);
        var effectiveLimits = limits ?? TenantLimits.Default;
        effectiveLimits.EnsureValid();
        var effectiveSettings = settings ?? TenantSettings.Default;
        TenantSettingsRules.EnsureValid(effectiveSettings);

        effectiveSettings = WithNormalisedPrompts(effectiveSettings);
        var tenant = new Tenant();
        tenant.Raise(new TenantCreated(
            id,
            validName,
            normalisedSlug!,
            validTimeZone,
            effectiveLimits,
            effectiveSettings,
            createdAt));

        // Prompts of its own that a business starts with are its first versions; the defaults are version 0.
        foreach (var channel in AssistantChannels.All)
        {
            if (PromptOf(effectiveSettings, channel) is { } text && text != TenantPrompts.DefaultText(channel))
            {
                tenant.Raise(new TenantPromptSaved(id, channel, 1, text, TenantPrompts.CreationNote, null, null, null, createdAt));
            }
        }

        return tenant;
    }

    /// <summary>Gives the business a number to answer; returns it in E.164.</summary>
    public string AssignPhoneNumber(string phoneNumber, DateTimeOffset assignedAt)
    {
        if (!IsraeliPhoneNumber.TryNormalize(phoneNumber, out var e164))
        {
            throw new DomainException("tenant.phone_invalid", "מספר הטלפון אינו תקין.");
        }

        if (_phoneNumbers.Contains(e164, StringComparer.Ordinal))
        {
            throw new DomainException("tenant.number_already_assigned", $"המספר {e164} כבר משויך לעסק הזה.");
        }

        Raise(new TenantPhoneNumberAssigned(Id, e164, assignedAt));
        return e164;
    }

    public string ReleasePhoneNumber(string phoneNumber, DateTimeOffset releasedAt)
    {
        if (!IsraeliPhoneNumber.TryNormalize(phoneNumber, out var e164) || !_phoneNumbers.Contains(e164, StringComparer.Ordinal))
        {
            throw new DomainException("tenant.number_not_assigned", "המספר אינו משויך לעסק הזה.");
        }

        Raise(new TenantPhoneNumberReleased(Id, e164, releasedAt));
        return e164;
    }

    /// <summary>Routes WhatsApp messages addressed to the identifier to this business; returns it normalised.</summary>
    public string AddWhatsAppIdentifier(string identifier, DateTimeOffset addedAt)
    {
        if (!WhatsAppIdentifier.TryNormalize(identifier, out var normalised))
        {
            throw new DomainException("tenant.whatsapp_invalid", "מזהה הוואטסאפ אינו תקין.");
        }

        if (_whatsAppIdentifiers.Contains(normalised, StringComparer.Ordinal))
        {
            throw new DomainException("tenant.whatsapp_already_added", $"המזהה {normalised} כבר משויך לעסק הזה.");
        }

        Raise(new TenantWhatsAppIdentifierAdded(Id, normalised, addedAt));
        return normalised;
    }

    public string RemoveWhatsAppIdentifier(string identifier, DateTimeOffset removedAt)
    {
        if (!WhatsAppIdentifier.TryNormalize(identifier, out var normalised) || !_whatsAppIdentifiers.Contains(normalised, StringComparer.Ordinal))
        {
            throw new DomainException("tenant.whatsapp_not_found", "מזהה הוואטסאפ אינו משויך לעסק הזה.");
        }

        Raise(new TenantWhatsAppIdentifierRemoved(Id, normalised, removedAt));
        return normalised;
    }

    /// <summary>Stops the business's service: calls to its numbers are refused until it is reactivated.</summary>
    public void Suspend(string reason, DateTimeOffset suspendedAt)
    {
        if (Status == TenantStatus.Suspended)
        {
            throw new DomainException("tenant.already_suspended", "העסק כבר מושהה.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("tenant.suspension_reason_required", "יש לציין סיבה להשהיית העסק.");
        }

        var trimmed = reason.Trim();
        if (trimmed.Length > MaxSuspensionReasonLength)
        {
            throw new DomainException("tenant.suspension_reason_too_long", $"סיבת ההשהיה ארוכה מדי (עד {MaxSuspensionReasonLength} תווים).");
        }

        Raise(new TenantSuspended(Id, trimmed, suspendedAt));
    }

    public void Reactivate(DateTimeOffset reactivatedAt)
    {
        if (Status != TenantStatus.Suspended)
        {
            throw new DomainException("tenant.not_suspended", "העסק אינו מושהה.");
        }

        Raise(new TenantReactivated(Id, reactivatedAt));
    }

    /// <summary>Sets new limits; the same limits change nothing.</summary>
    public void ChangeLimits(TenantLimits limits, DateTimeOffset changedAt)
    {
        if (limits is null)
        {
            throw new DomainException("tenant.limits_required", "חסרות מגבלות השיחות.");
        }

        limits.EnsureValid();
        if (limits == Limits)
        {
            return;
        }

        Raise(new TenantLimitsChanged(Id, limits, changedAt));
    }

    /// <summary>
    /// Replaces the settings document; returns the names of the settings that changed (none: no event). The document's
    /// <c>inboundPrompt</c> and <c>outboundPrompt</c> are the current versions of those prompts: a changed one is saved as
    /// the prompt's next version by <paramref name="author"/> (its own event), the rest of the changes as the settings change.
    /// </summary>
    public IReadOnlyList<string> ChangeSettings(TenantSettings settings, DateTimeOffset changedAt, PromptAuthor? author = null)
    {
        TenantSettingsRules.EnsureValid(settings);
        settings = WithNormalisedPrompts(settings);
        var changed = settings.ChangedSince(Settings);
        foreach (var channel in AssistantChannels.All)
        {
            if (TenantPrompts.SettingsField(channel) is { } field && changed.Contains(field, StringComparer.Ordinal))
            {
                Raise(new TenantPromptSaved(Id, channel, CurrentPrompt(channel).Version + 1, PromptOf(settings, channel)!, TenantPrompts.SettingsNote,
                    null, author?.UserId, author?.Name, changedAt));
            }
        }

        var rest = settings.ChangedSince(Settings);
        if (rest.Count > 0)
        {
            Raise(new TenantSettingsChanged(Id, settings, rest, changedAt));
        }

        return changed;
    }

    /// <summary>The channel's current prompt: its latest version, or version 0 with the default text.</summary>
    public CurrentPrompt CurrentPrompt(AssistantChannel channel) =>
        _promptVersions.TryGetValue(channel, out var versions) && versions.Count > 0
            ? new CurrentPrompt(channel, versions.Count, versions[^1])
            : new CurrentPrompt(channel, 0, TenantPrompts.DefaultText(channel));

    /// <summary>The text of a version of the channel's prompt (0: the default); null when there is no such version.</summary>
    public string? PromptText(AssistantChannel channel, int version)
    {
        if (version == 0)
        {
            return TenantPrompts.DefaultText(channel);
        }

        return version > 0 && _promptVersions.TryGetValue(channel, out var versions) && version <= versions.Count ? versions[version - 1] : null;
    }

    /// <summary>
    /// Saves <paramref name="text"/> as the channel's next prompt version, made on <paramref name="baseVersion"/> (the
    /// version its author edited). The current text again records nothing (<see cref="PromptSaveOutcome.Unchanged"/>, whatever
    /// the base); a base that is no longer current records nothing either (<see cref="PromptSaveOutcome.Stale"/>), so that a
    /// save never silently replaces a version its author has not seen.
    /// </summary>
    public PromptSaveOutcome SavePrompt(
        AssistantChannel channel, string? text, string? note, int baseVersion, PromptAuthor author, DateTimeOffset savedAt)
    {
        EnsureChannel(channel);
        var clean = TenantPrompts.CleanText(text);
        var cleanNote = TenantPrompts.CleanNote(note);
        return Record(channel, clean, cleanNote, restoredFrom: null, baseVersion, author, savedAt);
    }

    /// <summary>
    /// Makes the text of <paramref name="version"/> the channel's prompt again, as a new version (history stays as it was).
    /// Without a note the version says which one it restores. With <paramref name="baseVersion"/> it applies only while that
    /// version is current. A <see cref="DomainException"/> when the channel has no such version.
    /// </summary>
    public PromptSaveOutcome RestorePrompt(
        AssistantChannel channel, int version, string? note, int? baseVersion, PromptAuthor author, DateTimeOffset savedAt)
    {
        EnsureChannel(channel);
        var text = PromptText(channel, version)
                   ?? throw new DomainException("prompt.version_not_found", $"אין גרסה {version} להנחיות של הערוץ הזה.");
        var cleanNote = TenantPrompts.CleanNote(note) ?? TenantPrompts.RollbackNote(version);
        return Record(channel, text, cleanNote, version, baseVersion, author, savedAt);
    }

    /// <summary>Renames the business and/or moves it to another time zone, keeping its address; the same profile changes nothing.</summary>
    public void ChangeProfile(string name, string timeZone, DateTimeOffset changedAt) => ChangeProfile(name, timeZone, Address, changedAt);

    /// <summary>
    /// Sets the business's name, time zone and street address (null or blank: none); the same profile changes nothing.
    /// </summary>
    public void ChangeProfile(string name, string timeZone, string? address, DateTimeOffset changedAt)
    {
        var validName = ValidName(name);
        var validTimeZone = ValidTimeZone(timeZone);
        var validAddress = ValidAddress(address);
        if (validName == Name && validTimeZone == TimeZone && validAddress == Address)
        {
            return;
        }

        Raise(new TenantProfileChanged(Id, validName, validTimeZone, changedAt, validAddress));
    }

    /// <summary>The address trimmed, null when blank; a <see cref="DomainException"/> when too long or on several lines.</summary>
    public static string? ValidAddress(string? address)
    {
        var trimmed = address?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > MaxAddressLength)
        {
            throw new DomainException("tenant.address_too_long", $"הכתובת ארוכה מדי (עד {MaxAddressLength} תווים).");
        }

        if (trimmed.Contains('\n') || trimmed.Contains('\r'))
        {
            throw new DomainException("tenant.address_multiline", "הכתובת צריכה להיות בשורה אחת.");
        }

        return trimmed;
    }

    protected override void Apply(IDomainEvent @event)
    {
        switch (@event)
        {
            case TenantCreated e:
                Id = e.TenantId;
                Name = e.Name;
                Slug = e.Slug;
                TimeZone = e.TimeZone;
                Limits = e.Limits;
                Settings = e.Settings;
                Status = TenantStatus.Active;
                CreatedAt = e.CreatedAt;
                break;
            case TenantPhoneNumberAssigned e:
                _phoneNumbers.Add(e.PhoneNumber);
                break;
            case TenantPhoneNumberReleased e:
                _phoneNumbers.Remove(e.PhoneNumber);
                break;
            case TenantWhatsAppIdentifierAdded e:
                _whatsAppIdentifiers.Add(e.Identifier);
                break;
            case TenantWhatsAppIdentifierRemoved e:
                _whatsAppIdentifiers.Remove(e.Identifier);
                break;
            case TenantSuspended e:
                Status = TenantStatus.Suspended;
                SuspensionReason = e.Reason;
                SuspendedAt = e.SuspendedAt;
                break;
            case TenantReactivated:
                Status = TenantStatus.Active;
                SuspensionReason = null;
                SuspendedAt = null;
                break;
            case TenantLimitsChanged e:
                Limits = e.Limits;
                break;
            case TenantSettingsChanged e:
                Settings = e.Settings;
                // Recorded before prompts had versions: a prompt changed through the settings is that prompt's next version.
                foreach (var channel in AssistantChannels.All)
                {
                    if (TenantPrompts.SettingsField(channel) is { } field && e.ChangedSettings.Contains(field, StringComparer.Ordinal))
                    {
                        Versions(channel).Add(PromptOf(e.Settings, channel)!);
                    }
                }

                break;
            case TenantProfileChanged e:
                Name = e.Name;
                TimeZone = e.TimeZone;
                Address = e.Address;
                break;
            case TenantPromptSaved e:
                Versions(e.Channel).Add(e.Text);
                Settings = e.Channel switch
                {
                    AssistantChannel.InboundCall => Settings with { InboundPrompt = e.Text },
                    AssistantChannel.OutboundCall => Settings with { OutboundPrompt = e.Text },
                    _ => Settings,
                };
                break;
            default:
                throw new InvalidOperationException($"Tenant cannot apply {@event.GetType().Name}.");
        }
    }

    private PromptSaveOutcome Record(
        AssistantChannel channel, string text, string? note, int? restoredFrom, int? baseVersion, PromptAuthor author, DateTimeOffset savedAt)
    {
        var current = CurrentPrompt(channel);
        if (text == current.Text)
        {
            return PromptSaveOutcome.Unchanged;
        }

        if (baseVersion is { } seen && seen != current.Version)
        {
            return PromptSaveOutcome.Stale;
        }

        Raise(new TenantPromptSaved(Id, channel, current.Version + 1, text, note, restoredFrom, author.UserId, author.Name, savedAt));
        return PromptSaveOutcome.Saved;
    }

    private List<string> Versions(AssistantChannel channel)
    {
        if (!_promptVersions.TryGetValue(channel, out var versions))
        {
            _promptVersions[channel] = versions = [];
        }

        return versions;
    }

    private static void EnsureChannel(AssistantChannel channel)
    {
        if (!AssistantChannels.IsDefined(channel))
        {
            throw new DomainException("prompt.channel_unknown", $"הערוץ אינו מוכר. אפשר לבחור: {AssistantChannels.Names}.");
        }
    }

    /// <summary>The settings document's text for a channel's prompt, when the document holds one.</summary>
    private static string? PromptOf(TenantSettings settings, AssistantChannel channel) => channel switch
    {
        AssistantChannel.InboundCall => settings.InboundPrompt,
        AssistantChannel.OutboundCall => settings.OutboundPrompt,
        _ => null,
    };

    private static TenantSettings WithNormalisedPrompts(TenantSettings settings) => settings with
    {
        InboundPrompt = TenantPrompts.Normalise(settings.InboundPrompt),
        OutboundPrompt = TenantPrompts.Normalise(settings.OutboundPrompt),
    };

    private static string ValidName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("tenant.name_required", "יש להזין את שם העסק.");
        }

        var trimmed = name.Trim();
        if (trimmed.Length > MaxNameLength)
        {
            throw new DomainException("tenant.name_too_long", $"שם העסק ארוך מדי (עד {MaxNameLength} תווים).");
        }

        return trimmed;
    }

    private static string ValidTimeZone(string? timeZone)
    {
        var trimmed = timeZone?.Trim();
        if (!TenantTimeZone.IsValid(trimmed))
        {
            throw new DomainException("tenant.time_zone_invalid", "אזור הזמן אינו מוכר (יש להשתמש בשם IANA, למשל Asia/Jerusalem).");
        }

        return trimmed!;
    }
}
