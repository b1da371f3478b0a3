using Dapper;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.WorkTasks;
using ProSaaS.Domain.WorkTasks;
using ProSaaS.Infrastructure.Projections;

namespace ProSaaS.Infrastructure.ReadModels.WorkItems;

/// <summary>
/// Keeps <c>tasks</c> equal to the latest state of every task stream, in the append's transaction, and writes the
/// recipient's notification when a task comes due. Events are folded per task first.
/// </summary>
public sealed class WorkTaskProjection : IProjection
{
    private static readonly (string, string)[] Columns =
    [
        ("tenant_id", "text"), ("id", "uuid"), ("lead_id", "uuid"), ("title", "text"), ("description", "text"), ("status", "text"),
        ("position", "double precision"), ("due_at", "timestamptz"), ("assignee_user_id", "uuid"), ("notified_at", "timestamptz"),
        ("created_by", "text"), ("created_at", "timestamptz"), ("updated_at", "timestamptz"), ("version", "bigint"),
    ];

    public string Name => "tasks";

    /// <summary>Its rows reference leads (cascade): rebuilding leads rebuilds this too.</summary>
    public IReadOnlyCollection<string> DependsOn { get; } = ["leads"];

    public ProjectionLifecycle Lifecycle => ProjectionLifecycle.Inline;

    public IReadOnlyCollection<Type> EventTypes { get; } =
    [
        typeof(TaskCreated), typeof(TaskUpdated), typeof(TaskMoved), typeof(TaskAssigned), typeof(TaskDeleted), typeof(TaskCameDue),
    ];

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var rows = new RowChanges("tasks", Columns);
        var notifications = new List<NotificationRow>();
        foreach (var @event in events)
        {
            var tenant = @event.TenantId;
            switch (@event.Data)
            {
                case TaskCreated e:
                {
                    var row = rows.Created(tenant, e.TaskId);
                    row["lead_id"] = e.LeadId;
                    row["title"] = e.Title;
                    row["description"] = e.Description;
                    row["status"] = e.Status.ToWire();
                    row["position"] = e.Position;
                    row["due_at"] = e.DueAt;
                    row["assignee_user_id"] = e.AssigneeUserId;
                    row["notified_at"] = null;
                    row["created_by"] = e.CreatedBy;
                    row["created_at"] = @event.Timestamp;
                    row.Touched(@event.Version, @event.Timestamp);
                    break;
                }

                case TaskUpdated e:
                {
                    var row = rows.Existing(tenant, e.TaskId).Touched(@event.Version, @event.Timestamp);
                    row["title"] = e.Title;
                    row["description"] = e.Description;
                    row["due_at"] = e.DueAt;
                    if (e.MovesDueTime())
                    {
                        row["notified_at"] = null;
                    }

                    break;
                }

                case TaskMoved e:
                {
                    var row = rows.Existing(tenant, e.TaskId).Touched(@event.Version, @event.Timestamp);
                    row["status"] = e.Status.ToWire();
                    row["position"] = e.Position;
                    break;
                }

                case TaskAssigned e:
                {
                    var row = rows.Existing(tenant, e.TaskId).Touched(@event.Version, @event.Timestamp);
                    row["assignee_user_id"] = e.AssigneeUserId;
                    row["notified_at"] = null;
                    break;
                }

                case TaskCameDue e:
                    rows.Existing(tenant, e.TaskId).Touched(@event.Version, @event.Timestamp)["notified_at"] = e.NotifiedAt;
                    if (e.Recipient is { } recipient)
                    {
                        notifications.Add(new NotificationRow(tenant, @event.Id, recipient, "task_due", e.TaskId, e.LeadId, e.Title, e.DueAt, @event.Timestamp));
                    }

                    break;
                case TaskDeleted e:
                    rows.Delete(tenant, e.TaskId);
                    break;
            }
        }

        await rows.WriteAsync(context, cancellationToken);
        await NotificationRow.InsertAsync(context, "tasks", notifications, cancellationToken);
        await rows.DeleteAsync(context, cancellationToken);
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken) =>
        context.Connection.ExecuteAsync(new CommandDefinition(
            "delete from notifications where kind = 'task_due'; delete from tasks;",
            transaction: context.Transaction, cancellationToken: cancellationToken));
}
