using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Webhooks;

namespace ProSaaS.Application.Webhooks;

internal static class WebhookEndpoints
{
    /// <summary>The endpoint of the current tenant; a deleted one, or one of another tenant, is not found.</summary>
    public static async Task<WebhookEndpoint> LoadAsync(IEventStore eventStore, Guid endpointId, CancellationToken cancellationToken)
    {
        var endpoint = await eventStore.AggregateStreamAsync<WebhookEndpoint>(endpointId, cancellationToken: cancellationToken);
        return endpoint is null or { IsDeleted: true }
            ? throw new NotFoundException(WebhookLimits.EndpointResource, endpointId)
            : endpoint;
    }

    /// <summary>The endpoint's read-model view; 404 when it does not exist in the tenant.</summary>
    public static async Task<WebhookEndpointView> RequireViewAsync(IWebhookQueries queries, string tenantId, Guid endpointId, CancellationToken cancellationToken) =>
        await queries.GetEndpointAsync(tenantId, endpointId, cancellationToken)
        ?? throw new NotFoundException(WebhookLimits.EndpointResource, endpointId);
}
