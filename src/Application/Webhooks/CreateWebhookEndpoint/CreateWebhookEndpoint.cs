using MediatR;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Users;
using ProSaaS.Domain.Webhooks;

namespace ProSaaS.Application.Webhooks.CreateWebhookEndpoint;

/// <summary>
/// Configures an outgoing webhook endpoint of the actor's business (admin and above) with a fresh signing secret,
/// returned in this answer only.
/// </summary>
public sealed record CreateWebhookEndpoint(
    string Url,
    string? Description,
    IReadOnlyList<string>? EventTypes,
    WebhookEndpointKind? Kind = null,
    bool? Enabled = null) : IRequest<CreatedWebhookEndpoint>;

public sealed class CreateWebhookEndpointHandler(
    IEventStore eventStore,
    IWebhookQueries queries,
    IWebhookSecrets secrets,
    IWebhookTargetPolicy targets,
    IRequestContext context,
    TimeProvider clock) : IRequestHandler<CreateWebhookEndpoint, CreatedWebhookEndpoint>
{
    public async Task<CreatedWebhookEndpoint> Handle(CreateWebhookEndpoint request, CancellationToken cancellationToken)
    {
        UserAccess.RequireAtLeast(context, Role.Admin);
        var tenantId = context.RequireTenant();
        var problem = await targets.CheckAsync(request.Url, cancellationToken);
        if (problem is not null)
        {
            throw new BusinessRuleException(problem.Code, problem.Message);
        }

        var secret = secrets.Generate();
        var endpoint = WebhookEndpoint.Create(
            Guid.CreateVersion7(), request.Url, request.Description, request.EventTypes, request.Kind ?? WebhookEndpointKind.Generic,
            request.Enabled ?? true, secret.ProtectedSecret, secret.Hint, context.UserId, clock.GetUtcNow());
        await eventStore.SaveAsync(endpoint, cancellationToken);
        var view = await queries.GetEndpointAsync(tenantId, endpoint.Id, cancellationToken)
                   ?? throw new InvalidOperationException($"Webhook endpoint {endpoint.Id} was saved but is not in the read model.");
        return CreatedWebhookEndpoint.From(view, secret.Secret);
    }
}
