using System.Text.Json;
using Dapper;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Webhooks;
using ProSaaS.Infrastructure.Projections;

namespace ProSaaS.Infrastructure.Webhooks;

/// <summary>
/// Keeps <c>webhook_endpoints</c> equal to the latest state of every endpoint stream, in the append's transaction.
/// A deleted endpoint's row goes, and its deliveries and attempts with it (foreign keys on delete cascade).
/// </summary>
public sealed class WebhookEndpointProjection : IProjection
{
    private const string UpsertCreated = """
        insert into webhook_endpoints (tenant_id, id, url, description, event_types, kind, enabled, secret_protected, secret_hint,
                                       created_seq, created_at, created_by, updated_at, version)
        select t, i, u, d, array(select jsonb_array_elements_text(et::jsonb)), k, en, sp, sh, cs, ca, cb, ua, v
        from unnest(@TenantIds, @Ids, @Urls, @Descriptions, @EventTypes, @Kinds, @Enabled, @Secrets, @Hints, @CreatedSeqs,
                    @CreatedAt, @CreatedBy, @UpdatedAt, @Versions)
             as x(t, i, u, d, et, k, en, sp, sh, cs, ca, cb, ua, v)
        on conflict (tenant_id, id) do update set
            url = excluded.url, description = excluded.description, event_types = excluded.event_types, kind = excluded.kind,
            enabled = excluded.enabled, secret_protected = excluded.secret_protected, secret_hint = excluded.secret_hint,
            created_seq = excluded.created_seq, created_at = excluded.created_at, created_by = excluded.created_by,
            updated_at = excluded.updated_at, version = excluded.version
        """;

    /// <summary>Changes to endpoints created before this batch: settings, secret, or both.</summary>
    private const string UpdateExisting = """
        update webhook_endpoints e set
            url = case when x.changed then x.u else e.url end,
            description = case when x.changed then x.d else e.description end,
            event_types = case when x.changed then array(select jsonb_array_elements_text(x.et::jsonb)) else e.event_types end,
            enabled = case when x.changed then x.en else e.enabled end,
            secret_protected = coalesce(x.sp, e.secret_protected),
            secret_hint = coalesce(x.sh, e.secret_hint),
            updated_at = x.ua,
            version = x.v
        from unnest(@TenantIds, @Ids, @Changed, @Urls, @Descriptions, @EventTypes, @Enabled, @Secrets, @Hints, @UpdatedAt, @Versions)
             as x(t, i, changed, u, d, et, en, sp, sh, ua, v)
        where e.tenant_id = x.t and e.id = x.i
        """;

    public string Name => "webhook_endpoints";

    public ProjectionLifecycle Lifecycle => ProjectionLifecycle.Inline;

    public IReadOnlyCollection<Type> EventTypes { get; } =
        [typeof(WebhookEndpointCreated), typeof(WebhookEndpointChanged), typeof(WebhookEndpointSecretRotated), typeof(WebhookEndpointDeleted)];

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<(string Tenant, Guid Id), Row>();
        var deleted = new List<(string Tenant, Guid Id)>();
        foreach (var @event in events)
        {
            switch (@event.Data)
            {
                case WebhookEndpointCreated e:
                    rows[(@event.TenantId, e.WebhookEndpointId)] = new Row(@event.TenantId, e.WebhookEndpointId)
                    {
                        Created = e,
                        CreatedSeq = @event.Sequence,
                        Url = e.Url,
                        Description = e.Description,
                        Types = e.EventTypes,
                        Enabled = e.Enabled,
                        Secret = e.ProtectedSecret,
                        Hint = e.SecretHint,
                        UpdatedAt = e.CreatedAt,
                        Version = @event.Version,
                    };
                    break;
                case WebhookEndpointChanged e:
                {
                    var row = RowOf(rows, @event.TenantId, e.WebhookEndpointId);
                    row.Changed = true;
                    row.Url = e.Url;
                    row.Description = e.Description;
                    row.Types = e.EventTypes;
                    row.Enabled = e.Enabled;
                    row.UpdatedAt = e.ChangedAt;
                    row.Version = @event.Version;
                    break;
                }

                case WebhookEndpointSecretRotated e:
                {
                    var row = RowOf(rows, @event.TenantId, e.WebhookEndpointId);
                    row.Secret = e.ProtectedSecret;
                    row.Hint = e.SecretHint;
                    row.UpdatedAt = e.RotatedAt;
                    row.Version = @event.Version;
                    break;
                }

                case WebhookEndpointDeleted e:
                    rows.Remove((@event.TenantId, e.WebhookEndpointId));
                    deleted.Add((@event.TenantId, e.WebhookEndpointId));
                    break;
            }
        }

        if (deleted.Count > 0)
        {
            await context.Connection.ExecuteAsync(new CommandDefinition(
                "delete from webhook_endpoints e using unnest(@TenantIds, @Ids) as x(t, i) where e.tenant_id = x.t and e.id = x.i",
                new { TenantIds = deleted.Select(d => d.Tenant).ToArray(), Ids = deleted.Select(d => d.Id).ToArray() },
                context.Transaction, cancellationToken: cancellationToken));
        }

        var created = rows.Values.Where(r => r.Created is not null).ToList();
        if (created.Count > 0)
        {
            await context.Connection.ExecuteAsync(new CommandDefinition(UpsertCreated, new
            {
                TenantIds = created.Select(r => r.TenantId).ToArray(),
                Ids = created.Select(r => r.Id).ToArray(),
                Urls = created.Select(r => r.Url).ToArray(),
                Descriptions = created.Select(r => r.Description).ToArray(),
                EventTypes = created.Select(r => JsonSerializer.Serialize(r.Types)).ToArray(),
                Kinds = created.Select(r => KindName(r.Created!.Kind)).ToArray(),
                Enabled = created.Select(r => r.Enabled).ToArray(),
                Secrets = created.Select(r => r.Secret).ToArray(),
                Hints = created.Select(r => r.Hint).ToArray(),
                CreatedSeqs = created.Select(r => r.CreatedSeq).ToArray(),
                CreatedAt = created.Select(r => r.Created!.CreatedAt.ToUniversalTime()).ToArray(),
                CreatedBy = created.Select(r => r.Created!.CreatedBy).ToArray(),
                UpdatedAt = created.Select(r => r.UpdatedAt.ToUniversalTime()).ToArray(),
                Versions = created.Select(r => r.Version).ToArray(),
            }, context.Transaction, cancellationToken: cancellationToken));
        }

        var changed = rows.Values.Where(r => r.Created is null).ToList();
        if (changed.Count > 0)
        {
            await context.Connection.ExecuteAsync(new CommandDefinition(UpdateExisting, new
            {
                TenantIds = changed.Select(r => r.TenantId).ToArray(),
                Ids = changed.Select(r => r.Id).ToArray(),
                Changed = changed.Select(r => r.Changed).ToArray(),
                Urls = changed.Select(r => r.Url).ToArray(),
                Descriptions = changed.Select(r => r.Description).ToArray(),
                EventTypes = changed.Select(r => JsonSerializer.Serialize(r.Types)).ToArray(),
                Enabled = changed.Select(r => r.Enabled).ToArray(),
                Secrets = changed.Select(r => r.Secret).ToArray(),
                Hints = changed.Select(r => r.Hint).ToArray(),
                UpdatedAt = changed.Select(r => r.UpdatedAt.ToUniversalTime()).ToArray(),
                Versions = changed.Select(r => r.Version).ToArray(),
            }, context.Transaction, cancellationToken: cancellationToken));
        }
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken) =>
        context.Connection.ExecuteAsync(new CommandDefinition("delete from webhook_endpoints", transaction: context.Transaction, cancellationToken: cancellationToken));

    /// <summary>The wire name of a kind, as the API and the table spell it.</summary>
    public static string KindName(WebhookEndpointKind kind) => JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());

    private static Row RowOf(Dictionary<(string Tenant, Guid Id), Row> rows, string tenantId, Guid id)
    {
        if (!rows.TryGetValue((tenantId, id), out var row))
        {
            rows[(tenantId, id)] = row = new Row(tenantId, id);
        }

        return row;
    }

    private sealed class Row(string tenantId, Guid id)
    {
        public string TenantId { get; } = tenantId;
        public Guid Id { get; } = id;
        public WebhookEndpointCreated? Created { get; init; }
        public long CreatedSeq { get; init; }
        public bool Changed { get; set; }
        public string? Url { get; set; }
        public string? Description { get; set; }
        public IReadOnlyList<string> Types { get; set; } = [];
        public bool Enabled { get; set; }
        public string? Secret { get; set; }
        public string? Hint { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        public long Version { get; set; }
    }
}
