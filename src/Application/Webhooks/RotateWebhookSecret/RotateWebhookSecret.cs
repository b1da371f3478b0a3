using MediatR;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Webhooks.RotateWebhookSecret;

/// <summary>
/// Replaces an endpoint's signing secret (admin and above). The new secret is returned this once; every attempt
/// from now on, retries of earlier messages included, is signed with it.
/// </summary>
public sealed record RotateWebhookSecret(Guid EndpointId) : IRequest<RotatedWebhookSecret>;

public sealed class RotateWebhookSecretHandler(IEventStore eventStore, IWebhookSecrets secrets, IRequestContext context, TimeProvider clock)
    : IRequestHandler<RotateWebhookSecret, RotatedWebhookSecret>
{
    public async Task<RotatedWebhookSecret> Handle(RotateWebhookSecret request, CancellationToken cancellationToken)
    {
        UserAccess.RequireAtLeast(context, Role.Admin);
        var endpoint = await WebhookEndpoints.LoadAsync(eventStore, request.EndpointId, cancellationToken);
        var secret = secrets.Generate();
        endpoint.RotateSecret(secret.ProtectedSecret, secret.Hint, context.UserId, clock.GetUtcNow());
        await eventStore.SaveAsync(endpoint, cancellationToken);
        return new RotatedWebhookSecret(endpoint.Id, secret.Secret, secret.Hint, endpoint.Version);
    }
}
