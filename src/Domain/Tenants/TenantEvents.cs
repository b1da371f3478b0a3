using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.Tenants;

public enum TenantStatus
{
    Active,
    Suspended,
}

[EventType("tenant_created")]
public sealed record TenantCreated(
    Guid TenantId,
    string Name,
    string Slug,
    string TimeZone,
    TenantLimits Limits,
    TenantSettings Settings,
    DateTimeOffset CreatedAt) : IDomainEvent;

/// <summary>The business answers calls to <see cref="PhoneNumber"/> (E.164) from now on.</summary>
[EventType("tenant_phone_number_assigned")]
public sealed record TenantPhoneNumberAssigned(Guid TenantId, string PhoneNumber, DateTimeOffset AssignedAt) : IDomainEvent;

[EventType("tenant_phone_number_released")]
public sealed record TenantPhoneNumberReleased(Guid TenantId, string PhoneNumber, DateTimeOffset ReleasedAt) : IDomainEvent;

/// <summary>WhatsApp messages addressed to <see cref="Identifier"/> (a business number in E.164 or a provider's phone-number id) belong to the business.</summary>
[EventType("tenant_whatsapp_identifier_added")]
public sealed record TenantWhatsAppIdentifierAdded(Guid TenantId, string Identifier, DateTimeOffset AddedAt) : IDomainEvent;

[EventType("tenant_whatsapp_identifier_removed")]
public sealed record TenantWhatsAppIdentifierRemoved(Guid TenantId, string Identifier, DateTimeOffset RemovedAt) : IDomainEvent;

[EventType("tenant_suspended")]
public sealed record TenantSuspended(Guid TenantId, string Reason, DateTimeOffset SuspendedAt) : IDomainEvent;

[EventType("tenant_reactivated")]
public sealed record TenantReactivated(Guid TenantId, DateTimeOffset ReactivatedAt) : IDomainEvent;

[EventType("tenant_limits_changed")]
public sealed record TenantLimitsChanged(Guid TenantId, TenantLimits Limits, DateTimeOffset ChangedAt) : IDomainEvent;

/// <summary>
/// The whole new settings document, and the top-level settings (JSON names) that differ from the previous one.
/// Who made the change is the event's user name.
/// </summary>
[EventType("tenant_settings_changed")]
public sealed record TenantSettingsChanged(
    Guid TenantId,
    TenantSettings Settings,
    IReadOnlyList<string> ChangedSettings,
    DateTimeOffset ChangedAt) : IDomainEvent;

[EventType("tenant_profile_changed")]
public sealed record TenantProfileChanged(Guid TenantId, string Name, string TimeZone, DateTimeOffset ChangedAt) : IDomainEvent;
