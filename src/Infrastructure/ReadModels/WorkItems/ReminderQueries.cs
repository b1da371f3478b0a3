using Dapper;
using Npgsql;
using ProSaaS.Application.Common.Paging;
using ProSaaS.Application.Reminders;

namespace ProSaaS.Infrastructure.ReadModels.WorkItems;

/// <summary>Reminders with their lead and owner joined: one query per reminder or per page, however many items.</summary>
public sealed class ReminderQueries(NpgsqlDataSource dataSource) : IReminderQueries
{
    private const string Select = """
        select r.id as Id, r.lead_id as LeadId, l.name as LeadName, l.phone as LeadPhone,
               r.owner_user_id as OwnerUserId, u.display_name as OwnerName, r.text as Text, r.due_at as DueAt,
               r.completed_at as CompletedAt, r.notified_at as NotifiedAt, r.created_by as CreatedBy,
               r.created_at as CreatedAt, r.updated_at as UpdatedAt, r.version as Version
        from lead_reminders r
        join leads l on l.tenant_id = r.tenant_id and l.id = r.lead_id
        left join users u on u.tenant_id = r.tenant_id and u.id = r.owner_user_id
        """;

    public async Task<ReminderView?> GetAsync(string tenantId, Guid reminderId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var row = await scope.Connection.QuerySingleOrDefaultAsync<ReminderRow>(new CommandDefinition(
            $"{Select} where r.tenant_id = @tenantId and r.id = @reminderId",
            new { tenantId, reminderId }, scope.Transaction, cancellationToken: cancellationToken));
        return row?.ToView();
    }

    public async Task<IReadOnlyList<ReminderView>> ListAsync(
        string tenantId, ReminderFilter filter, DueCursor? after, int limit, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var rows = await scope.Connection.QueryAsync<ReminderRow>(new CommandDefinition($"""
            {Select}
            where r.tenant_id = @tenantId
              and (@leadId::uuid is null or r.lead_id = @leadId)
              and (@ownerId::uuid is null or r.owner_user_id = @ownerId)
              and (@completed::boolean is null or (r.completed_at is not null) = @completed)
              and (@dueFrom::timestamptz is null or r.due_at >= @dueFrom)
              and (@dueBefore::timestamptz is null or r.due_at < @dueBefore)
              and (@afterDue::timestamptz is null or (r.due_at, r.id) > (@afterDue, @afterId))
            order by r.due_at, r.id
            limit @limit
            """,
            new
            {
                tenantId,
                leadId = filter.LeadId,
                ownerId = filter.OwnerUserId,
                completed = filter.Completed,
                dueFrom = filter.DueFrom,
                dueBefore = filter.DueBefore,
                afterDue = after?.DueAt,
                afterId = after?.Id ?? Guid.Empty,
                limit,
            },
            scope.Transaction, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToView()).ToList();
    }

    private sealed class ReminderRow
    {
        public Guid Id { get; set; }
        public Guid LeadId { get; set; }
        public string? LeadName { get; set; }
        public string? LeadPhone { get; set; }
        public Guid OwnerUserId { get; set; }
        public string? OwnerName { get; set; }
        public string Text { get; set; } = "";
        public DateTime DueAt { get; set; }
        public DateTime? CompletedAt { get; set; }
        public DateTime? NotifiedAt { get; set; }
        public string? CreatedBy { get; set; }
        public DateTime CreatedAt { get; set; }
        public DateTime UpdatedAt { get; set; }
        public long Version { get; set; }

        public ReminderView ToView() => new(
            Id, LeadId, LeadName, LeadPhone, OwnerUserId, OwnerName, Text, Utc.Of(DueAt), null,
            Utc.Of(CompletedAt), Utc.Of(NotifiedAt), CreatedBy, Utc.Of(CreatedAt), Utc.Of(UpdatedAt), Version);
    }
}

internal static class Utc
{
    public static DateTimeOffset Of(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    public static DateTimeOffset? Of(DateTime? value) => value is { } v ? Of(v) : null;
}
