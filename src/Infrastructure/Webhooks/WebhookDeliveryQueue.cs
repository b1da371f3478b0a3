using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Webhooks;
using ProSaaS.Domain.Webhooks;
using ProSaaS.Infrastructure.ReadModels;

namespace ProSaaS.Infrastructure.Webhooks;

public sealed class WebhookDeliveryQueue(NpgsqlDataSource dataSource, IOptions<WebhookOptions> options, TimeProvider clock) : IWebhookDeliveryQueue
{
    public async Task<Guid> EnqueueTestAsync(string tenantId, Guid endpointId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var inserted = await scope.Connection.ExecuteAsync(new CommandDefinition("""
            insert into webhook_deliveries (tenant_id, id, endpoint_id, message_id, event_type, payload, status, attempt_limit, next_attempt_at, created_at)
            select e.tenant_id, @id, e.id, @messageId, @eventType, @payload, 'pending', @attemptLimit, @now, @now
            from webhook_endpoints e where e.tenant_id = @tenantId and e.id = @endpointId
            """, new
        {
            tenantId, endpointId, id, messageId = "msg_" + id.ToString("N"), eventType = WebhookEventTypes.Test,
            payload = WebhookEventCatalog.TestPayload(endpointId, now), attemptLimit = Math.Max(1, options.Value.MaxAttempts),
            now = now.ToUniversalTime(),
        }, scope.Transaction, cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            throw new NotFoundException(WebhookLimits.EndpointResource, endpointId);
        }

        await NotifyAsync(scope, cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<bool> RequestResendAsync(string tenantId, Guid endpointId, Guid deliveryId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        // One more attempt at least, and the rest of the retries if the delivery had any left.
        var updated = await scope.Connection.ExecuteAsync(new CommandDefinition("""
            update webhook_deliveries
            set status = 'pending', next_attempt_at = @now, resend_requested = true, completed_at = null,
                attempt_limit = greatest(attempt_limit, attempt_count + 1)
            where tenant_id = @tenantId and endpoint_id = @endpointId and id = @deliveryId
            """, new { tenantId, endpointId, deliveryId, now = clock.GetUtcNow().ToUniversalTime() }, scope.Transaction, cancellationToken: cancellationToken));
        if (updated == 0)
        {
            return false;
        }

        await NotifyAsync(scope, cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return true;
    }

    private static Task NotifyAsync(TenantScope scope, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(new CommandDefinition(
            $"select pg_notify('{WebhookDeliveryProjection.NotifyChannel}', '')", transaction: scope.Transaction, cancellationToken: cancellationToken));
}
