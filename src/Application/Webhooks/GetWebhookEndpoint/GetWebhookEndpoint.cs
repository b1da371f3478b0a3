using MediatR;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Common.Context;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Webhooks.GetWebhookEndpoint;

/// <summary>One endpoint of the actor's business (admin and above), without its secret.</summary>
public sealed record GetWebhookEndpoint(Guid EndpointId) : IRequest<WebhookEndpointView>;

public sealed class GetWebhookEndpointHandler(IWebhookQueries queries, IRequestContext context) : IRequestHandler<GetWebhookEndpoint, WebhookEndpointView>
{
    public Task<WebhookEndpointView> Handle(GetWebhookEndpoint request, CancellationToken cancellationToken)
    {
        UserAccess.RequireAtLeast(context, Role.Admin);
        return WebhookEndpoints.RequireViewAsync(queries, context.RequireTenant(), request.EndpointId, cancellationToken);
    }
}
