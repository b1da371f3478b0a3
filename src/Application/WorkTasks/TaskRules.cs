using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Reminders;
using ProSaaS.Application.Users;
using ProSaaS.Domain.Common;
using ProSaaS.Domain.Users;
using ProSaaS.Domain.WorkTasks;

namespace ProSaaS.Application.WorkTasks;

/// <summary>
/// Who may do what on the task board. The board is shared: everyone from agent up may create tasks (assigned to any
/// enabled user of the business), edit them and move them. Giving a task that someone else holds to another person,
/// and deleting a task, are for its creator, its assignee, and admins and up.
/// </summary>
public static class TaskRules
{
    public const string AssigneeUnknownCode = "task.assignee_unknown";

    public static async Task EnsureAssignableAsync(IUserQueries users, string tenantId, Guid? assigneeUserId, CancellationToken cancellationToken)
    {
        if (assigneeUserId is { } assignee && !await ReminderRules.IsEnabledUserAsync(users, tenantId, assignee, cancellationToken))
        {
            throw new BusinessRuleException(AssigneeUnknownCode, "המשתמש שנבחר למשימה אינו משתמש פעיל של העסק.");
        }
    }

    /// <summary>The task as its stream tells: 404 when the business has no such task (its lead deleted included).</summary>
    public static async Task<WorkTask> LoadForChangeAsync(
        IWorkTaskQueries tasks, IEventStore eventStore, IRequestContext context, Guid taskId, long? expectedVersion, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        // The read model first: it has no row for another business's task, a deleted one, or one whose lead is gone.
        _ = await tasks.GetAsync(tenantId, taskId, cancellationToken) ?? throw new NotFoundException("task", taskId);
        var task = await eventStore.AggregateStreamAsync<WorkTask>(taskId, cancellationToken: cancellationToken);
        if (task is null || task.IsDeleted)
        {
            throw new NotFoundException("task", taskId);
        }

        if (expectedVersion is { } expected && expected != task.Version)
        {
            throw new ConcurrencyException(taskId, expected, task.Version);
        }

        return task;
    }

    /// <summary>Reassigning a task someone else holds: its creator, its assignee, admins and up.</summary>
    public static void EnsureMayReassign(WorkTask task, IRequestContext context)
    {
        if (task.AssigneeUserId is null || context.RequireRole().IsAtLeast(Role.Admin) || task.IsAssignedTo(context.UserId) || task.WasCreatedBy(context.UserId))
        {
            return;
        }

        throw new ForbiddenException("Only the task's creator, its assignee or an admin may give it to someone else.");
    }

    public static void EnsureMayDelete(WorkTask task, IRequestContext context)
    {
        if (context.RequireRole().IsAtLeast(Role.Admin) || task.IsAssignedTo(context.UserId) || task.WasCreatedBy(context.UserId))
        {
            return;
        }

        throw new ForbiddenException("Only the task's creator, its assignee or an admin may delete it.");
    }

    /// <summary>The view with its due time placed on the business's calendar.</summary>
    public static WorkTaskView Placed(WorkTaskView view, DateTimeOffset now, TimeZoneInfo zone) =>
        view with
        {
            DueWindow = view.DueAt is { } due && view.Status != WorkTaskStatus.Done ? DueWindows.Classify(due, now, zone) : null,
        };
}

/// <summary>The wire names of the board's columns.</summary>
public static class WorkTaskStatusText
{
    public const string Message = "status חייב להיות open, in_progress או done.";

    public static bool TryParse(string? text, out WorkTaskStatus status)
    {
        status = default;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "open":
                status = WorkTaskStatus.Open;
                return true;
            case "in_progress":
                status = WorkTaskStatus.InProgress;
                return true;
            case "done":
                status = WorkTaskStatus.Done;
                return true;
            default:
                return false;
        }
    }

    public static string ToWire(this WorkTaskStatus status) => status switch
    {
        WorkTaskStatus.Open => "open",
        WorkTaskStatus.InProgress => "in_progress",
        WorkTaskStatus.Done => "done",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
