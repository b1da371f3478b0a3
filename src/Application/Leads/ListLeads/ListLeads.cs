using MediatR;
using ProSaaS.Application.Common.Context;

namespace ProSaaS.Application.Leads.ListLeads;

/// <summary>One page of the current tenant's leads, newest first, optionally searched and filtered by status.</summary>
/// <param name="Assignee">"me", "none" or a user id: only the leads assigned to that user (or to nobody).</param>
public sealed record ListLeads(string? Search = null, string? Status = null, int Limit = ListLeads.DefaultLimit, string? Next = null, string? Assignee = null)
    : IRequest<LeadPage>
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;
}

/// <summary><see cref="Next"/> is the cursor of the following page, or null on the last page.</summary>
public sealed record LeadPage(IReadOnlyList<LeadView> Items, string? Next);

public sealed class ListLeadsHandler(ILeadQueries queries, IRequestContext context) : IRequestHandler<ListLeads, LeadPage>
{
    public async Task<LeadPage> Handle(ListLeads request, CancellationToken cancellationToken)
    {
        LeadCursor.TryDecode(request.Next, out var after);
        var assignee = AssigneeFilter.Resolve(request.Assignee, context);
        var filter = new LeadFilter(
            string.IsNullOrWhiteSpace(request.Search) ? null : request.Search.Trim(),
            string.IsNullOrWhiteSpace(request.Status) ? null : request.Status.Trim(),
            assignee.UserId,
            assignee.Unassigned);

        // One more than asked tells whether another page exists without a count query.
        var rows = await queries.ListAsync(context.RequireTenant(), filter, after, request.Limit + 1, cancellationToken);
        var items = rows.Take(request.Limit).ToList();
        var next = rows.Count > request.Limit ? new LeadCursor(items[^1].CapturedAt, items[^1].Id).Encode() : null;
        return new LeadPage(items, next);
    }
}

/// <summary>"me", "none" or a user id, as the list and board filters take it.</summary>
public static class AssigneeFilter
{
    public static bool IsValid(string? value) =>
        value is null || value is "me" or "none" || Guid.TryParse(value, out _);

    public static (Guid? UserId, bool Unassigned) Resolve(string? value, IRequestContext context) => value switch
    {
        null or "" => (null, false),
        "none" => (null, true),
        // An API key acts for no user: it has no leads of its own.
        "me" => (Guid.TryParse(context.UserId, out var me) ? me : Guid.Empty, false),
        _ => (Guid.Parse(value), false),
    };
}
