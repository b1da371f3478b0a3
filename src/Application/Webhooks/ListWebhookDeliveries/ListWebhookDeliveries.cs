using MediatR;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Common.Context;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Webhooks.ListWebhookDeliveries;

/// <summary>One page of an endpoint's delivery log (admin and above), newest first, each delivery with its attempts.</summary>
public sealed record ListWebhookDeliveries(Guid EndpointId, int Limit = WebhookLimits.DefaultPageSize, string? Next = null)
    : IRequest<WebhookDeliveryPage>;

public sealed class ListWebhookDeliveriesHandler(IWebhookQueries queries, IRequestContext context)
    : IRequestHandler<ListWebhookDeliveries, WebhookDeliveryPage>
{
    public async Task<WebhookDeliveryPage> Handle(ListWebhookDeliveries request, CancellationToken cancellationToken)
    {
        UserAccess.RequireAtLeast(context, Role.Admin);
        var tenantId = context.RequireTenant();
        await WebhookEndpoints.RequireViewAsync(queries, tenantId, request.EndpointId, cancellationToken);
        WebhookCursor.TryDecode(request.Next, out var after);
        var rows = await queries.ListDeliveriesAsync(tenantId, request.EndpointId, after, request.Limit + 1, cancellationToken);
        var items = rows.Take(request.Limit).ToList();
        var next = rows.Count > request.Limit ? new WebhookCursor(items[^1].CreatedAt, items[^1].Id).Encode() : null;
        return new WebhookDeliveryPage(items, next);
    }
}
