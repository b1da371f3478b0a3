using MediatR;
using ProSaaS.Application.Auth;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Webhooks.DeleteWebhookEndpoint;

/// <summary>
/// Removes an endpoint of the actor's business (admin and above): nothing more is sent to it, and its delivery log
/// goes with it. Returns the stream's version afterwards.
/// </summary>
public sealed record DeleteWebhookEndpoint(Guid EndpointId) : IRequest<long>;

public sealed class DeleteWebhookEndpointHandler(IEventStore eventStore, IRequestContext context, TimeProvider clock)
    : IRequestHandler<DeleteWebhookEndpoint, long>
{
    public async Task<long> Handle(DeleteWebhookEndpoint request, CancellationToken cancellationToken)
    {
        UserAccess.RequireAtLeast(context, Role.Admin);
        var endpoint = await WebhookEndpoints.LoadAsync(eventStore, request.EndpointId, cancellationToken);
        endpoint.Delete(context.UserId, clock.GetUtcNow());
        await eventStore.SaveAsync(endpoint, cancellationToken);
        return endpoint.Version;
    }
}
