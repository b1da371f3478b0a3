using Dapper;
using Npgsql;
using ProSaaS.Application.Calls;

namespace ProSaaS.Infrastructure.ReadModels.Calls;

public sealed class CallRecordingQueries(NpgsqlDataSource dataSource) : ICallRecordingQueries
{
    public async Task<CallRecordingView?> GetAsync(string tenantId, Guid callId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var row = await scope.Connection.QuerySingleOrDefaultAsync<RecordingRow>(new CommandDefinition("""
            select call_id, storage_key, bytes, duration_ms, sha256, stored_at, expires_at
            from call_recordings
            where tenant_id = @tenantId and call_id = @callId and expires_at > @now
            """, new { tenantId, callId, now = now.ToUniversalTime() }, scope.Transaction, cancellationToken: cancellationToken));
        return row?.ToView();
    }

    public async Task<IReadOnlyList<ExpiredRecording>> FindExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, TenantScope.AllTenants, cancellationToken);
        var rows = await scope.Connection.QueryAsync<(string TenantId, Guid CallId, DateTime ExpiresAt)>(new CommandDefinition("""
            select tenant_id, call_id, expires_at from call_recordings
            where expires_at <= @now
            order by expires_at, tenant_id, call_id
            limit @limit
            """, new { now = now.ToUniversalTime(), limit }, scope.Transaction, cancellationToken: cancellationToken));
        return rows.Select(r => new ExpiredRecording(r.TenantId, r.CallId, Utc(r.ExpiresAt))).ToList();
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private sealed class RecordingRow
    {
        public Guid Call_Id { get; set; }
        public string Storage_Key { get; set; } = string.Empty;
        public long Bytes { get; set; }
        public long Duration_Ms { get; set; }
        public string Sha256 { get; set; } = string.Empty;
        public DateTime Stored_At { get; set; }
        public DateTime Expires_At { get; set; }

        public CallRecordingView ToView() =>
            new(Call_Id, Storage_Key, Bytes, Duration_Ms, Sha256, Utc(Stored_At), Utc(Expires_At));
    }
}
