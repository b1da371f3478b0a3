using System.Text.Json;
using Dapper;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Leads;
using ProSaaS.Infrastructure.Projections;

namespace ProSaaS.Infrastructure.ReadModels.Leads;

/// <summary>Keeps the <c>leads</c> table equal to the latest state of every lead stream, in the append's transaction.</summary>
public sealed class LeadProjection : IProjection
{
    public string Name => "leads";

    public ProjectionLifecycle Lifecycle => ProjectionLifecycle.Inline;

    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(LeadCaptured), typeof(LeadStatusChanged)];

    public Task ApplyAsync(ProjectionContext context, StoredEvent @event, CancellationToken cancellationToken) => @event.Data switch
    {
        LeadCaptured e => context.Connection.ExecuteAsync(new CommandDefinition("""
            insert into leads (tenant_id, id, name, phone, email, source, status, fields, captured_at, updated_at, version)
            values (@TenantId, @Id, @Name, @Phone, @Email, @Source, @Status, @Fields::jsonb, @CapturedAt, @UpdatedAt, @Version)
            on conflict (tenant_id, id) do update set
                name = excluded.name, phone = excluded.phone, email = excluded.email, source = excluded.source,
                status = excluded.status, fields = excluded.fields, captured_at = excluded.captured_at,
                updated_at = excluded.updated_at, version = excluded.version
            """,
            new
            {
                @event.TenantId,
                Id = e.LeadId,
                e.Name,
                e.Phone,
                e.Email,
                Source = JsonNamingPolicy.SnakeCaseLower.ConvertName(e.Source.ToString()),
                e.Status,
                Fields = JsonSerializer.Serialize(e.Fields),
                e.CapturedAt,
                UpdatedAt = @event.Timestamp,
                @event.Version,
            },
            context.Transaction,
            cancellationToken: cancellationToken)),
        LeadStatusChanged e => context.Connection.ExecuteAsync(new CommandDefinition("""
            update leads set status = @ToStatus, status_changed_at = @ChangedAt, updated_at = @UpdatedAt, version = @Version
            where tenant_id = @TenantId and id = @LeadId
            """,
            new { e.ToStatus, e.ChangedAt, UpdatedAt = @event.Timestamp, @event.Version, @event.TenantId, e.LeadId },
            context.Transaction,
            cancellationToken: cancellationToken)),
        _ => Task.CompletedTask,
    };

    public Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken) =>
        context.Connection.ExecuteAsync(new CommandDefinition("delete from leads", transaction: context.Transaction, cancellationToken: cancellationToken));
}
