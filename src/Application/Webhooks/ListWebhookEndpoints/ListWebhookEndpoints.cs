using MediatR;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Common.Context;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Webhooks.ListWebhookEndpoints;

/// <summary>One page of the actor's business's endpoints (admin and above), newest first.</summary>
public sealed record ListWebhookEndpoints(int Limit = WebhookLimits.DefaultPageSize, string? Next = null) : IRequest<WebhookEndpointPage>;

public sealed class ListWebhookEndpointsHandler(IWebhookQueries queries, IRequestContext context) : IRequestHandler<ListWebhookEndpoints, WebhookEndpointPage>
{
    public async Task<WebhookEndpointPage> Handle(ListWebhookEndpoints request, CancellationToken cancellationToken)
    {
        UserAccess.RequireAtLeast(context, Role.Admin);
        WebhookCursor.TryDecode(request.Next, out var after);
        // One more than asked tells whether another page exists without a count query.
        var rows = await queries.ListEndpointsAsync(context.RequireTenant(), after, request.Limit + 1, cancellationToken);
        var items = rows.Take(request.Limit).ToList();
        var next = rows.Count > request.Limit ? new WebhookCursor(items[^1].CreatedAt, items[^1].Id).Encode() : null;
        return new WebhookEndpointPage(items, next);
    }
}
