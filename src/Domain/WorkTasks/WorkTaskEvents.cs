using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.WorkTasks;

/// <summary>The board's columns. On the wire: <c>open</c>, <c>in_progress</c>, <c>done</c>.</summary>
public enum WorkTaskStatus
{
    Open,
    InProgress,
    Done,
}

/// <summary>
/// A task was put on the board. <see cref="LeadId"/> is set for a task about a lead; <see cref="CreatedBy"/> is the
/// acting user or API key, who is notified of an unassigned task when it comes due.
/// </summary>
[EventType("task_created")]
public sealed record TaskCreated(
    Guid TaskId,
    Guid? LeadId,
    string Title,
    string? Description,
    WorkTaskStatus Status,
    DateTimeOffset? DueAt,
    Guid? AssigneeUserId,
    double Position,
    string? CreatedBy,
    DateTimeOffset CreatedAt) : IDomainEvent;

/// <summary>Title, description or due time changed: the new values of all three, and the due time before.</summary>
[EventType("task_updated")]
public sealed record TaskUpdated(
    Guid TaskId,
    Guid? LeadId,
    string Title,
    string? Description,
    DateTimeOffset? DueAt,
    DateTimeOffset? FromDueAt,
    DateTimeOffset UpdatedAt) : IDomainEvent
{
    /// <summary>A changed due time is owed its own notification.</summary>
    public bool MovesDueTime() => DueAt != FromDueAt;
}

/// <summary>The task moved to another column or to another place in its column.</summary>
[EventType("task_moved")]
public sealed record TaskMoved(
    Guid TaskId,
    Guid? LeadId,
    WorkTaskStatus FromStatus,
    WorkTaskStatus Status,
    double Position,
    DateTimeOffset MovedAt) : IDomainEvent;

/// <summary>The task was given to a user (or, with a null assignee, unassigned); the new assignee is owed a notification.</summary>
[EventType("task_assigned")]
public sealed record TaskAssigned(
    Guid TaskId,
    Guid? LeadId,
    Guid? FromAssigneeUserId,
    Guid? AssigneeUserId,
    DateTimeOffset AssignedAt) : IDomainEvent;

[EventType("task_deleted")]
public sealed record TaskDeleted(
    Guid TaskId,
    Guid? LeadId,
    DateTimeOffset DeletedAt) : IDomainEvent;

/// <summary>
/// The task's due time passed while it was not done. <see cref="Recipient"/> is who is notified: the assignee's user id,
/// or for an unassigned task whoever created it (a user's id, or "key:" and an API key's id); null when neither is known.
/// </summary>
[EventType("task_came_due")]
public sealed record TaskCameDue(
    Guid TaskId,
    Guid? LeadId,
    string? Recipient,
    string Title,
    DateTimeOffset DueAt,
    DateTimeOffset NotifiedAt) : IDomainEvent;
