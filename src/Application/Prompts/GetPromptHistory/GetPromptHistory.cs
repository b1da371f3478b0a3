using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Paging;

namespace ProSaaS.Application.Prompts.GetPromptHistory;

/// <summary>A channel's current prompt and one page of its versions, newest first, version 0 (the default) last.</summary>
public sealed record GetPromptHistory(string? Channel, int Limit = PageLimits.Default, string? Next = null) : IRequest<PromptHistoryPage>;

public sealed class GetPromptHistoryHandler(IPromptQueries queries, IRequestContext context) : IRequestHandler<GetPromptHistory, PromptHistoryPage>
{
    public async Task<PromptHistoryPage> Handle(GetPromptHistory request, CancellationToken cancellationToken)
    {
        var channel = PromptAccess.Channel(request.Channel);
        var tenantId = context.RequireTenant();
        PromptVersionCursor.TryDecode(request.Next, out var after);
        var current = await PromptAccess.CurrentAsync(queries, tenantId, channel, cancellationToken);

        // One more than asked tells whether another page exists; version 0 follows the last stored one.
        var rows = (await queries.HistoryAsync(tenantId, channel, after?.Version, request.Limit + 1, cancellationToken)).ToList();
        if (rows.Count <= request.Limit)
        {
            rows.Add(PromptVersionView.Default(channel));
        }

        var items = rows.Take(request.Limit).ToList();
        var next = rows.Count > request.Limit ? new PromptVersionCursor(items[^1].Version).Encode() : null;
        return new PromptHistoryPage(channel, current, items, next);
    }
}
