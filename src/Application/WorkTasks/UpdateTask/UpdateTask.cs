using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Common.Scheduling;
using ProSaaS.Application.Users;

namespace ProSaaS.Application.WorkTasks.UpdateTask;

/// <summary>
/// Replaces a task's title, description, due time and assignee (null clears the last three). The column and place
/// change with a move. A new due time or assignee re-arms the due notification.
/// </summary>
public sealed record UpdateTask(
    Guid TaskId,
    string? Title,
    string? Description = null,
    string? DueAt = null,
    Guid? AssigneeUserId = null,
    long? ExpectedVersion = null) : IRequest<long>;

public sealed class UpdateTaskHandler(
    IEventStore eventStore, IWorkTaskQueries tasks, IUserQueries users, IRequestContext context, TimeProvider clock)
    : IRequestHandler<UpdateTask, long>
{
    public Task<long> Handle(UpdateTask request, CancellationToken cancellationToken) =>
        ConcurrencyRetry.RunAsync(request.ExpectedVersion is null, async () =>
        {
            var task = await TaskRules.LoadForChangeAsync(tasks, eventStore, context, request.TaskId, request.ExpectedVersion, cancellationToken);
            if (request.AssigneeUserId != task.AssigneeUserId)
            {
                TaskRules.EnsureMayReassign(task, context);
                await TaskRules.EnsureAssignableAsync(users, context.RequireTenant(), request.AssigneeUserId, cancellationToken);
            }

            var now = clock.GetUtcNow();
            task.Update(request.Title, request.Description, InstantText.ParseOptional(request.DueAt), now);
            task.Assign(request.AssigneeUserId, now);
            await eventStore.SaveAsync(task, cancellationToken);
            return task.Version;
        });
}
