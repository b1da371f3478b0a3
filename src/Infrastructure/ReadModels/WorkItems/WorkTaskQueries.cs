using Dapper;
using Npgsql;
using ProSaaS.Application.Common.Paging;
using ProSaaS.Application.WorkTasks;
using ProSaaS.Domain.WorkTasks;

namespace ProSaaS.Infrastructure.ReadModels.WorkItems;

/// <summary>Tasks with their assignee and lead joined: one query per task, per page or for the whole board.</summary>
public sealed class WorkTaskQueries(NpgsqlDataSource dataSource) : IWorkTaskQueries
{
    private const double PositionStep = 1000;

    private const string Columns = """
        t.id as Id, t.title as Title, t.description as Description, t.status as Status, t.position as Position,
        t.due_at as DueAt, t.assignee_user_id as AssigneeUserId, u.display_name as AssigneeName,
        t.lead_id as LeadId, l.name as LeadName, l.phone as LeadPhone, t.notified_at as NotifiedAt,
        t.created_by as CreatedBy, t.created_at as CreatedAt, t.updated_at as UpdatedAt, t.version as Version
        """;

    private const string Joins = """
        left join leads l on l.tenant_id = t.tenant_id and l.id = t.lead_id
        left join users u on u.tenant_id = t.tenant_id and u.id = t.assignee_user_id
        """;

    private const string Filters = """
        t.tenant_id = @tenantId
          and (@status::text is null or t.status = @status)
          and (@assigneeId::uuid is null or t.assignee_user_id = @assigneeId)
          and (not @unassigned or t.assignee_user_id is null)
          and (@leadId::uuid is null or t.lead_id = @leadId)
          and (not @dueRange or (t.status <> 'done' and t.due_at is not null
                                 and (@dueFrom::timestamptz is null or t.due_at >= @dueFrom)
                                 and (@dueBefore::timestamptz is null or t.due_at < @dueBefore)))
        """;

    public async Task<WorkTaskView?> GetAsync(string tenantId, Guid taskId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var row = await scope.Connection.QuerySingleOrDefaultAsync<TaskRow>(new CommandDefinition(
            $"select {Columns} from tasks t {Joins} where t.tenant_id = @tenantId and t.id = @taskId",
            new { tenantId, taskId }, scope.Transaction, cancellationToken: cancellationToken));
        return row?.ToView();
    }

    public async Task<IReadOnlyList<WorkTaskView>> ListByDueAsync(
        string tenantId, WorkTaskFilter filter, DueCursor? after, int limit, CancellationToken cancellationToken)
    {
        var parameters = FilterParameters(tenantId, filter);
        parameters.Add("hasAfter", after is not null);
        parameters.Add("afterDue", after?.DueAt);
        parameters.Add("afterId", after?.Id ?? Guid.Empty);
        parameters.Add("limit", limit);
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        // Undated tasks come last: after a dated cursor every undated task follows; after an undated one, only by id.
        var rows = await scope.Connection.QueryAsync<TaskRow>(new CommandDefinition($"""
            select {Columns} from tasks t {Joins}
            where {Filters}
              and (not @hasAfter
                   or (@afterDue::timestamptz is null and t.due_at is null and t.id > @afterId)
                   or (@afterDue::timestamptz is not null and (t.due_at is null or (t.due_at, t.id) > (@afterDue, @afterId))))
            order by t.due_at nulls last, t.id
            limit @limit
            """, parameters, scope.Transaction, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToView()).ToList();
    }

    public async Task<IReadOnlyList<WorkTaskView>> ListByPositionAsync(
        string tenantId, WorkTaskFilter filter, PositionCursor? after, int limit, CancellationToken cancellationToken)
    {
        var parameters = FilterParameters(tenantId, filter);
        parameters.Add("hasAfter", after is not null);
        parameters.Add("afterPosition", after?.Position ?? 0d);
        parameters.Add("afterId", after?.Id ?? Guid.Empty);
        parameters.Add("limit", limit);
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var rows = await scope.Connection.QueryAsync<TaskRow>(new CommandDefinition($"""
            select {Columns} from tasks t {Joins}
            where {Filters}
              and (not @hasAfter or (t.position, t.id) > (@afterPosition, @afterId))
            order by t.position, t.id
            limit @limit
            """, parameters, scope.Transaction, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToView()).ToList();
    }

    public async Task<IReadOnlyList<BoardColumnRows>> BoardAsync(string tenantId, WorkTaskFilter filter, int perColumn, CancellationToken cancellationToken)
    {
        var parameters = FilterParameters(tenantId, filter);
        parameters.Add("perColumn", perColumn);
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        // Counted and ranked per column over the tasks alone; only the shown ones are joined to their lead and assignee.
        var rows = await scope.Connection.QueryAsync<BoardRow>(new CommandDefinition($"""
            with ranked as (
                select t.*,
                       count(*) over (partition by t.status) as column_count,
                       row_number() over (partition by t.status order by t.position, t.id) as column_rank
                from tasks t
                where {Filters}
            )
            select {Columns}, t.column_count as ColumnCount
            from ranked t {Joins}
            where t.column_rank <= @perColumn
            order by t.status, t.position, t.id
            """, parameters, scope.Transaction, cancellationToken: cancellationToken));
        return rows
            .GroupBy(r => r.Status)
            .Select(g => new BoardColumnRows(TaskRow.ParseStatus(g.Key), g.First().ColumnCount, g.Select(r => r.ToView()).ToList()))
            .ToList();
    }

    public async Task<double> EndOfColumnAsync(string tenantId, WorkTaskStatus status, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var last = await scope.Connection.ExecuteScalarAsync<double?>(new CommandDefinition(
            "select max(position) from tasks where tenant_id = @tenantId and status = @status",
            new { tenantId, status = status.ToWire() }, scope.Transaction, cancellationToken: cancellationToken));
        return last is { } position ? Math.Floor(position / PositionStep) * PositionStep + PositionStep : PositionStep;
    }

    private static DynamicParameters FilterParameters(string tenantId, WorkTaskFilter filter)
    {
        var parameters = new DynamicParameters();
        parameters.Add("tenantId", tenantId);
        parameters.Add("status", filter.Status?.ToWire());
        parameters.Add("assigneeId", filter.AssigneeUserId);
        parameters.Add("unassigned", filter.Unassigned);
        parameters.Add("leadId", filter.LeadId);
        parameters.Add("dueRange", filter.HasDueRange);
        parameters.Add("dueFrom", filter.DueFrom);
        parameters.Add("dueBefore", filter.DueBefore);
        return parameters;
    }

    private class TaskRow
    {
        public Guid Id { get; set; }
        public string Title { get; set; } = "";
        public string? Description { get; set; }
        public string Status { get; set; } = "";
        public double Position { get; set; }
        public DateTime? DueAt { get; set; }
        public Guid? AssigneeUserId { get; set; }
        public string? AssigneeName { get; set; }
        public Guid? LeadId { get; set; }
        public string? LeadName { get; set; }
        public string? LeadPhone { get; set; }
        public DateTime? NotifiedAt { get; set; }
        public string? CreatedBy { get; set; }
        public DateTime CreatedAt { get; set; }
        public DateTime UpdatedAt { get; set; }
        public long Version { get; set; }

        public static WorkTaskStatus ParseStatus(string status) =>
            WorkTaskStatusText.TryParse(status, out var parsed) ? parsed : throw new InvalidOperationException($"Unknown task status '{status}'.");

        public WorkTaskView ToView() => new(
            Id, Title, Description, ParseStatus(Status), Position, Utc.Of(DueAt), null, AssigneeUserId, AssigneeName,
            LeadId, LeadName, LeadPhone, Utc.Of(NotifiedAt), CreatedBy, Utc.Of(CreatedAt), Utc.Of(UpdatedAt), Version);
    }

    private sealed class BoardRow : TaskRow
    {
        public long ColumnCount { get; set; }
    }
}
