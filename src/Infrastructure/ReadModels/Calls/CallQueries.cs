using Dapper;
using Npgsql;
using ProSaaS.Application.Calls;
using ProSaaS.Application.Common.Paging;
using ProSaaS.Domain.Calls;

namespace ProSaaS.Infrastructure.ReadModels.Calls;

public sealed class CallQueries(NpgsqlDataSource dataSource) : ICallQueries
{
    private const string Columns = """
        c.id, c.direction, c.status, c.from_number, c.to_number, c.lead_id, l.name as lead_name, c.template_id, t.name as template_name,
        c.provider_call_id,
        c.started_at, c.answered_at, c.ended_at, c.duration_seconds, c.end_reason, c.rejection_reason, c.updated_at, c.version
        """;

    public async Task<CallView?> GetAsync(string tenantId, Guid callId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var row = await scope.Connection.QuerySingleOrDefaultAsync<CallRow>(new CommandDefinition($"""
            select {Columns}
            from calls c left join leads l on l.tenant_id = c.tenant_id and l.id = c.lead_id
                         left join outbound_templates t on t.tenant_id = c.tenant_id and t.id = c.template_id
            where c.tenant_id = @tenantId and c.id = @callId
            """, new { tenantId, callId }, scope.Transaction, cancellationToken: cancellationToken));
        return row?.ToView();
    }

    public async Task<IReadOnlyList<CallView>> ListAsync(
        string tenantId, CallFilter filter, NewestCursor? after, int limit, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var rows = await scope.Connection.QueryAsync<CallRow>(new CommandDefinition($"""
            select {Columns}
            from calls c left join leads l on l.tenant_id = c.tenant_id and l.id = c.lead_id
                         left join outbound_templates t on t.tenant_id = c.tenant_id and t.id = c.template_id
            where c.tenant_id = @tenantId
              and (@direction::text is null or c.direction = @direction)
              and (@status::text is null or c.status = @status)
              and (@leadId::uuid is null or c.lead_id = @leadId)
              and (@startedFrom::timestamptz is null or c.started_at >= @startedFrom)
              and (@startedBefore::timestamptz is null or c.started_at < @startedBefore)
              and (@afterAt::timestamptz is null or (c.started_at, c.id) < (@afterAt, @afterId))
            order by c.started_at desc, c.id desc
            limit @limit
            """, new
        {
            tenantId,
            direction = filter.Direction is { } direction ? CallText.WireName(direction) : null,
            status = filter.Status is { } status ? CallText.WireName(status) : null,
            leadId = filter.LeadId,
            startedFrom = filter.StartedFrom?.ToUniversalTime(),
            startedBefore = filter.StartedBefore?.ToUniversalTime(),
            afterAt = after?.At.ToUniversalTime(),
            afterId = after?.Id ?? Guid.Empty,
            limit,
        }, scope.Transaction, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToView()).ToList();
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static TEnum Parse<TEnum>(string text)
        where TEnum : struct, Enum
    {
        foreach (var value in Enum.GetValues<TEnum>())
        {
            if (CallText.WireName(value) == text)
            {
                return value;
            }
        }

        throw new InvalidOperationException($"Unknown {typeof(TEnum).Name} '{text}' in the calls read model.");
    }

    private sealed class CallRow
    {
        public Guid Id { get; set; }
        public string Direction { get; set; } = string.Empty;
        public string Status { get; set; } = string.Empty;
        public string? From_Number { get; set; }
        public string? To_Number { get; set; }
        public Guid? Lead_Id { get; set; }
        public string? Lead_Name { get; set; }
        public Guid? Template_Id { get; set; }
        public string? Template_Name { get; set; }
        public string? Provider_Call_Id { get; set; }
        public DateTime Started_At { get; set; }
        public DateTime? Answered_At { get; set; }
        public DateTime? Ended_At { get; set; }
        public int? Duration_Seconds { get; set; }
        public string? End_Reason { get; set; }
        public string? Rejection_Reason { get; set; }
        public DateTime Updated_At { get; set; }
        public long Version { get; set; }

        public CallView ToView()
        {
            var status = Parse<CallStatus>(Status);
            return new CallView(
                Id,
                Parse<CallDirection>(Direction),
                status,
                From_Number,
                To_Number,
                Lead_Id,
                Lead_Name,
                Template_Id,
                Template_Name,
                Provider_Call_Id,
                Utc(Started_At),
                Answered_At is { } answered ? Utc(answered) : null,
                Ended_At is { } ended ? Utc(ended) : null,
                Duration_Seconds,
                End_Reason is { } endReason ? Parse<CallEndReason>(endReason) : null,
                Rejection_Reason is { } rejection ? Parse<CallRejectionReason>(rejection) : null,
                !CallStatusPolicy.IsFinal(status),
                Utc(Updated_At),
                Version);
        }
    }
}
