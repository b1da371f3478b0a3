using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Paging;
using ProSaaS.Application.Common.Scheduling;

namespace ProSaaS.Application.Reminders.ListReminders;

/// <summary>
/// One page of the business's reminders, earliest due first. <see cref="Owner"/> is <c>me</c> or a user id;
/// <see cref="Due"/> (<c>overdue</c>, <c>today</c>, <c>upcoming</c>, on the business's calendar) keeps open reminders
/// only; <see cref="Completed"/> keeps only completed (true) or open (false) ones.
/// </summary>
public sealed record ListReminders(string? Owner = null, string? Due = null, bool? Completed = null, int Limit = PageLimits.Default, string? Next = null)
    : IRequest<ReminderPage>;

public sealed class ListRemindersHandler(IReminderQueries reminders, ITenantTimeZones zones, IRequestContext context, TimeProvider clock)
    : IRequestHandler<ListReminders, ReminderPage>
{
    public async Task<ReminderPage> Handle(ListReminders request, CancellationToken cancellationToken)
    {
        var owner = string.IsNullOrWhiteSpace(request.Owner) ? (Guid?)null : WorkItemText.PersonOf(request.Owner, context.UserId);
        return await ReminderPaging.PageAsync(reminders, zones, context, clock, new ReminderFilter(OwnerUserId: owner, Completed: request.Completed),
            request.Due, request.Limit, request.Next, cancellationToken);
    }
}

/// <summary>The paging shared by the business's reminder list and a lead's.</summary>
internal static class ReminderPaging
{
    public static async Task<ReminderPage> PageAsync(
        IReminderQueries reminders, ITenantTimeZones zones, IRequestContext context, TimeProvider clock,
        ReminderFilter filter, string? due, int limit, string? next, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        var zone = await zones.GetAsync(tenantId, cancellationToken);
        var now = clock.GetUtcNow();
        if (WorkItemText.TryParseDue(due, out var window))
        {
            var (from, before) = Domain.Common.DueWindows.RangeOf(window, now, zone);
            filter = filter with { Completed = false, DueFrom = from, DueBefore = before };
        }

        DueCursor.TryDecode(next, out var after);
        // One more than asked tells whether another page exists without a count query.
        var rows = await reminders.ListAsync(tenantId, filter, after, limit + 1, cancellationToken);
        var items = rows.Take(limit).Select(r => ReminderRules.Placed(r, now, zone)).ToList();
        var cursor = rows.Count > limit ? new DueCursor(items[^1].DueAt, items[^1].Id).Encode() : null;
        return new ReminderPage(items, cursor);
    }
}
