using System.Security.Cryptography;
using Dapper;
using Microsoft.Extensions.Options;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Webhooks;
using ProSaaS.Infrastructure.Projections;

namespace ProSaaS.Infrastructure.Webhooks;

/// <summary>
/// Queues outgoing webhooks: for each event of the catalogue, one delivery per enabled endpoint of its business that is
/// subscribed to its public type and was created before it. Runs in the projection daemon, so the deliveries are
/// written in the same transaction as the daemon's progress: an event is queued exactly once, and the message id
/// (stable per event and endpoint, unique per endpoint) makes a replay queue nothing twice. The dispatcher sends them.
/// </summary>
public sealed class WebhookDeliveryProjection(IOptions<WebhookOptions> options, TimeProvider clock) : IProjection
{
    public const string NotifyChannel = "prosaas_webhook_deliveries";

    /// <summary>
    /// The endpoints that may receive the batch's events, locked against a concurrent delete until the deliveries are
    /// written (a deleted endpoint's row is gone and is simply not found).
    /// </summary>
    private const string SelectEndpoints = """
        select tenant_id as TenantId, id as Id, kind as Kind, event_types as EventTypes, created_seq as CreatedSeq
        from webhook_endpoints where tenant_id = any(@TenantIds) and enabled
        for key share
        """;

    private const string InsertDeliveries = """
        insert into webhook_deliveries (tenant_id, id, endpoint_id, message_id, event_id, event_type, lead_id, payload, status,
                                        attempt_limit, next_attempt_at, created_at)
        select t, i, e, m, ev, et, l, p, 'pending', @AttemptLimit, @Now, @Now
        from unnest(@TenantIds, @Ids, @EndpointIds, @MessageIds, @EventIds, @EventTypes, @LeadIds, @Payloads) as x(t, i, e, m, ev, et, l, p)
        on conflict (tenant_id, endpoint_id, message_id) do nothing
        """;

    /// <summary>
    /// A deleted lead's earlier messages keep their place in the log (and their retries) but no longer carry its details:
    /// neither the log nor a message still waiting to be sent keeps what the business erased.
    /// </summary>
    private const string EraseLeadPayloads = """
        update webhook_deliveries d
        set payload = jsonb_build_object('type', d.event_type, 'timestamp', d.payload::jsonb -> 'timestamp',
                                         'data', jsonb_build_object('leadId', d.lead_id, 'erased', true))::text
        from unnest(@TenantIds, @LeadIds) as x(t, l)
        where d.tenant_id = x.t and d.lead_id = x.l and d.event_type <> @Deleted
        """;

    public string Name => "webhook_deliveries";

    public ProjectionLifecycle Lifecycle => ProjectionLifecycle.Async;

    public IReadOnlyCollection<Type> EventTypes { get; } = [];

    public IReadOnlyCollection<string> EventAliases => WebhookEventCatalog.Aliases;

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var relevant = events
            .Where(e => e.Data is RawEventData && WebhookEventCatalog.PublicTypeOf(e.EventTypeName) is not null)
            .ToList();
        if (relevant.Count == 0)
        {
            return;
        }

        var erased = relevant
            .Where(e => e.EventTypeName == "lead_deleted")
            .Select(e => (e.TenantId, LeadId: WebhookEventCatalog.LeadIdOf(((RawEventData)e.Data).Json)))
            .Where(x => x.LeadId is not null)
            .ToList();

        // Events met long after they happened (a long outage, a rebuild) are history, not news.
        var fresh = relevant.Where(e => now - e.Timestamp <= settings.MaxEventAge).ToList();
        var rows = fresh.Count == 0 ? [] : await PlanAsync(context, fresh, now, cancellationToken);
        if (rows.Count > 0)
        {
            var inserted = await context.Connection.ExecuteAsync(new CommandDefinition(InsertDeliveries, new
            {
                TenantIds = rows.Select(r => r.TenantId).ToArray(),
                Ids = rows.Select(r => r.Id).ToArray(),
                EndpointIds = rows.Select(r => r.EndpointId).ToArray(),
                MessageIds = rows.Select(r => r.MessageId).ToArray(),
                EventIds = rows.Select(r => r.EventId).ToArray(),
                EventTypes = rows.Select(r => r.EventType).ToArray(),
                LeadIds = rows.Select(r => r.LeadId).ToArray(),
                Payloads = rows.Select(r => r.Payload).ToArray(),
                AttemptLimit = Math.Max(1, settings.MaxAttempts),
                Now = now.ToUniversalTime(),
            }, context.Transaction, cancellationToken: cancellationToken));
            if (inserted > 0)
            {
                // Delivered on commit: wakes the dispatchers at once instead of at their next poll.
                await context.Connection.ExecuteAsync(new CommandDefinition(
                    $"select pg_notify('{NotifyChannel}', '')", transaction: context.Transaction, cancellationToken: cancellationToken));
            }
        }

        if (erased.Count > 0)
        {
            await context.Connection.ExecuteAsync(new CommandDefinition(EraseLeadPayloads, new
            {
                TenantIds = erased.Select(e => e.TenantId).ToArray(),
                LeadIds = erased.Select(e => e.LeadId!.Value).ToArray(),
                Deleted = WebhookEventTypes.LeadDeleted,
            }, context.Transaction, cancellationToken: cancellationToken));
        }
    }

    /// <summary>Deliveries are the log of what was sent: a rebuild keeps them, and the replay finds every message already queued.</summary>
    public Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary><c>msg_</c> and 32 hex digits derived from the event and the endpoint: the same for every replay.</summary>
    public static string MessageIdFor(Guid eventId, Guid endpointId)
    {
        Span<byte> input = stackalloc byte[32];
        eventId.TryWriteBytes(input[..16], bigEndian: true, out _);
        endpointId.TryWriteBytes(input[16..], bigEndian: true, out _);
        return "msg_" + Convert.ToHexStringLower(SHA256.HashData(input)[..16]);
    }

    private static async Task<List<DeliveryRow>> PlanAsync(
        ProjectionContext context, List<StoredEvent> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var endpoints = (await context.Connection.QueryAsync<EndpointRow>(new CommandDefinition(SelectEndpoints,
                new { TenantIds = events.Select(e => e.TenantId).Distinct().ToArray() }, context.Transaction, cancellationToken: cancellationToken)))
            .ToLookup(e => e.TenantId, StringComparer.Ordinal);
        var rows = new List<DeliveryRow>();
        foreach (var @event in events)
        {
            var publicType = WebhookEventCatalog.PublicTypeOf(@event.EventTypeName)!;
            var json = ((RawEventData)@event.Data).Json;
            var payloads = new Dictionary<WebhookEndpointKind, string?>();
            Guid? leadId = null;
            var leadRead = false;
            foreach (var endpoint in endpoints[@event.TenantId])
            {
                if (@event.Sequence <= endpoint.CreatedSeq || !endpoint.EventTypes.Contains(publicType, StringComparer.Ordinal)
                    || !TryParseKind(endpoint.Kind, out var kind))
                {
                    continue;
                }

                if (!payloads.TryGetValue(kind, out var payload))
                {
                    payloads[kind] = payload = WebhookEventCatalog.BuildPayload(@event.EventTypeName, json, @event.Timestamp, kind);
                }

                if (payload is null)
                {
                    continue;
                }

                if (!leadRead)
                {
                    leadId = WebhookEventCatalog.LeadIdOf(json);
                    leadRead = true;
                }

                rows.Add(new DeliveryRow(@event.TenantId, Guid.CreateVersion7(now), endpoint.Id, MessageIdFor(@event.Id, endpoint.Id),
                    @event.Id, publicType, leadId, payload));
            }
        }

        return rows;
    }

    private static bool TryParseKind(string value, out WebhookEndpointKind kind)
    {
        foreach (var candidate in Enum.GetValues<WebhookEndpointKind>())
        {
            if (WebhookEndpointProjection.KindName(candidate) == value)
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    private sealed record DeliveryRow(
        string TenantId, Guid Id, Guid EndpointId, string MessageId, Guid EventId, string EventType, Guid? LeadId, string Payload);

    private sealed class EndpointRow
    {
        public string TenantId { get; set; } = "";
        public Guid Id { get; set; }
        public string Kind { get; set; } = "";
        public string[] EventTypes { get; set; } = [];
        public long CreatedSeq { get; set; }
    }
}
