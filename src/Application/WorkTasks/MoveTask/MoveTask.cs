using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;

namespace ProSaaS.Application.WorkTasks.MoveTask;

/// <summary>
/// Moves a task to a column (<c>open</c>, <c>in_progress</c>, <c>done</c>) and a place in it. Without
/// <see cref="Position"/> a task that changes column goes to the end of the new one and one that stays keeps its place.
/// </summary>
public sealed record MoveTask(Guid TaskId, string? Status, double? Position = null, long? ExpectedVersion = null) : IRequest<long>;

public sealed class MoveTaskHandler(IEventStore eventStore, IWorkTaskQueries tasks, IRequestContext context, TimeProvider clock)
    : IRequestHandler<MoveTask, long>
{
    public Task<long> Handle(MoveTask request, CancellationToken cancellationToken) =>
        ConcurrencyRetry.RunAsync(request.ExpectedVersion is null, async () =>
        {
            var task = await TaskRules.LoadForChangeAsync(tasks, eventStore, context, request.TaskId, request.ExpectedVersion, cancellationToken);
            WorkTaskStatusText.TryParse(request.Status, out var status);
            var position = request.Position
                           ?? (status == task.Status ? task.Position : await tasks.EndOfColumnAsync(context.RequireTenant(), status, cancellationToken));
            task.Move(status, position, clock.GetUtcNow());
            await eventStore.SaveAsync(task, cancellationToken);
            return task.Version;
        });
}
