using MediatR;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Webhooks.ResendWebhookDelivery;

/// <summary>
/// Sends a delivery again now, whatever its status (admin and above): the same message id, a new timestamp and
/// signature. A failed resend is retried like any attempt while the delivery has attempts left. The endpoint must be enabled.
/// </summary>
public sealed record ResendWebhookDelivery(Guid EndpointId, Guid DeliveryId) : IRequest<WebhookDeliveryView>;

public sealed class ResendWebhookDeliveryHandler(IWebhookQueries queries, IWebhookDeliveryQueue queue, IRequestContext context)
    : IRequestHandler<ResendWebhookDelivery, WebhookDeliveryView>
{
    public async Task<WebhookDeliveryView> Handle(ResendWebhookDelivery request, CancellationToken cancellationToken)
    {
        UserAccess.RequireAtLeast(context, Role.Admin);
        var tenantId = context.RequireTenant();
        var endpoint = await WebhookEndpoints.RequireViewAsync(queries, tenantId, request.EndpointId, cancellationToken);
        _ = await queries.GetDeliveryAsync(tenantId, request.EndpointId, request.DeliveryId, cancellationToken)
            ?? throw new NotFoundException(WebhookLimits.DeliveryResource, request.DeliveryId);
        if (!endpoint.Enabled)
        {
            throw new BusinessRuleException(WebhookLimits.EndpointDisabledCode, WebhookLimits.EndpointDisabledMessage);
        }

        if (!await queue.RequestResendAsync(tenantId, request.EndpointId, request.DeliveryId, cancellationToken))
        {
            throw new NotFoundException(WebhookLimits.DeliveryResource, request.DeliveryId);
        }

        return await queries.GetDeliveryAsync(tenantId, request.EndpointId, request.DeliveryId, cancellationToken)
               ?? throw new NotFoundException(WebhookLimits.DeliveryResource, request.DeliveryId);
    }
}
