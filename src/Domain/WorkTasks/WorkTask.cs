using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.WorkTasks;

/// <summary>
/// A card on the business's task board: a title, an optional description, due time, assignee and lead, a column
/// (status) and a place in it. Comes due once per due time and assignee while it is not done.
/// </summary>
[StreamType("task")]
public sealed class WorkTask : AggregateRoot
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 4000;

    private WorkTask()
    {
    }

    public Guid? LeadId { get; private set; }
    public string Title { get; private set; } = "";
    public string? Description { get; private set; }
    public WorkTaskStatus Status { get; private set; }
    public DateTimeOffset? DueAt { get; private set; }
    public Guid? AssigneeUserId { get; private set; }
    public double Position { get; private set; }
    /// <summary>The acting user's id, or "key:" and the acting API key's id.</summary>
    public string? CreatedBy { get; private set; }
    public DateTimeOffset? NotifiedAt { get; private set; }
    public bool IsDeleted { get; private set; }

    public static WorkTask Create(
        Guid id,
        Guid? leadId,
        string? title,
        string? description,
        WorkTaskStatus status,
        DateTimeOffset? dueAt,
        Guid? assigneeUserId,
        double position,
        string? createdBy,
        DateTimeOffset now)
    {
        if (id == Guid.Empty || leadId == Guid.Empty || assigneeUserId == Guid.Empty)
        {
            throw new DomainException("task.id_required", "למשימה חסר מזהה.");
        }

        EnsureStatus(status);
        EnsurePosition(position);
        var task = new WorkTask();
        task.Raise(new TaskCreated(id, leadId, CleanTitle(title), CleanDescription(description), status,
            dueAt is { } due ? Instants.Normalise(due) : null, assigneeUserId, position, createdBy, now));
        return task;
    }

    /// <summary>Sets title, description and due time; one event when any of them changes, none otherwise.</summary>
    public void Update(string? title, string? description, DateTimeOffset? dueAt, DateTimeOffset now)
    {
        EnsureNotDeleted();
        var cleanTitle = CleanTitle(title);
        var cleanDescription = CleanDescription(description);
        var due = dueAt is { } d ? Instants.Normalise(d) : (DateTimeOffset?)null;
        if (string.Equals(cleanTitle, Title, StringComparison.Ordinal)
            && string.Equals(cleanDescription, Description, StringComparison.Ordinal)
            && due == DueAt)
        {
            return;
        }

        Raise(new TaskUpdated(Id, LeadId, cleanTitle, cleanDescription, due, DueAt, now));
    }

    /// <summary>Gives the task to a user, or unassigns it with null. The same assignee changes nothing.</summary>
    public void Assign(Guid? assigneeUserId, DateTimeOffset now)
    {
        EnsureNotDeleted();
        if (assigneeUserId == Guid.Empty)
        {
            throw new DomainException("task.assignee_unknown", "המשתמש שנבחר אינו מוכר בעסק.");
        }

        if (assigneeUserId != AssigneeUserId)
        {
            Raise(new TaskAssigned(Id, LeadId, AssigneeUserId, assigneeUserId, now));
        }
    }

    /// <summary>Moves the task to a column and a place in it. The same column and place changes nothing.</summary>
    public void Move(WorkTaskStatus status, double position, DateTimeOffset now)
    {
        EnsureNotDeleted();
        EnsureStatus(status);
        EnsurePosition(position);
        if (status != Status || !position.Equals(Position))
        {
            Raise(new TaskMoved(Id, LeadId, Status, status, position, now));
        }
    }

    public void Delete(DateTimeOffset now)
    {
        if (!IsDeleted)
        {
            Raise(new TaskDeleted(Id, LeadId, now));
        }
    }

    /// <summary>
    /// Records that the task came due if it is not done, has a due time that has passed and nobody was notified of it
    /// yet; answers whether it did.
    /// </summary>
    public bool ComeDue(DateTimeOffset now)
    {
        if (IsDeleted || Status == WorkTaskStatus.Done || NotifiedAt is not null || DueAt is not { } due || due > now)
        {
            return false;
        }

        Raise(new TaskCameDue(Id, LeadId, AssigneeUserId?.ToString() ?? CreatedBy, Title, due, now));
        return true;
    }

    /// <summary>Whether <paramref name="actorId"/> (a user or API key id) created the task.</summary>
    public bool WasCreatedBy(string? actorId) =>
        actorId is not null && string.Equals(actorId, CreatedBy, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="actorId"/> is the task's assignee.</summary>
    public bool IsAssignedTo(string? actorId) =>
        actorId is not null && AssigneeUserId is { } assignee && string.Equals(actorId, assignee.ToString(), StringComparison.OrdinalIgnoreCase);

    private static string CleanTitle(string? title)
    {
        var trimmed = title?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainException("task.title_required", "למשימה חייבת להיות כותרת.");
        }

        if (trimmed.Length > MaxTitleLength)
        {
            throw new DomainException("task.title_too_long", $"כותרת המשימה ארוכה מדי (עד {MaxTitleLength} תווים).");
        }

        return trimmed;
    }

    private static string? CleanDescription(string? description)
    {
        var trimmed = description?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > MaxDescriptionLength)
        {
            throw new DomainException("task.description_too_long", $"תיאור המשימה ארוך מדי (עד {MaxDescriptionLength} תווים).");
        }

        return trimmed;
    }

    private static void EnsureStatus(WorkTaskStatus status)
    {
        if (!Enum.IsDefined(status))
        {
            throw new DomainException("task.status_unknown", "סטטוס המשימה אינו מוכר (open, in_progress, done).");
        }
    }

    private static void EnsurePosition(double position)
    {
        if (!double.IsFinite(position))
        {
            throw new DomainException("task.position_invalid", "המיקום בלוח חייב להיות מספר.");
        }
    }

    private void EnsureNotDeleted()
    {
        if (IsDeleted)
        {
            throw new DomainException("task.deleted", "המשימה נמחקה.");
        }
    }

    protected override void Apply(IDomainEvent @event)
    {
        switch (@event)
        {
            case TaskCreated e:
                Id = e.TaskId;
                LeadId = e.LeadId;
                Title = e.Title;
                Description = e.Description;
                Status = e.Status;
                DueAt = e.DueAt;
                AssigneeUserId = e.AssigneeUserId;
                Position = e.Position;
                CreatedBy = e.CreatedBy;
                break;
            case TaskUpdated e:
                Title = e.Title;
                Description = e.Description;
                DueAt = e.DueAt;
                if (e.MovesDueTime())
                {
                    NotifiedAt = null;
                }

                break;
            case TaskAssigned e:
                AssigneeUserId = e.AssigneeUserId;
                NotifiedAt = null;
                break;
            case TaskMoved e:
                Status = e.Status;
                Position = e.Position;
                break;
            case TaskDeleted:
                IsDeleted = true;
                break;
            case TaskCameDue e:
                NotifiedAt = e.NotifiedAt;
                break;
            default:
                throw new InvalidOperationException($"Task cannot apply {@event.GetType().Name}.");
        }
    }
}
