using Dapper;
using Npgsql;
using ProSaaS.Application.ApiKeys;
using ProSaaS.Domain.Users;

namespace ProSaaS.Infrastructure.ReadModels.Users;

public sealed class ApiKeyQueries(NpgsqlDataSource dataSource) : IApiKeyQueries
{
    public async Task<ApiKeyCredential?> FindByPrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        // A presented key names no tenant until it is found: the one platform-wide read of api_keys.
        await using var scope = await TenantScope.OpenAsync(dataSource, TenantScope.AllTenants, cancellationToken);
        var row = await scope.Connection.QuerySingleOrDefaultAsync<CredentialRow>(new CommandDefinition("""
            select id as Id, tenant_id as TenantId, name as Name, role as Role, key_hash as KeyHash,
                   last_used_at as LastUsedAt, revoked_at as RevokedAt
            from api_keys where prefix = @prefix
            """, new { prefix }, scope.Transaction, cancellationToken: cancellationToken));
        return row is null
            ? null
            : new ApiKeyCredential(row.Id, row.TenantId, row.Name, ParseRole(row.Role, row.Id), row.KeyHash,
                Utc(row.LastUsedAt), Utc(row.RevokedAt));
    }

    public async Task<IReadOnlyList<ApiKeyView>> ListAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var rows = await scope.Connection.QueryAsync<ViewRow>(new CommandDefinition("""
            select id as Id, name as Name, prefix as Prefix, role as Role, created_at as CreatedAt, created_by as CreatedBy,
                   last_used_at as LastUsedAt, revoked_at as RevokedAt
            from api_keys where tenant_id = @tenantId
            order by created_at desc, id desc
            """, new { tenantId }, scope.Transaction, cancellationToken: cancellationToken));
        return rows.Select(r => new ApiKeyView(
                r.Id, r.Name, r.Prefix, ParseRole(r.Role, r.Id), Utc(r.CreatedAt), r.CreatedBy, Utc(r.LastUsedAt), Utc(r.RevokedAt)))
            .ToList();
    }

    public async Task RecordUseAsync(string tenantId, Guid apiKeyId, DateTimeOffset usedAt, TimeSpan resolution, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        await scope.Connection.ExecuteAsync(new CommandDefinition("""
            update api_keys set last_used_at = @usedAt
            where tenant_id = @tenantId and id = @apiKeyId and (last_used_at is null or last_used_at <= @threshold)
            """,
            new { tenantId, apiKeyId, usedAt = usedAt.ToUniversalTime(), threshold = (usedAt - resolution).ToUniversalTime() },
            scope.Transaction, cancellationToken: cancellationToken));
        await scope.CommitAsync(cancellationToken);
    }

    private static Role ParseRole(string value, Guid id) =>
        RolePolicy.TryParse(value, out var role) ? role : throw new InvalidOperationException($"Unknown role '{value}' for API key {id}.");

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? Utc(v) : null;

    private sealed class CredentialRow
    {
        public Guid Id { get; set; }
        public string TenantId { get; set; } = "";
        public string Name { get; set; } = "";
        public string Role { get; set; } = "";
        public string KeyHash { get; set; } = "";
        public DateTime? LastUsedAt { get; set; }
        public DateTime? RevokedAt { get; set; }
    }

    private sealed class ViewRow
    {
        public Guid Id { get; set; }
        public string Name { get; set; } = "";
        public string Prefix { get; set; } = "";
        public string Role { get; set; } = "";
        public DateTime CreatedAt { get; set; }
        public string? CreatedBy { get; set; }
        public DateTime? LastUsedAt { get; set; }
        public DateTime? RevokedAt { get; set; }
    }
}
