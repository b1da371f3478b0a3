using Dapper;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Outbound;
using ProSaaS.Infrastructure.Projections;
using ProSaaS.Infrastructure.ReadModels.WorkItems;

namespace ProSaaS.Infrastructure.ReadModels.Outbound;

/// <summary>
/// Keeps <c>outbound_templates</c> equal to the latest state of every template stream, in the append's transaction. A
/// deleted template keeps its row, marked deleted, so that calls placed with it can still name it.
/// </summary>
public sealed class OutboundTemplateProjection : IProjection
{
    private static readonly (string, string)[] Columns =
    [
        ("tenant_id", "text"), ("id", "uuid"), ("name", "text"), ("description", "text"), ("prompt_text", "text"),
        ("greeting_template", "text"), ("is_active", "boolean"), ("created_by", "text"), ("created_at", "timestamptz"),
        ("updated_at", "timestamptz"), ("deleted_at", "timestamptz"), ("deleted_by", "text"), ("version", "bigint"),
    ];

    public string Name => "outbound_templates";

    public ProjectionLifecycle Lifecycle => ProjectionLifecycle.Inline;

    public IReadOnlyCollection<Type> EventTypes { get; } =
    [
        typeof(OutboundTemplateCreated), typeof(OutboundTemplateChanged), typeof(OutboundTemplateActivated),
        typeof(OutboundTemplateDeactivated), typeof(OutboundTemplateDeleted),
    ];

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var rows = new RowChanges("outbound_templates", Columns);
        foreach (var @event in events)
        {
            var tenant = @event.TenantId;
            switch (@event.Data)
            {
                case OutboundTemplateCreated e:
                {
                    var row = rows.Created(tenant, e.OutboundTemplateId).Touched(@event.Version, e.CreatedAt);
                    row["name"] = e.Name;
                    row["description"] = e.Description;
                    row["prompt_text"] = e.PromptText;
                    row["greeting_template"] = e.GreetingTemplate;
                    row["is_active"] = e.IsActive;
                    row["created_by"] = e.CreatedBy;
                    row["created_at"] = e.CreatedAt;
                    row["deleted_at"] = null;
                    row["deleted_by"] = null;
                    break;
                }

                case OutboundTemplateChanged e:
                {
                    var row = rows.Existing(tenant, e.OutboundTemplateId).Touched(@event.Version, e.ChangedAt);
                    row["name"] = e.Name;
                    row["description"] = e.Description;
                    row["prompt_text"] = e.PromptText;
                    row["greeting_template"] = e.GreetingTemplate;
                    break;
                }

                case OutboundTemplateActivated e:
                    rows.Existing(tenant, e.OutboundTemplateId).Touched(@event.Version, e.ChangedAt)["is_active"] = true;
                    break;
                case OutboundTemplateDeactivated e:
                    rows.Existing(tenant, e.OutboundTemplateId).Touched(@event.Version, e.ChangedAt)["is_active"] = false;
                    break;
                case OutboundTemplateDeleted e:
                {
                    var row = rows.Existing(tenant, e.OutboundTemplateId).Touched(@event.Version, e.DeletedAt);
                    row["deleted_at"] = e.DeletedAt;
                    row["deleted_by"] = e.DeletedBy;
                    break;
                }
            }
        }

        await rows.WriteAsync(context, cancellationToken);
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken) =>
        context.Connection.ExecuteAsync(new CommandDefinition(
            "delete from outbound_templates", transaction: context.Transaction, cancellationToken: cancellationToken));
}
