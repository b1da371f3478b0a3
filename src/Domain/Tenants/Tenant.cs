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

    private readonly List<string> _phoneNumbers = [];
    private readonly List<string> _whatsAppIdentifiers = [];

    private Tenant()
    {
    }

    public string Name { get; private set; } = string.Empty;
    public string Slug { get; private set; } = string.Empty;
    public string TimeZone { get; private set; } = TenantTimeZone.Default;
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

        var tenant = new Tenant();
        tenant.Raise(new TenantCreated(
            id,
            validName,
            normalisedSlug!,
            validTimeZone,
            effectiveLimits,
            effectiveSettings,
            createdAt));
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

    /// <summary>Replaces the settings document; returns the names of the settings that changed (none: no event).</summary>
    public IReadOnlyList<string> ChangeSettings(TenantSettings settings, DateTimeOffset changedAt)
    {
        TenantSettingsRules.EnsureValid(settings);
        var changed = settings.ChangedSince(Settings);
        if (changed.Count > 0)
        {
            Raise(new TenantSettingsChanged(Id, settings, changed, changedAt));
        }

        return changed;
    }

    /// <summary>Renames the business and/or moves it to another time zone; the same profile changes nothing.</summary>
    public void ChangeProfile(string name, string timeZone, DateTimeOffset changedAt)
    {
        var validName = ValidName(name);
        var validTimeZone = ValidTimeZone(timeZone);
        if (validName == Name && validTimeZone == TimeZone)
        {
            return;
        }

        Raise(new TenantProfileChanged(Id, validName, validTimeZone, changedAt));
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
                break;
            case TenantProfileChanged e:
                Name = e.Name;
                TimeZone = e.TimeZone;
                break;
            default:
                throw new InvalidOperationException($"Tenant cannot apply {@event.GetType().Name}.");
        }
    }

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
