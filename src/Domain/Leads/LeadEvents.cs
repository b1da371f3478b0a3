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
