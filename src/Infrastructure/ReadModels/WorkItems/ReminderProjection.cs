using Dapper;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Reminders;
using ProSaaS.Infrastructure.Projections;

namespace ProSaaS.Infrastructure.ReadModels.WorkItems;

/// <summary>
/// Keeps <c>lead_reminders</c> equal to the latest state of every reminder stream, in the append's transaction, and
/// writes the owner's notification when a reminder comes due. Events are folded per reminder first, so an append or a
/// rebuild page costs a few statements whatever its size.
/// </summary>
public sealed class ReminderProjection : IProjection
{
    private static readonly (string, string)[] Columns =
    [
        ("tenant_id", "text"), ("id", "uuid"), ("lead_id", "uuid"), ("owner_user_id", "uuid"), ("text", "text"),
        ("due_at", "timestamptz"), ("completed_at", "timestamptz"), ("notified_at", "timestamptz"), ("created_by", "text"),
        ("created_at", "timestamptz"), ("updated_at", "timestamptz"), ("version", "bigint"),
    ];

    public string Name => "lead_reminders";

    /// <summary>Its rows reference leads (cascade): rebuilding leads rebuilds this too.</summary>
    public IReadOnlyCollection<string> DependsOn { get; } = ["leads"];

    public ProjectionLifecycle Lifecycle => ProjectionLifecycle.Inline;

    public IReadOnlyCollection<Type> EventTypes { get; } =
    [
        typeof(ReminderSet), typeof(ReminderTextChanged), typeof(ReminderRescheduled), typeof(ReminderReassigned),
        typeof(ReminderCompleted), typeof(ReminderReopened), typeof(ReminderDeleted), typeof(ReminderCameDue),
    ];

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var rows = new RowChanges("lead_reminders", Columns);
        var notifications = new List<NotificationRow>();
        foreach (var @event in events)
        {
            var tenant = @event.TenantId;
            switch (@event.Data)
            {
                case ReminderSet e:
                {
                    var row = rows.Created(tenant, e.ReminderId);
                    row["lead_id"] = e.LeadId;
                    row["owner_user_id"] = e.OwnerUserId;
                    row["text"] = e.Text;
                    row["due_at"] = e.DueAt;
                    row["completed_at"] = null;
                    row["notified_at"] = null;
                    row["created_by"] = e.CreatedBy;
                    row["created_at"] = @event.Timestamp;
                    row.Touched(@event.Version, @event.Timestamp);
                    break;
                }

                case ReminderTextChanged e:
                    rows.Existing(tenant, e.ReminderId).Touched(@event.Version, @event.Timestamp)["text"] = e.Text;
                    break;
                case ReminderRescheduled e:
                {
                    var row = rows.Existing(tenant, e.ReminderId).Touched(@event.Version, @event.Timestamp);
                    row["due_at"] = e.DueAt;
                    row["notified_at"] = null;
                    break;
                }

                case ReminderReassigned e:
                {
                    var row = rows.Existing(tenant, e.ReminderId).Touched(@event.Version, @event.Timestamp);
                    row["owner_user_id"] = e.OwnerUserId;
                    row["notified_at"] = null;
                    break;
                }

                case ReminderCompleted e:
                    rows.Existing(tenant, e.ReminderId).Touched(@event.Version, @event.Timestamp)["completed_at"] = e.CompletedAt;
                    break;
                case ReminderReopened e:
                    rows.Existing(tenant, e.ReminderId).Touched(@event.Version, @event.Timestamp)["completed_at"] = null;
                    break;
                case ReminderCameDue e:
                    rows.Existing(tenant, e.ReminderId).Touched(@event.Version, @event.Timestamp)["notified_at"] = e.NotifiedAt;
                    notifications.Add(new NotificationRow(tenant, @event.Id, e.OwnerUserId.ToString(), "reminder_due", e.ReminderId, e.LeadId, e.Text, e.DueAt, @event.Timestamp));
                    break;
                case ReminderDeleted e:
                    rows.Delete(tenant, e.ReminderId);
                    break;
            }
        }

        await rows.WriteAsync(context, cancellationToken);
        await NotificationRow.InsertAsync(context, "lead_reminders", notifications, cancellationToken);
        await rows.DeleteAsync(context, cancellationToken);
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken) =>
        context.Connection.ExecuteAsync(new CommandDefinition(
            "delete from notifications where kind = 'reminder_due'; delete from lead_reminders;",
            transaction: context.Transaction, cancellationToken: cancellationToken));
}
