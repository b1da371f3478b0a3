using System.Text;
using ProSaaS.Domain.Webhooks;

namespace ProSaaS.Application.Webhooks;

/// <summary>Reads of the webhook endpoints and their delivery log. Every method is scoped to one tenant.</summary>
public interface IWebhookQueries
{
    Task<WebhookEndpointView?> GetEndpointAsync(string tenantId, Guid endpointId, CancellationToken cancellationToken);

    /// <summary>Newest first; <paramref name="after"/> continues after the last endpoint of the previous page.</summary>
    Task<IReadOnlyList<WebhookEndpointView>> ListEndpointsAsync(string tenantId, WebhookCursor? after, int limit, CancellationToken cancellationToken);

    /// <summary>The endpoint's deliveries newest first, each with all its attempts (two statements per page).</summary>
    Task<IReadOnlyList<WebhookDeliveryView>> ListDeliveriesAsync(
        string tenantId, Guid endpointId, WebhookCursor? after, int limit, CancellationToken cancellationToken);

    Task<WebhookDeliveryView?> GetDeliveryAsync(string tenantId, Guid endpointId, Guid deliveryId, CancellationToken cancellationToken);
}

/// <summary>Puts deliveries on the dispatcher's queue outside the event flow: a test message, a manual resend.</summary>
public interface IWebhookDeliveryQueue
{
    /// <summary>Queues a <c>webhook.test</c> message to the endpoint for sending now; returns the delivery's id.</summary>
    Task<Guid> EnqueueTestAsync(string tenantId, Guid endpointId, CancellationToken cancellationToken);

    /// <summary>
    /// Asks for one more attempt now, whatever the delivery's status, with the same message id and a fresh signature.
    /// False when the endpoint has no such delivery.
    /// </summary>
    Task<bool> RequestResendAsync(string tenantId, Guid endpointId, Guid deliveryId, CancellationToken cancellationToken);
}

/// <summary>Makes Standard Webhooks signing secrets and keeps them encrypted at rest.</summary>
public interface IWebhookSecrets
{
    GeneratedWebhookSecret Generate();
}

/// <summary>
/// A new secret: <see cref="Secret"/> (<c>whsec_…</c>) is shown to its owner once; <see cref="ProtectedSecret"/> is what is
/// stored; <see cref="Hint"/> is a masked form for lists.
/// </summary>
public sealed record GeneratedWebhookSecret(string Secret, string ProtectedSecret, string Hint)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Secret = ***, Hint = ").Append(Hint);
        return true;
    }
}

/// <summary>The deployment's policy for webhook addresses: https only unless allowed, and no private targets.</summary>
public interface IWebhookTargetPolicy
{
    /// <summary>Null when the URL may be used; otherwise why not. Names are resolved, so this may take a moment.</summary>
    Task<WebhookUrlProblem?> CheckAsync(string url, CancellationToken cancellationToken);
}
