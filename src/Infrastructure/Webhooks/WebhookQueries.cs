using System.Text.Json;
using Dapper;
using Npgsql;
using ProSaaS.Application.Webhooks;
using ProSaaS.Domain.Webhooks;
using ProSaaS.Infrastructure.ReadModels;

namespace ProSaaS.Infrastructure.Webhooks;

public sealed class WebhookQueries(NpgsqlDataSource dataSource) : IWebhookQueries
{
    private const string EndpointColumns = """
        id as Id, url as Url, description as Description, event_types as EventTypes, kind as Kind, enabled as Enabled,
        secret_hint as SecretHint, created_at as CreatedAt, updated_at as UpdatedAt, version as Version
        """;

    private const string DeliveryColumns = """
        id as Id, endpoint_id as EndpointId, event_type as EventType, message_id as MessageId, event_id as EventId, status as Status,
        attempt_count as AttemptCount, created_at as CreatedAt, next_attempt_at as NextAttemptAt, last_attempt_at as LastAttemptAt,
        completed_at as CompletedAt, payload as Payload
        """;

    public async Task<WebhookEndpointView?> GetEndpointAsync(string tenantId, Guid endpointId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var row = await scope.Connection.QuerySingleOrDefaultAsync<EndpointRow>(new CommandDefinition(
            $"select {EndpointColumns} from webhook_endpoints where tenant_id = @tenantId and id = @endpointId",
            new { tenantId, endpointId }, scope.Transaction, cancellationToken: cancellationToken));
        return row?.ToView();
    }

    public async Task<IReadOnlyList<WebhookEndpointView>> ListEndpointsAsync(
        string tenantId, WebhookCursor? after, int limit, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var rows = await scope.Connection.QueryAsync<EndpointRow>(new CommandDefinition($"""
            select {EndpointColumns} from webhook_endpoints
            where tenant_id = @tenantId
              and (@afterAt::timestamptz is null or (created_at, id) < (@afterAt, @afterId))
            order by created_at desc, id desc
            limit @limit
            """, new { tenantId, afterAt = after?.CreatedAt.UtcDateTime, afterId = after?.Id ?? Guid.Empty, limit },
            scope.Transaction, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToView()).ToList();
    }

    public async Task<IReadOnlyList<WebhookDeliveryView>> ListDeliveriesAsync(
        string tenantId, Guid endpointId, WebhookCursor? after, int limit, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var deliveries = (await scope.Connection.QueryAsync<DeliveryRow>(new CommandDefinition($"""
            select {DeliveryColumns} from webhook_deliveries
            where tenant_id = @tenantId and endpoint_id = @endpointId
              and (@afterAt::timestamptz is null or (created_at, id) < (@afterAt, @afterId))
            order by created_at desc, id desc
            limit @limit
            """, new { tenantId, endpointId, afterAt = after?.CreatedAt.UtcDateTime, afterId = after?.Id ?? Guid.Empty, limit },
            scope.Transaction, cancellationToken: cancellationToken))).ToList();
        return await WithAttemptsAsync(scope, tenantId, deliveries, cancellationToken);
    }

    public async Task<WebhookDeliveryView?> GetDeliveryAsync(string tenantId, Guid endpointId, Guid deliveryId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var delivery = await scope.Connection.QuerySingleOrDefaultAsync<DeliveryRow>(new CommandDefinition(
            $"select {DeliveryColumns} from webhook_deliveries where tenant_id = @tenantId and endpoint_id = @endpointId and id = @deliveryId",
            new { tenantId, endpointId, deliveryId }, scope.Transaction, cancellationToken: cancellationToken));
        return delivery is null ? null : (await WithAttemptsAsync(scope, tenantId, [delivery], cancellationToken))[0];
    }

    private static async Task<IReadOnlyList<WebhookDeliveryView>> WithAttemptsAsync(
        TenantScope scope, string tenantId, List<DeliveryRow> deliveries, CancellationToken cancellationToken)
    {
        if (deliveries.Count == 0)
        {
            return [];
        }

        var attempts = (await scope.Connection.QueryAsync<AttemptRow>(new CommandDefinition("""
                select delivery_id as DeliveryId, attempt as Number, trigger as Trigger, attempted_at as AttemptedAt, succeeded as Succeeded,
                       status_code as StatusCode, duration_ms as DurationMs, error as Error, response_excerpt as Response
                from webhook_delivery_attempts
                where tenant_id = @tenantId and delivery_id = any(@ids)
                order by delivery_id, attempt
                """, new { tenantId, ids = deliveries.Select(d => d.Id).ToArray() }, scope.Transaction, cancellationToken: cancellationToken)))
            .ToLookup(a => a.DeliveryId);
        return deliveries.Select(d => d.ToView(attempts[d.Id].Select(a => a.ToView()).ToList())).ToList();
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? Utc(v) : null;

    private static TEnum Parse<TEnum>(string value) where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().First(v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()) == value);

    private sealed class EndpointRow
    {
        public Guid Id { get; set; }
        public string Url { get; set; } = "";
        public string? Description { get; set; }
        public string[] EventTypes { get; set; } = [];
        public string Kind { get; set; } = "";
        public bool Enabled { get; set; }
        public string SecretHint { get; set; } = "";
        public DateTime CreatedAt { get; set; }
        public DateTime UpdatedAt { get; set; }
        public long Version { get; set; }

        public WebhookEndpointView ToView() => new(
            Id, Url, Description, EventTypes, Parse<WebhookEndpointKind>(Kind), Enabled, SecretHint, Utc(CreatedAt), Utc(UpdatedAt), Version);
    }

    private sealed class DeliveryRow
    {
        public Guid Id { get; set; }
        public Guid EndpointId { get; set; }
        public string EventType { get; set; } = "";
        public string MessageId { get; set; } = "";
        public Guid? EventId { get; set; }
        public string Status { get; set; } = "";
        public int AttemptCount { get; set; }
        public DateTime CreatedAt { get; set; }
        public DateTime? NextAttemptAt { get; set; }
        public DateTime? LastAttemptAt { get; set; }
        public DateTime? CompletedAt { get; set; }
        public string Payload { get; set; } = "{}";

        public WebhookDeliveryView ToView(IReadOnlyList<WebhookAttemptView> attempts)
        {
            using var payload = JsonDocument.Parse(Payload);
            return new WebhookDeliveryView(
                Id, EndpointId, EventType, MessageId, EventId, Parse<WebhookDeliveryStatus>(Status), AttemptCount, Utc(CreatedAt),
                Utc(NextAttemptAt), Utc(LastAttemptAt), Utc(CompletedAt), payload.RootElement.Clone(), attempts);
        }
    }

    private sealed class AttemptRow
    {
        public Guid DeliveryId { get; set; }
        public int Number { get; set; }
        public string Trigger { get; set; } = "";
        public DateTime AttemptedAt { get; set; }
        public bool Succeeded { get; set; }
        public int? StatusCode { get; set; }
        public int DurationMs { get; set; }
        public string? Error { get; set; }
        public string? Response { get; set; }

        public WebhookAttemptView ToView() =>
            new(Number, Utc(AttemptedAt), Parse<WebhookAttemptTrigger>(Trigger), Succeeded, StatusCode, DurationMs, Error, Response);
    }
}
