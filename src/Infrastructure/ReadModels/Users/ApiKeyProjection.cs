using Dapper;
using Npgsql;
using ProSaaS.Application.ApiKeys;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.ApiKeys;
using ProSaaS.Domain.Users;
using ProSaaS.Infrastructure.Projections;

namespace ProSaaS.Infrastructure.ReadModels.Users;

/// <summary>
/// Keeps the <c>api_keys</c> table in step with the key streams, in the append's transaction. It never writes
/// <c>last_used_at</c>: that column belongs to authentication.
/// </summary>
public sealed class ApiKeyProjection : IProjection
{
    private const string PrefixConstraint = "uq_api_keys_prefix";

    private const string UpsertCreated = """
        insert into api_keys (tenant_id, id, name, prefix, key_hash, role, created_at, created_by, revoked_at, revoked_by, version)
        select t, i, n, p, h, r, c, cb, ra, rb, v
        from unnest(@TenantIds, @Ids, @Names, @Prefixes, @Hashes, @Roles, @CreatedAt, @CreatedBy, @RevokedAt, @RevokedBy, @Versions)
             as x(t, i, n, p, h, r, c, cb, ra, rb, v)
        on conflict (tenant_id, id) do update set
            name = excluded.name, prefix = excluded.prefix, key_hash = excluded.key_hash, role = excluded.role,
            created_at = excluded.created_at, created_by = excluded.created_by, revoked_at = excluded.revoked_at,
            revoked_by = excluded.revoked_by, version = excluded.version
        """;

    private const string UpdateRevoked = """
        update api_keys k set revoked_at = x.ra, revoked_by = x.rb, version = x.v
        from unnest(@TenantIds, @Ids, @RevokedAt, @RevokedBy, @Versions) as x(t, i, ra, rb, v)
        where k.tenant_id = x.t and k.id = x.i
        """;

    public string Name => "api_keys";

    public ProjectionLifecycle Lifecycle => ProjectionLifecycle.Inline;

    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(ApiKeyCreated), typeof(ApiKeyRevoked)];

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<(string Tenant, Guid Id), Row>();
        foreach (var @event in events)
        {
            switch (@event.Data)
            {
                case ApiKeyCreated e:
                    rows[(@event.TenantId, e.ApiKeyId)] = new Row(@event.TenantId, e.ApiKeyId) { Created = e, Version = @event.Version };
                    break;
                case ApiKeyRevoked e:
                    var key = (@event.TenantId, e.ApiKeyId);
                    if (!rows.TryGetValue(key, out var row))
                    {
                        rows[key] = row = new Row(@event.TenantId, e.ApiKeyId);
                    }

                    row.RevokedAt = e.RevokedAt;
                    row.RevokedBy = e.RevokedBy;
                    row.Version = @event.Version;
                    break;
            }
        }

        var created = rows.Values.Where(r => r.Created is not null).ToList();
        if (created.Count > 0)
        {
            try
            {
                await context.Connection.ExecuteAsync(new CommandDefinition(UpsertCreated, new
                {
                    TenantIds = created.Select(r => r.TenantId).ToArray(),
                    Ids = created.Select(r => r.Id).ToArray(),
                    Names = created.Select(r => r.Created!.Name).ToArray(),
                    Prefixes = created.Select(r => r.Created!.Prefix).ToArray(),
                    Hashes = created.Select(r => r.Created!.KeyHash).ToArray(),
                    Roles = created.Select(r => r.Created!.Role.ToWireName()).ToArray(),
                    CreatedAt = created.Select(r => r.Created!.CreatedAt.ToUniversalTime()).ToArray(),
                    CreatedBy = created.Select(r => r.Created!.CreatedBy).ToArray(),
                    RevokedAt = created.Select(r => r.RevokedAt?.ToUniversalTime()).ToArray(),
                    RevokedBy = created.Select(r => r.RevokedBy).ToArray(),
                    Versions = created.Select(r => r.Version).ToArray(),
                }, context.Transaction, cancellationToken: cancellationToken));
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName == PrefixConstraint)
            {
                throw new ConflictException(ApiKeyConflicts.PrefixTaken, "An API key with this prefix already exists.");
            }
        }

        var revoked = rows.Values.Where(r => r.Created is null).ToList();
        if (revoked.Count > 0)
        {
            await context.Connection.ExecuteAsync(new CommandDefinition(UpdateRevoked, new
            {
                TenantIds = revoked.Select(r => r.TenantId).ToArray(),
                Ids = revoked.Select(r => r.Id).ToArray(),
                RevokedAt = revoked.Select(r => r.RevokedAt?.ToUniversalTime()).ToArray(),
                RevokedBy = revoked.Select(r => r.RevokedBy).ToArray(),
                Versions = revoked.Select(r => r.Version).ToArray(),
            }, context.Transaction, cancellationToken: cancellationToken));
        }
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken) =>
        context.Connection.ExecuteAsync(new CommandDefinition("delete from api_keys", transaction: context.Transaction, cancellationToken: cancellationToken));

    private sealed class Row(string tenantId, Guid id)
    {
        public string TenantId { get; } = tenantId;
        public Guid Id { get; } = id;
        public ApiKeyCreated? Created { get; init; }
        public DateTimeOffset? RevokedAt { get; set; }
        public string? RevokedBy { get; set; }
        public long Version { get; set; }
    }
}
