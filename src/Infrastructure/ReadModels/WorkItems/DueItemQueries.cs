using Dapper;
using Npgsql;
using ProSaaS.Application.Notifications.ScanDueItems;

namespace ProSaaS.Infrastructure.ReadModels.WorkItems;

/// <summary>The due scan's read: platform work over every business, through the partial indexes of owed notifications.</summary>
public sealed class DueItemQueries(NpgsqlDataSource dataSource) : IDueItemQueries
{
    public async Task<IReadOnlyList<DueItem>> FindDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, TenantScope.AllTenants, cancellationToken);
        var rows = await scope.Connection.QueryAsync<DueRow>(new CommandDefinition("""
            select tenant_id as TenantId, kind as Kind, id as Id from (
                (select tenant_id, 0 as kind, id, due_at from lead_reminders
                 where completed_at is null and notified_at is null and due_at <= @now
                 order by due_at limit @limit)
                union all
                (select tenant_id, 1 as kind, id, due_at from tasks
                 where notified_at is null and status <> 'done' and due_at is not null and due_at <= @now
                 order by due_at limit @limit)
            ) due
            order by due_at
            limit @limit
            """,
            new { now = now.ToUniversalTime(), limit }, scope.Transaction, cancellationToken: cancellationToken));
        return rows.Select(r => new DueItem(r.TenantId, r.Kind == 0 ? DueItemKind.Reminder : DueItemKind.Task, r.Id)).ToList();
    }

    private sealed class DueRow
    {
        public string TenantId { get; set; } = "";
        public int Kind { get; set; }
        public Guid Id { get; set; }
    }
}
