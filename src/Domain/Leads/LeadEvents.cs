using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.Leads;

public enum LeadSource
{
    Call,
    WhatsApp,
    Api,
    Manual,
}

[EventType("lead_captured")]
public sealed record LeadCaptured(
    Guid LeadId,
    string? Name,
    string? Phone,
    string? Email,
    LeadSource Source,
    IReadOnlyDictionary<string, string> Fields,
    string Status,
    DateTimeOffset CapturedAt) : IDomainEvent;

[EventType("lead_status_changed")]
public sealed record LeadStatusChanged(
    Guid LeadId,
    string FromStatus,
    string ToStatus,
    string? Reason,
    DateTimeOffset ChangedAt) : IDomainEvent;

/// <summary>
/// The same person was captured again (same phone, same business): the new details enrich the existing lead
/// instead of creating a duplicate. Names and e-mails fill only what was missing; fields are added or updated.
/// </summary>
[EventType("lead_capture_merged")]
public sealed record LeadCaptureMerged(
    Guid LeadId,
    LeadSource Source,
    string? Name,
    string? Email,
    IReadOnlyDictionary<string, string> Fields,
    DateTimeOffset CapturedAt) : IDomainEvent;
