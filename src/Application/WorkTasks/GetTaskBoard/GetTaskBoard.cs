using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Paging;
using ProSaaS.Application.Common.Scheduling;
using ProSaaS.Application.WorkTasks.ListTasks;
using ProSaaS.Domain.WorkTasks;

namespace ProSaaS.Application.WorkTasks.GetTaskBoard;

/// <summary>The board: the three columns, each with its task count and first <see cref="Limit"/> tasks in board order.</summary>
public sealed record GetTaskBoard(string? Assignee = null, Guid? LeadId = null, int Limit = PageLimits.Default) : IRequest<TaskBoard>;

public sealed class GetTaskBoardHandler(IWorkTaskQueries tasks, ITenantTimeZones zones, IRequestContext context, TimeProvider clock)
    : IRequestHandler<GetTaskBoard, TaskBoard>
{
    public async Task<TaskBoard> Handle(GetTaskBoard request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        var zone = await zones.GetAsync(tenantId, cancellationToken);
        var now = clock.GetUtcNow();
        // One more per column than shown tells whether the column goes on.
        var columns = await tasks.BoardAsync(tenantId, TaskFilters.From(request.Assignee, request.LeadId, context), request.Limit + 1, cancellationToken);
        return new TaskBoard(Enum.GetValues<WorkTaskStatus>().Select(status =>
        {
            var column = columns.FirstOrDefault(c => c.Status == status);
            var rows = column?.Items ?? [];
            var items = rows.Take(request.Limit).Select(t => TaskRules.Placed(t, now, zone)).ToList();
            var next = rows.Count > request.Limit ? new PositionCursor(items[^1].Position, items[^1].Id).Encode() : null;
            return new TaskBoardColumn(status, column?.Count ?? 0, items, next);
        }).ToList());
    }
}
