using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.Reminders;

/// <summary>A reminder was set on a lead for one of the business's users. <see cref="CreatedBy"/> is the acting user or API key.</summary>
[EventType("reminder_set")]
public sealed record ReminderSet(
    Guid ReminderId,
    Guid LeadId,
    Guid OwnerUserId,
    string Text,
    DateTimeOffset DueAt,
    string? CreatedBy,
    DateTimeOffset SetAt) : IDomainEvent;

/// <summary>The due time moved; a new due time is owed its own notification.</summary>
[EventType("reminder_rescheduled")]
public sealed record ReminderRescheduled(
    Guid ReminderId,
    Guid LeadId,
    DateTimeOffset FromDueAt,
    DateTimeOffset DueAt,
    DateTimeOffset RescheduledAt) : IDomainEvent;

/// <summary>The reminder was handed to another user, who is owed their own notification.</summary>
[EventType("reminder_reassigned")]
public sealed record ReminderReassigned(
    Guid ReminderId,
    Guid LeadId,
    Guid FromOwnerUserId,
    Guid OwnerUserId,
    DateTimeOffset ReassignedAt) : IDomainEvent;

[EventType("reminder_text_changed")]
public sealed record ReminderTextChanged(
    Guid ReminderId,
    Guid LeadId,
    string Text,
    DateTimeOffset ChangedAt) : IDomainEvent;

[EventType("reminder_completed")]
public sealed record ReminderCompleted(
    Guid ReminderId,
    Guid LeadId,
    DateTimeOffset CompletedAt) : IDomainEvent;

[EventType("reminder_reopened")]
public sealed record ReminderReopened(
    Guid ReminderId,
    Guid LeadId,
    DateTimeOffset ReopenedAt) : IDomainEvent;

[EventType("reminder_deleted")]
public sealed record ReminderDeleted(
    Guid ReminderId,
    Guid LeadId,
    DateTimeOffset DeletedAt) : IDomainEvent;

/// <summary>
/// The reminder's due time passed while it was open: its owner is notified. Recorded once per due time and owner;
/// rescheduling or reassigning re-arms it.
/// </summary>
[EventType("reminder_came_due")]
public sealed record ReminderCameDue(
    Guid ReminderId,
    Guid LeadId,
    Guid OwnerUserId,
    string Text,
    DateTimeOffset DueAt,
    DateTimeOffset NotifiedAt) : IDomainEvent;
