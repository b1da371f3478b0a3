using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Paging;

namespace ProSaaS.Application.Outbound.ListOutboundTemplates;

/// <summary>One page of the actor's business's templates, newest first: active ones, or all when <see cref="IncludeInactive"/>.</summary>
public sealed record ListOutboundTemplates(bool IncludeInactive = false, int Limit = PageLimits.Default, string? Next = null)
    : IRequest<OutboundTemplatePage>;

public sealed class ListOutboundTemplatesHandler(IOutboundTemplateQueries queries, IRequestContext context)
    : IRequestHandler<ListOutboundTemplates, OutboundTemplatePage>
{
    public async Task<OutboundTemplatePage> Handle(ListOutboundTemplates request, CancellationToken cancellationToken)
    {
        NewestCursor.TryDecode(request.Next, out var after);
        // One more than asked tells whether another page exists without a count query.
        var rows = await queries.ListAsync(context.RequireTenant(), request.IncludeInactive, after, request.Limit + 1, cancellationToken);
        var items = rows.Take(request.Limit).ToList();
        var next = rows.Count > request.Limit ? new NewestCursor(items[^1].CreatedAt, items[^1].Id).Encode() : null;
        return new OutboundTemplatePage(items, next);
    }
}
