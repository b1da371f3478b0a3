using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Paging;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Faq.ListFaqEntries;

/// <summary>One page of the actor's business's FAQ, newest first: active entries (all with <see cref="IncludeInactive"/>), on one channel when given.</summary>
public sealed record ListFaqEntries(string? Channel = null, bool IncludeInactive = false, int Limit = PageLimits.Default, string? Next = null)
    : IRequest<FaqEntryPage>;

public sealed class ListFaqEntriesHandler(IFaqQueries queries, IRequestContext context) : IRequestHandler<ListFaqEntries, FaqEntryPage>
{
    public async Task<FaqEntryPage> Handle(ListFaqEntries request, CancellationToken cancellationToken)
    {
        NewestCursor.TryDecode(request.Next, out var after);
        AssistantChannel? channel = AssistantChannels.TryParse(request.Channel, out var parsed) ? parsed : null;
        var rows = await queries.ListAsync(context.RequireTenant(), channel, request.IncludeInactive, after, request.Limit + 1, cancellationToken);
        var items = rows.Take(request.Limit).ToList();
        var next = rows.Count > request.Limit ? new NewestCursor(items[^1].CreatedAt, items[^1].Id).Encode() : null;
        return new FaqEntryPage(items, next);
    }
}
