using Dapper;
using Npgsql;
using ProSaaS.Application.Common.Idempotency;
using ProSaaS.Infrastructure.ReadModels;

namespace ProSaaS.Infrastructure.Idempotency;

/// <summary>
/// Idempotency keys in PostgreSQL. The claim is one statement on the primary key, so of two simultaneous requests with
/// one key exactly one runs; an expired key is taken over as if new.
/// </summary>
public sealed class PostgresIdempotencyStore(NpgsqlDataSource dataSource, TimeProvider clock) : IIdempotencyStore
{
    public async Task<IdempotencyClaim> ClaimAsync(string tenantId, string key, string fingerprint, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var claimed = await scope.Connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
            with claim as (
                insert into idempotency_keys as k (tenant_id, key, fingerprint, created_at) values (@tenantId, @key, @fingerprint, @now)
                on conflict (tenant_id, key) do update
                    set fingerprint = excluded.fingerprint, created_at = excluded.created_at,
                        status_code = null, body = null, location = null, completed_at = null
                    where k.created_at < @expired
                returning 1)
            select exists (select 1 from claim)
            """,
            new { tenantId, key, fingerprint, now, expired = now - IIdempotencyStore.Retention }, scope.Transaction, cancellationToken: cancellationToken));
        if (claimed)
        {
            await scope.CommitAsync(cancellationToken);
            return new IdempotencyClaim(IdempotencyClaimState.Claimed);
        }

        var existing = await scope.Connection.QuerySingleAsync<(string Fingerprint, int? StatusCode, string? Body, string? Location)>(
            new CommandDefinition(
                "select fingerprint, status_code, body, location from idempotency_keys where tenant_id = @tenantId and key = @key",
                new { tenantId, key }, scope.Transaction, cancellationToken: cancellationToken));
        return existing.Fingerprint != fingerprint ? new IdempotencyClaim(IdempotencyClaimState.Mismatch)
            : existing.StatusCode is { } status ? new IdempotencyClaim(IdempotencyClaimState.Completed, new StoredResponse(status, existing.Body, existing.Location))
            : new IdempotencyClaim(IdempotencyClaimState.InProgress);
    }

    public async Task CompleteAsync(string tenantId, string key, StoredResponse response, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        await scope.Connection.ExecuteAsync(new CommandDefinition("""
            update idempotency_keys set status_code = @StatusCode, body = @Body, location = @Location, completed_at = @now
            where tenant_id = @tenantId and key = @key
            """,
            new { response.StatusCode, response.Body, response.Location, now = clock.GetUtcNow(), tenantId, key },
            scope.Transaction, cancellationToken: cancellationToken));
        await scope.CommitAsync(cancellationToken);
    }

    public async Task ReleaseAsync(string tenantId, string key, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "delete from idempotency_keys where tenant_id = @tenantId and key = @key and status_code is null",
            new { tenantId, key }, scope.Transaction, cancellationToken: cancellationToken));
        await scope.CommitAsync(cancellationToken);
    }
}
