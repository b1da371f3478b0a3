using FluentValidation;
using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;

namespace ProSaaS.Application.Reminders.ReopenReminder;

/// <summary>Opens a completed reminder again; reopening an open one changes nothing. Returns the reminder's version.</summary>
public sealed record ReopenReminder(Guid ReminderId) : IRequest<long>;

public sealed class ReopenReminderHandler(IEventStore eventStore, IReminderQueries reminders, IRequestContext context, TimeProvider clock)
    : IRequestHandler<ReopenReminder, long>
{
    public Task<long> Handle(ReopenReminder request, CancellationToken cancellationToken) =>
        ConcurrencyRetry.RunAsync(retry: true, async () =>
        {
            var reminder = await ReminderRules.LoadForChangeAsync(reminders, eventStore, context, request.ReminderId, null, cancellationToken);
            reminder.Reopen(clock.GetUtcNow());
            await eventStore.SaveAsync(reminder, cancellationToken);
            return reminder.Version;
        });
}

public sealed class ReopenReminderValidator : AbstractValidator<ReopenReminder>
{
    public ReopenReminderValidator() => RuleFor(x => x.ReminderId).NotEmpty().WithMessage("חסר מזהה תזכורת.");
}
