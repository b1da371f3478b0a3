using FluentValidation;
using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;

namespace ProSaaS.Application.WorkTasks.DeleteTask;

/// <summary>Deletes a task and its notifications: its creator, its assignee, admins and up. Its history stays in its stream.</summary>
public sealed record DeleteTask(Guid TaskId) : IRequest<Unit>;

public sealed class DeleteTaskHandler(IEventStore eventStore, IWorkTaskQueries tasks, IRequestContext context, TimeProvider clock)
    : IRequestHandler<DeleteTask, Unit>
{
    public Task<Unit> Handle(DeleteTask request, CancellationToken cancellationToken) =>
        ConcurrencyRetry.RunAsync(retry: true, async () =>
        {
            var task = await TaskRules.LoadForChangeAsync(tasks, eventStore, context, request.TaskId, null, cancellationToken);
            TaskRules.EnsureMayDelete(task, context);
            task.Delete(clock.GetUtcNow());
            await eventStore.SaveAsync(task, cancellationToken);
            return Unit.Value;
        });
}

public sealed class DeleteTaskValidator : AbstractValidator<DeleteTask>
{
    public DeleteTaskValidator() => RuleFor(x => x.TaskId).NotEmpty().WithMessage("חסר מזהה משימה.");
}
