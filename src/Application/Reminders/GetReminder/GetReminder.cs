using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.Scheduling;

namespace ProSaaS.Application.Reminders.GetReminder;

/// <summary>One reminder of the current business with its lead and owner, as the read model has it.</summary>
public sealed record GetReminder(Guid ReminderId) : IRequest<ReminderView>;

public sealed class GetReminderHandler(IReminderQueries reminders, ITenantTimeZones zones, IRequestContext context, TimeProvider clock)
    : IRequestHandler<GetReminder, ReminderView>
{
    public async Task<ReminderView> Handle(GetReminder request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        var view = await reminders.GetAsync(tenantId, request.ReminderId, cancellationToken) ?? throw new NotFoundException("reminder", request.ReminderId);
        return ReminderRules.Placed(view, clock.GetUtcNow(), await zones.GetAsync(tenantId, cancellationToken));
    }
}
