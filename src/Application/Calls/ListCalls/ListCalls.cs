using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Paging;
using ProSaaS.Application.Common.Scheduling;

namespace ProSaaS.Application.Calls.ListCalls;

/// <summary>
/// One page of the current business's calls, newest first: optionally of one <see cref="Direction"/> (<c>inbound</c>,
/// <c>outbound</c>) and <see cref="Status"/>, started on the local dates <see cref="From"/> to <see cref="To"/>
/// (yyyy-MM-dd, inclusive, in the business's time zone), of one lead; <see cref="StartedFrom"/> (inclusive) and
/// <see cref="StartedBefore"/> (exclusive) are instants (ISO 8601 with an offset) a client has already placed, such as the
/// boundaries of the business's days as a dashboard computes them. With both kinds, a call must fit both.
/// </summary>
public sealed record ListCalls(
    string? Direction = null,
    string? Status = null,
    string? From = null,
    string? To = null,
    Guid? LeadId = null,
    int Limit = PageLimits.Default,
    string? Next = null,
    string? StartedFrom = null,
    string? StartedBefore = null) : IRequest<CallPage>;

public sealed class ListCallsHandler(ICallQueries calls, ITenantTimeZones zones, IRequestContext context)
    : IRequestHandler<ListCalls, CallPage>
{
    public async Task<CallPage> Handle(ListCalls request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        var filter = new CallFilter(
            request.Direction is { } direction ? CallText.Directions[direction] : null,
            request.Status is { } status ? CallText.Statuses[status] : null,
            LeadId: request.LeadId);
        if (request.From is not null || request.To is not null)
        {
            var zone = await zones.GetAsync(tenantId, cancellationToken);
            filter = filter with
            {
                StartedFrom = CallText.TryParseDate(request.From, out var from) ? CallText.StartOfDay(from, zone) : null,
                StartedBefore = CallText.TryParseDate(request.To, out var to) ? CallText.StartOfDay(to.AddDays(1), zone) : null,
            };
        }

        if (CallText.TryParseInstant(request.StartedFrom, out var startedFrom)
            && (filter.StartedFrom is not { } fromDate || startedFrom > fromDate))
        {
            filter = filter with { StartedFrom = startedFrom.ToUniversalTime() };
        }

        if (CallText.TryParseInstant(request.StartedBefore, out var startedBefore)
            && (filter.StartedBefore is not { } beforeDate || startedBefore < beforeDate))
        {
            filter = filter with { StartedBefore = startedBefore.ToUniversalTime() };
        }

        NewestCursor.TryDecode(request.Next, out var after);
        // One more than asked tells whether another page exists without a count query.
        var rows = await calls.ListAsync(tenantId, filter, after, request.Limit + 1, cancellationToken);
        var items = rows.Take(request.Limit).ToList();
        var next = rows.Count > request.Limit ? new NewestCursor(items[^1].StartedAt, items[^1].Id).Encode() : null;
        return new CallPage(items, next);
    }
}
