using FluentValidation;
using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;

namespace ProSaaS.Application.Reminders.DeleteReminder;

/// <summary>Deletes a reminder and its notifications. Its history stays in its stream.</summary>
public sealed record DeleteReminder(Guid ReminderId) : IRequest<Unit>;

public sealed class DeleteReminderHandler(IEventStore eventStore, IReminderQueries reminders, IRequestContext context, TimeProvider clock)
    : IRequestHandler<DeleteReminder, Unit>
{
    public Task<Unit> Handle(DeleteReminder request, CancellationToken cancellationToken) =>
        ConcurrencyRetry.RunAsync(retry: true, async () =>
        {
            var reminder = await ReminderRules.LoadForChangeAsync(reminders, eventStore, context, request.ReminderId, null, cancellationToken);
            reminder.Delete(clock.GetUtcNow());
            await eventStore.SaveAsync(reminder, cancellationToken);
            return Unit.Value;
        });
}

public sealed class DeleteReminderValidator : AbstractValidator<DeleteReminder>
{
    public DeleteReminderValidator() => RuleFor(x => x.ReminderId).NotEmpty().WithMessage("חסר מזהה תזכורת.");
}
