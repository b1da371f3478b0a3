using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Common.Scheduling;
using ProSaaS.Application.Users;

namespace ProSaaS.Application.Reminders.ChangeReminder;

/// <summary>
/// Changes a reminder's text, due time and owner; an omitted owner stays. A new due time or owner re-arms the due
/// notification. With <see cref="ExpectedVersion"/> the change applies only to the version the caller read.
/// </summary>
public sealed record ChangeReminder(Guid ReminderId, string? Text, string? DueAt, Guid? OwnerUserId = null, long? ExpectedVersion = null)
    : IRequest<long>;

public sealed class ChangeReminderHandler(
    IEventStore eventStore, IReminderQueries reminders, IUserQueries users, IRequestContext context, TimeProvider clock)
    : IRequestHandler<ChangeReminder, long>
{
    public Task<long> Handle(ChangeReminder request, CancellationToken cancellationToken) =>
        ConcurrencyRetry.RunAsync(request.ExpectedVersion is null, async () =>
        {
            var reminder = await ReminderRules.LoadForChangeAsync(reminders, eventStore, context, request.ReminderId, request.ExpectedVersion, cancellationToken);
            var owner = reminder.OwnerUserId;
            if (request.OwnerUserId is { } chosen && chosen != reminder.OwnerUserId)
            {
                owner = await ReminderRules.ResolveOwnerAsync(users, context, context.RequireTenant(), chosen, cancellationToken);
            }

            reminder.Change(request.Text, InstantText.Parse(request.DueAt!), owner, clock.GetUtcNow());
            await eventStore.SaveAsync(reminder, cancellationToken);
            return reminder.Version;
        });
}
