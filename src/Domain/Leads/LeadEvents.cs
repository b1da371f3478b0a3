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

/// <summary>
/// The lead was deleted by the business (alone or in a bulk delete). Everything hanging off it — notes, files,
/// reminders, tasks, appointments, activity — is removed in the same transaction by the projections that own it,
/// and the personal details in the lead's recorded events are erased.
/// </summary>
[EventType("lead_deleted")]
public sealed record LeadDeleted(
    Guid LeadId,
    string Status,
    string? Reason,
    DateTimeOffset DeletedAt) : IDomainEvent;

/// <summary>
/// Someone corrected or completed the lead's details. Only what changed is recorded: null means unchanged, an empty
/// e-mail means removed; <see cref="SetFields"/> are added or replaced and <see cref="RemovedFields"/> removed.
/// </summary>
[EventType("lead_details_changed")]
public sealed record LeadDetailsChanged(
    Guid LeadId,
    string? Name,
    string? Phone,
    string? Email,
    IReadOnlyDictionary<string, string> SetFields,
    IReadOnlyList<string> RemovedFields,
    DateTimeOffset ChangedAt) : IDomainEvent;

/// <summary>The lead was given to a user of the business to handle (or taken back: no assignee).</summary>
[EventType("lead_assigned")]
public sealed record LeadAssigned(
    Guid LeadId,
    Guid? AssigneeUserId,
    Guid? PreviousAssigneeUserId,
    DateTimeOffset AssignedAt) : IDomainEvent;
