using MediatR;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Webhooks.SendTestWebhook;

/// <summary>Queues a <c>webhook.test</c> message to an enabled endpoint of the actor's business (admin and above).</summary>
public sealed record SendTestWebhook(Guid EndpointId) : IRequest<WebhookDeliveryView>;

public sealed class SendTestWebhookHandler(IWebhookQueries queries, IWebhookDeliveryQueue queue, IRequestContext context)
    : IRequestHandler<SendTestWebhook, WebhookDeliveryView>
{
    public async Task<WebhookDeliveryView> Handle(SendTestWebhook request, CancellationToken cancellationToken)
    {
        UserAccess.RequireAtLeast(context, Role.Admin);
        var tenantId = context.RequireTenant();
        var endpoint = await WebhookEndpoints.RequireViewAsync(queries, tenantId, request.EndpointId, cancellationToken);
        if (!endpoint.Enabled)
        {
            throw new BusinessRuleException(WebhookLimits.EndpointDisabledCode, WebhookLimits.EndpointDisabledMessage);
        }

        var deliveryId = await queue.EnqueueTestAsync(tenantId, request.EndpointId, cancellationToken);
        return await queries.GetDeliveryAsync(tenantId, request.EndpointId, deliveryId, cancellationToken)
               ?? throw new NotFoundException(WebhookLimits.EndpointResource, request.EndpointId);
    }
}
