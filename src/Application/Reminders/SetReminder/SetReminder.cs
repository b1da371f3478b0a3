using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Common.Scheduling;
using ProSaaS.Application.Leads;
using ProSaaS.Application.Users;
using ProSaaS.Domain.Reminders;

namespace ProSaaS.Application.Reminders.SetReminder;

/// <summary>
/// Sets a reminder on a lead of the current business. <see cref="DueAt"/> is ISO-8601 with an offset. Without
/// <see cref="OwnerUserId"/> the reminder is the caller's, when the caller is one of the business's users.
/// </summary>
public sealed record SetReminder(Guid LeadId, string? Text, string? DueAt, Guid? OwnerUserId = null) : IRequest<Guid>;

public sealed class SetReminderHandler(
    IEventStore eventStore, ILeadQueries leads, IUserQueries users, IRequestContext context, TimeProvider clock)
    : IRequestHandler<SetReminder, Guid>
{
    public async Task<Guid> Handle(SetReminder request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        _ = await leads.GetAsync(tenantId, request.LeadId, cancellationToken) ?? throw new NotFoundException("lead", request.LeadId);
        var owner = await ReminderRules.ResolveOwnerAsync(users, context, tenantId, request.OwnerUserId, cancellationToken);

        var now = clock.GetUtcNow();
        var reminder = Reminder.Set(Guid.CreateVersion7(now), request.LeadId, owner, request.Text, InstantText.Parse(request.DueAt!), context.UserId, now);
        // A lead deleted meanwhile fails the append (its row is the reminder row's foreign key) as a 404.
        await eventStore.SaveAsync(reminder, cancellationToken);
        return reminder.Id;
    }
}
