using MediatR;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Users;
using ProSaaS.Domain.Webhooks;

namespace ProSaaS.Application.Webhooks.UpdateWebhookEndpoint;

/// <summary>
/// Replaces an endpoint's address, description, subscriptions and enabled flag (admin and above). The address is
/// checked against the deployment's policy again. Another business's endpoint is not found.
/// </summary>
public sealed record UpdateWebhookEndpoint(Guid EndpointId, string Url, string? Description, IReadOnlyList<string>? EventTypes, bool? Enabled)
    : IRequest<WebhookEndpointView>;

public sealed class UpdateWebhookEndpointHandler(
    IEventStore eventStore,
    IWebhookQueries queries,
    IWebhookTargetPolicy targets,
    IRequestContext context,
    TimeProvider clock) : IRequestHandler<UpdateWebhookEndpoint, WebhookEndpointView>
{
    public async Task<WebhookEndpointView> Handle(UpdateWebhookEndpoint request, CancellationToken cancellationToken)
    {
        UserAccess.RequireAtLeast(context, Role.Admin);
        var tenantId = context.RequireTenant();
        var endpoint = await WebhookEndpoints.LoadAsync(eventStore, request.EndpointId, cancellationToken);
        var problem = await targets.CheckAsync(request.Url, cancellationToken);
        if (problem is not null)
        {
            throw new BusinessRuleException(problem.Code, problem.Message);
        }

        endpoint.Change(request.Url, request.Description, request.EventTypes, request.Enabled ?? endpoint.Enabled, context.UserId, clock.GetUtcNow());
        await eventStore.SaveAsync(endpoint, cancellationToken);
        return await queries.GetEndpointAsync(tenantId, endpoint.Id, cancellationToken)
               ?? throw new NotFoundException(WebhookLimits.EndpointResource, request.EndpointId);
    }
}
