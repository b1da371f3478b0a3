using Dapper;
using Npgsql;
using ProSaaS.Application.Calls;

namespace ProSaaS.Infrastructure.ReadModels.Calls;

/// <summary>Reads and touches of <c>call_slots</c>; taking and giving back slots happen in the call appends (<see cref="CallSlotProjection"/>).</summary>
public sealed class CallSlots(NpgsqlDataSource dataSource) : ICallSlots
{
    public async Task<LiveCall?> FindByProviderCallIdAsync(string providerCallId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, TenantScope.AllTenants, cancellationToken);
        var row = await scope.Connection.QuerySingleOrDefaultAsync<SlotRow>(new CommandDefinition(
            "select tenant_id, call_id, last_seen_at from call_slots where provider_call_id = @providerCallId",
            new { providerCallId }, scope.Transaction, cancellationToken: cancellationToken));
        return row?.ToLiveCall();
    }

    public async Task<LiveCall?> FindByCallIdAsync(Guid callId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, TenantScope.AllTenants, cancellationToken);
        // Call ids are unique across businesses (random, or derived from the business and the provider's id).
        var row = await scope.Connection.QueryFirstOrDefaultAsync<SlotRow>(new CommandDefinition(
            "select tenant_id, call_id, last_seen_at from call_slots where call_id = @callId order by tenant_id limit 1",
            new { callId }, scope.Transaction, cancellationToken: cancellationToken));
        return row?.ToLiveCall();
    }

    public async Task<bool> TouchAsync(string tenantId, Guid callId, DateTimeOffset seenAt, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var touched = await scope.Connection.ExecuteAsync(new CommandDefinition("""
            update call_slots set last_seen_at = greatest(last_seen_at, @seenAt)
            where tenant_id = @tenantId and call_id = @callId
            """, new { tenantId, callId, seenAt = seenAt.ToUniversalTime() }, scope.Transaction, cancellationToken: cancellationToken));
        await scope.CommitAsync(cancellationToken);
        return touched > 0;
    }

    public async Task<IReadOnlyList<LiveCall>> FindSilentAsync(DateTimeOffset silentSince, int limit, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, TenantScope.AllTenants, cancellationToken);
        var rows = await scope.Connection.QueryAsync<SlotRow>(new CommandDefinition("""
            select tenant_id, call_id, last_seen_at from call_slots
            where last_seen_at < @silentSince
            order by last_seen_at, tenant_id, call_id
            limit @limit
            """, new { silentSince = silentSince.ToUniversalTime(), limit }, scope.Transaction, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToLiveCall()).ToList();
    }

    public async Task ReleaseAsync(string tenantId, Guid callId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "delete from call_slots where tenant_id = @tenantId and call_id = @callId",
            new { tenantId, callId }, scope.Transaction, cancellationToken: cancellationToken));
        await scope.CommitAsync(cancellationToken);
    }

    public async Task<ActiveCallCount> CountAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var row = await scope.Connection.QuerySingleOrDefaultAsync<CountRow>(new CommandDefinition("""
            select count(s.call_id)::int as total,
                   (count(s.call_id) filter (where s.direction = 'outbound'))::int as outbound,
                   t.max_concurrent_calls, t.max_outbound_calls
            from tenants t left join call_slots s on s.tenant_id = t.tenant_id
            where t.tenant_id = @tenantId
            group by t.max_concurrent_calls, t.max_outbound_calls
            """, new { tenantId }, scope.Transaction, cancellationToken: cancellationToken));
        return row is null
            ? new ActiveCallCount(0, 0, 0, Domain.Tenants.TenantLimits.DefaultMaxConcurrentCalls, Domain.Tenants.TenantLimits.DefaultMaxOutboundCalls)
            : new ActiveCallCount(row.Total, row.Total - row.Outbound, row.Outbound, row.Max_Concurrent_Calls, row.Max_Outbound_Calls);
    }

    private sealed record SlotRow(string Tenant_Id, Guid Call_Id, DateTime Last_Seen_At)
    {
        public LiveCall ToLiveCall() => new(Tenant_Id, Call_Id, new DateTimeOffset(DateTime.SpecifyKind(Last_Seen_At, DateTimeKind.Utc)));
    }

    private sealed record CountRow(int Total, int Outbound, int Max_Concurrent_Calls, int Max_Outbound_Calls);
}
