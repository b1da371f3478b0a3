using Dapper;
using Npgsql;
using ProSaaS.Application.Common.Paging;
using ProSaaS.Application.Notifications;

namespace ProSaaS.Infrastructure.ReadModels.WorkItems;

public sealed class NotificationInbox(NpgsqlDataSource dataSource) : INotificationInbox
{
    public async Task<IReadOnlyList<NotificationView>> ListAsync(
        string tenantId, string recipientId, bool unreadOnly, NewestCursor? after, int limit, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var rows = await scope.Connection.QueryAsync<NotificationRowView>(new CommandDefinition("""
            select n.id as Id, n.kind as Kind, n.subject_id as SubjectId, n.lead_id as LeadId, l.name as LeadName,
                   n.title as Title, n.due_at as DueAt, n.created_at as CreatedAt, n.read_at as ReadAt
            from notifications n
            left join leads l on l.tenant_id = n.tenant_id and l.id = n.lead_id
            where n.tenant_id = @tenantId and n.recipient_id = @recipientId
              and (not @unreadOnly or n.read_at is null)
              and (@afterAt::timestamptz is null or (n.created_at, n.id) < (@afterAt, @afterId))
            order by n.created_at desc, n.id desc
            limit @limit
            """,
            new { tenantId, recipientId, unreadOnly, afterAt = after?.At, afterId = after?.Id ?? Guid.Empty, limit },
            scope.Transaction, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToView()).ToList();
    }

    public async Task<bool> MarkReadAsync(string tenantId, string recipientId, Guid notificationId, DateTimeOffset readAt, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var found = await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            update notifications set read_at = coalesce(read_at, @readAt)
            where tenant_id = @tenantId and recipient_id = @recipientId and id = @notificationId
            """,
            new { tenantId, recipientId, notificationId, readAt = readAt.ToUniversalTime() }, scope.Transaction, cancellationToken: cancellationToken));
        await scope.CommitAsync(cancellationToken);
        return found > 0;
    }

    public async Task<int> MarkAllReadAsync(string tenantId, string recipientId, DateTimeOffset readAt, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var marked = await scope.Connection.ExecuteAsync(new CommandDefinition(
            "update notifications set read_at = @readAt where tenant_id = @tenantId and recipient_id = @recipientId and read_at is null",
            new { tenantId, recipientId, readAt = readAt.ToUniversalTime() }, scope.Transaction, cancellationToken: cancellationToken));
        await scope.CommitAsync(cancellationToken);
        return marked;
    }

    private sealed class NotificationRowView
    {
        public Guid Id { get; set; }
        public string Kind { get; set; } = "";
        public Guid SubjectId { get; set; }
        public Guid? LeadId { get; set; }
        public string? LeadName { get; set; }
        public string Title { get; set; } = "";
        public DateTime DueAt { get; set; }
        public DateTime CreatedAt { get; set; }
        public DateTime? ReadAt { get; set; }

        public NotificationView ToView() => new(
            Id,
            Kind switch
            {
                "reminder_due" => NotificationKind.ReminderDue,
                "task_due" => NotificationKind.TaskDue,
                _ => throw new InvalidOperationException($"Unknown notification kind '{Kind}'."),
            },
            SubjectId, LeadId, LeadName, Title, Utc.Of(DueAt), Utc.Of(CreatedAt), Utc.Of(ReadAt));
    }
}
