using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Common.Scheduling;
using ProSaaS.Application.Leads;
using ProSaaS.Application.Users;
using ProSaaS.Domain.WorkTasks;

namespace ProSaaS.Application.WorkTasks.CreateTask;

/// <summary>
/// Puts a task on the board of the current business: in <see cref="Status"/> (default <c>open</c>) at
/// <see cref="Position"/> (default: the end of the column), optionally due, assigned and about a lead.
/// </summary>
public sealed record CreateTask(
    string? Title,
    string? Description = null,
    string? Status = null,
    string? DueAt = null,
    Guid? AssigneeUserId = null,
    Guid? LeadId = null,
    double? Position = null) : IRequest<Guid>;

public sealed class CreateTaskHandler(
    IEventStore eventStore, IWorkTaskQueries tasks, ILeadQueries leads, IUserQueries users, IRequestContext context, TimeProvider clock)
    : IRequestHandler<CreateTask, Guid>
{
    public async Task<Guid> Handle(CreateTask request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        if (request.LeadId is { } leadId)
        {
            _ = await leads.GetAsync(tenantId, leadId, cancellationToken) ?? throw new NotFoundException("lead", leadId);
        }

        await TaskRules.EnsureAssignableAsync(users, tenantId, request.AssigneeUserId, cancellationToken);
        var status = WorkTaskStatusText.TryParse(request.Status, out var parsed) ? parsed : WorkTaskStatus.Open;
        var position = request.Position ?? await tasks.EndOfColumnAsync(tenantId, status, cancellationToken);

        var now = clock.GetUtcNow();
        var task = WorkTask.Create(Guid.CreateVersion7(now), request.LeadId, request.Title, request.Description, status,
            InstantText.ParseOptional(request.DueAt), request.AssigneeUserId, position, context.UserId, now);
        // A lead deleted meanwhile fails the append (its row is the task row's foreign key) as a 404.
        await eventStore.SaveAsync(task, cancellationToken);
        return task.Id;
    }
}
