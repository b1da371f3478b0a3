using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Paging;
using ProSaaS.Application.Common.Scheduling;
using ProSaaS.Domain.Common;

namespace ProSaaS.Application.WorkTasks.ListTasks;

/// <summary>
/// One page of the business's tasks. <see cref="Assignee"/> is <c>me</c>, <c>none</c> or a user id; <see cref="Due"/>
/// (<c>overdue</c>, <c>today</c>, <c>upcoming</c>, on the business's calendar) keeps tasks that are not done.
/// <see cref="Sort"/> is <c>due</c> (earliest first, undated last; the default) or <c>position</c> (board order, with a
/// <see cref="Status"/>).
/// </summary>
public sealed record ListTasks(
    string? Status = null,
    string? Assignee = null,
    Guid? LeadId = null,
    string? Due = null,
    string? Sort = null,
    int Limit = PageLimits.Default,
    string? Next = null) : IRequest<WorkTaskPage>
{
    public bool ByPosition => string.Equals(Sort?.Trim(), "position", StringComparison.OrdinalIgnoreCase);
}

public sealed class ListTasksHandler(IWorkTaskQueries tasks, ITenantTimeZones zones, IRequestContext context, TimeProvider clock)
    : IRequestHandler<ListTasks, WorkTaskPage>
{
    public async Task<WorkTaskPage> Handle(ListTasks request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        var zone = await zones.GetAsync(tenantId, cancellationToken);
        var now = clock.GetUtcNow();
        var filter = TaskFilters.From(request.Assignee, request.LeadId, context) with
        {
            Status = WorkTaskStatusText.TryParse(request.Status, out var status) ? status : null,
        };
        if (WorkItemText.TryParseDue(request.Due, out var window))
        {
            var (from, before) = DueWindows.RangeOf(window, now, zone);
            filter = filter with { DueFrom = from, DueBefore = before };
        }

        // One more than asked tells whether another page exists without a count query.
        IReadOnlyList<WorkTaskView> rows;
        if (request.ByPosition)
        {
            PositionCursor.TryDecode(request.Next, out var after);
            rows = await tasks.ListByPositionAsync(tenantId, filter, after, request.Limit + 1, cancellationToken);
        }
        else
        {
            DueCursor.TryDecode(request.Next, out var after);
            rows = await tasks.ListByDueAsync(tenantId, filter, after, request.Limit + 1, cancellationToken);
        }

        var items = rows.Take(request.Limit).Select(t => TaskRules.Placed(t, now, zone)).ToList();
        string? next = null;
        if (rows.Count > request.Limit)
        {
            var last = items[^1];
            next = request.ByPosition ? new PositionCursor(last.Position, last.Id).Encode() : new DueCursor(last.DueAt, last.Id).Encode();
        }

        return new WorkTaskPage(items, next);
    }
}

internal static class TaskFilters
{
    public static WorkTaskFilter From(string? assignee, Guid? leadId, IRequestContext context) =>
        string.IsNullOrWhiteSpace(assignee) ? new WorkTaskFilter(LeadId: leadId)
        : WorkItemText.IsNobody(assignee) ? new WorkTaskFilter(Unassigned: true, LeadId: leadId)
        : new WorkTaskFilter(AssigneeUserId: WorkItemText.PersonOf(assignee, context.UserId), LeadId: leadId);
}
