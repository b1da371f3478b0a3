using Dapper;
using Npgsql;
using ProSaaS.Application.Calls.WrapUp;
using ProSaaS.Infrastructure.ReadModels;

namespace ProSaaS.Infrastructure.AfterCall;

public sealed class CallWrapUpQueue(NpgsqlDataSource dataSource, TimeProvider clock) : ICallWrapUpQueue
{
    private const string Claim = """
        with due as (
            select tenant_id, call_id
            from call_wrap_ups
            where status = 'pending' and next_attempt_at <= @now
              and (media_ended or ended_at <= @settledBefore)
              and (claimed_until is null or claimed_until < @now)
            order by next_attempt_at
            limit @limit
            for update skip locked)
        update call_wrap_ups w set claimed_until = @leaseUntil, attempts = w.attempts + 1
        from due
        where w.tenant_id = due.tenant_id and w.call_id = due.call_id
        returning w.tenant_id as TenantId, w.call_id as CallId, w.attempts as Attempts, w.ended_at as EndedAt
        """;

    public async Task<IReadOnlyList<CallWrapUpItem>> ClaimDueAsync(
        DateTimeOffset now, DateTimeOffset settledBefore, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, TenantScope.AllTenants, cancellationToken);
        var rows = await scope.Connection.QueryAsync<(string TenantId, Guid CallId, int Attempts, DateTime EndedAt)>(new CommandDefinition(Claim, new
        {
            now = now.UtcDateTime,
            settledBefore = settledBefore.UtcDateTime,
            leaseUntil = leaseUntil.UtcDateTime,
            limit,
        }, scope.Transaction, cancellationToken: cancellationToken));
        var claimed = rows.Select(r => new CallWrapUpItem(r.TenantId, r.CallId, r.Attempts, new DateTimeOffset(DateTime.SpecifyKind(r.EndedAt, DateTimeKind.Utc)))).ToList();
        await scope.CommitAsync(cancellationToken);
        return claimed;
    }

    public async Task RetryAsync(string tenantId, Guid callId, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        await scope.Connection.ExecuteAsync(new CommandDefinition("""
            update call_wrap_ups set next_attempt_at = @nextAttemptAt, claimed_until = null, last_error = @error
            where tenant_id = @tenantId and call_id = @callId and status = 'pending'
            """, new { tenantId, callId, nextAttemptAt = nextAttemptAt.UtcDateTime, error }, scope.Transaction, cancellationToken: cancellationToken));
        await scope.CommitAsync(cancellationToken);
    }

    public async Task SkipAsync(string tenantId, Guid callId, string reason, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        await scope.Connection.ExecuteAsync(new CommandDefinition("""
            update call_wrap_ups set status = 'skipped', claimed_until = null, last_error = @reason, completed_at = @now
            where tenant_id = @tenantId and call_id = @callId and status = 'pending'
            """, new { tenantId, callId, reason, now = clock.GetUtcNow().UtcDateTime }, scope.Transaction, cancellationToken: cancellationToken));
        await scope.CommitAsync(cancellationToken);
    }
}
