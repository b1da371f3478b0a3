using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.Paging;
using ProSaaS.Application.Common.Scheduling;
using ProSaaS.Application.Leads;
using ProSaaS.Application.Reminders.ListReminders;

namespace ProSaaS.Application.Reminders.ListLeadReminders;

/// <summary>One page of a lead's reminders, earliest due first; filters as in <see cref="ListReminders.ListReminders"/>.</summary>
public sealed record ListLeadReminders(Guid LeadId, string? Due = null, bool? Completed = null, int Limit = PageLimits.Default, string? Next = null)
    : IRequest<ReminderPage>;

public sealed class ListLeadRemindersHandler(
    IReminderQueries reminders, ILeadQueries leads, ITenantTimeZones zones, IRequestContext context, TimeProvider clock)
    : IRequestHandler<ListLeadReminders, ReminderPage>
{
    public async Task<ReminderPage> Handle(ListLeadReminders request, CancellationToken cancellationToken)
    {
        _ = await leads.GetAsync(context.RequireTenant(), request.LeadId, cancellationToken) ?? throw new NotFoundException("lead", request.LeadId);
        return await ReminderPaging.PageAsync(reminders, zones, context, clock, new ReminderFilter(LeadId: request.LeadId, Completed: request.Completed),
            request.Due, request.Limit, request.Next, cancellationToken);
    }
}
