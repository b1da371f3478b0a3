using FluentValidation;
using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;

namespace ProSaaS.Application.Reminders.CompleteReminder;

/// <summary>Marks a reminder done; completing a completed reminder changes nothing. Returns the reminder's version.</summary>
public sealed record CompleteReminder(Guid ReminderId) : IRequest<long>;

public sealed class CompleteReminderHandler(IEventStore eventStore, IReminderQueries reminders, IRequestContext context, TimeProvider clock)
    : IRequestHandler<CompleteReminder, long>
{
    public Task<long> Handle(CompleteReminder request, CancellationToken cancellationToken) =>
        ConcurrencyRetry.RunAsync(retry: true, async () =>
        {
            var reminder = await ReminderRules.LoadForChangeAsync(reminders, eventStore, context, request.ReminderId, null, cancellationToken);
            reminder.Complete(clock.GetUtcNow());
            await eventStore.SaveAsync(reminder, cancellationToken);
            return reminder.Version;
        });
}

public sealed class CompleteReminderValidator : AbstractValidator<CompleteReminder>
{
    public CompleteReminderValidator() => RuleFor(x => x.ReminderId).NotEmpty().WithMessage("חסר מזהה תזכורת.");
}
