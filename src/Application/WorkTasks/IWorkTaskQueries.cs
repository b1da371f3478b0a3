using ProSaaS.Application.Common.Paging;
using ProSaaS.Domain.Common;
using ProSaaS.Domain.WorkTasks;

namespace ProSaaS.Application.WorkTasks;

/// <summary>Reads of the <c>tasks</c> read model, each row with its assignee and lead joined in the same query.</summary>
public interface IWorkTaskQueries
{
    Task<WorkTaskView?> GetAsync(string tenantId, Guid taskId, CancellationToken cancellationToken);

    /// <summary>Earliest due first, tasks without a due time last, then by id.</summary>
    Task<IReadOnlyList<WorkTaskView>> ListByDueAsync(string tenantId, WorkTaskFilter filter, DueCursor? after, int limit, CancellationToken cancellationToken);

    /// <summary>In board order: by position, then by id.</summary>
    Task<IReadOnlyList<WorkTaskView>> ListByPositionAsync(string tenantId, WorkTaskFilter filter, PositionCursor? after, int limit, CancellationToken cancellationToken);

    /// <summary>Every column with its task count and its first <paramref name="perColumn"/> tasks in board order, in one query.</summary>
    Task<IReadOnlyList<BoardColumnRows>> BoardAsync(string tenantId, WorkTaskFilter filter, int perColumn, CancellationToken cancellationToken);

    /// <summary>A position after every task of the column: where a task goes when no position is given.</summary>
    Task<double> EndOfColumnAsync(string tenantId, WorkTaskStatus status, CancellationToken cancellationToken);
}

/// <summary>
/// Filters of a task list. <see cref="Unassigned"/> keeps tasks with no assignee. A due range (<see cref="DueFrom"/>
/// inclusive, <see cref="DueBefore"/> exclusive) keeps tasks that are not done and have a due time in it.
/// </summary>
public sealed record WorkTaskFilter(
    WorkTaskStatus? Status = null,
    Guid? AssigneeUserId = null,
    bool Unassigned = false,
    Guid? LeadId = null,
    DateTimeOffset? DueFrom = null,
    DateTimeOffset? DueBefore = null)
{
    public bool HasDueRange => DueFrom is not null || DueBefore is not null;
}

public sealed record BoardColumnRows(WorkTaskStatus Status, long Count, IReadOnlyList<WorkTaskView> Items);

/// <summary>
/// A task with its assignee's display name and its lead's name and phone. <see cref="DueWindow"/> places the due
/// time of a task that is not done on the business's calendar (overdue, today, upcoming).
/// </summary>
public sealed record WorkTaskView(
    Guid Id,
    string Title,
    string? Description,
    WorkTaskStatus Status,
    double Position,
    DateTimeOffset? DueAt,
    DueWindow? DueWindow,
    Guid? AssigneeUserId,
    string? AssigneeName,
    Guid? LeadId,
    string? LeadName,
    string? LeadPhone,
    DateTimeOffset? NotifiedAt,
    string? CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version);

/// <summary><see cref="Next"/> is the cursor of the following page, or null on the last page.</summary>
public sealed record WorkTaskPage(IReadOnlyList<WorkTaskView> Items, string? Next);

/// <summary>The three columns of the board, always in the order open, in progress, done.</summary>
public sealed record TaskBoard(IReadOnlyList<TaskBoardColumn> Columns);

/// <summary>
/// A column: how many tasks it holds, the first of them in board order, and the cursor that continues the column with
/// <c>GET /api/v1/tasks?status=…&amp;sort=position&amp;next=…</c> (null when all are shown).
/// </summary>
public sealed record TaskBoardColumn(WorkTaskStatus Status, long Count, IReadOnlyList<WorkTaskView> Items, string? Next);
