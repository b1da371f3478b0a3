using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.Scheduling;

namespace ProSaaS.Application.WorkTasks.GetTask;

/// <summary>One task of the current business with its assignee and lead.</summary>
public sealed record GetTask(Guid TaskId) : IRequest<WorkTaskView>;

public sealed class GetTaskHandler(IWorkTaskQueries tasks, ITenantTimeZones zones, IRequestContext context, TimeProvider clock)
    : IRequestHandler<GetTask, WorkTaskView>
{
    public async Task<WorkTaskView> Handle(GetTask request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        var view = await tasks.GetAsync(tenantId, request.TaskId, cancellationToken) ?? throw new NotFoundException("task", request.TaskId);
        return TaskRules.Placed(view, clock.GetUtcNow(), await zones.GetAsync(tenantId, cancellationToken));
    }
}
