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
/// Who made the change is the event's user name. The document's <c>inboundPrompt</c> and <c>outboundPrompt</c> mirror the
/// current prompt versions (<see cref="TenantPromptSaved"/>); an event that names either of them among its changed settings
/// was recorded before prompts had versions, and counts as that prompt's next version.
/// </summary>
[EventType("tenant_settings_changed")]
public sealed record TenantSettingsChanged(
    Guid TenantId,
    TenantSettings Settings,
    IReadOnlyList<string> ChangedSettings,
    DateTimeOffset ChangedAt) : IDomainEvent;

/// <summary>
/// The business's name, time zone and street address as they are now (<see cref="Address"/> null: none; events recorded
/// before addresses existed carry none).
/// </summary>
[EventType("tenant_profile_changed")]
public sealed record TenantProfileChanged(Guid TenantId, string Name, string TimeZone, DateTimeOffset ChangedAt, string? Address = null) : IDomainEvent;

/// <summary>
/// A new version of the business's prompt for <see cref="Channel"/>: <see cref="Version"/> is the next number (1, 2, …),
/// <see cref="Text"/> the whole prompt. <see cref="RestoredFrom"/> names the version whose text a rollback brought back.
/// The author is the user or API key (<see cref="AuthorId"/>) and the name shown for them when it was saved.
/// </summary>
[EventType("tenant_prompt_saved")]
public sealed record TenantPromptSaved(
    Guid TenantId,
    AssistantChannel Channel,
    int Version,
    string Text,
    string? Note,
    int? RestoredFrom,
    string? AuthorId,
    string? AuthorName,
    DateTimeOffset SavedAt) : IDomainEvent;
