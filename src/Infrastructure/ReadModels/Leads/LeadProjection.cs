using System.Text.Json;
using Dapper;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Leads;
using ProSaaS.Infrastructure.Projections;

namespace ProSaaS.Infrastructure.ReadModels.Leads;

/// <summary>
/// Keeps the <c>leads</c> table equal to the latest state of every lead stream, in the append's transaction.
/// Events are folded per lead first, so an append or a rebuild page costs at most two statements.
/// </summary>
public sealed class LeadProjection : IProjection
{
    private const string UpsertCaptured = """
        insert into leads (tenant_id, id, name, phone, email, source, status, fields, captured_at, status_changed_at, updated_at, version)
        select t, i, n, p, e, s, st, f::jsonb, c, sc, u, v
        from unnest(@TenantIds, @Ids, @Names, @Phones, @Emails, @Sources, @Statuses, @Fields, @CapturedAt, @StatusChangedAt, @UpdatedAt, @Versions)
             as x(t, i, n, p, e, s, st, f, c, sc, u, v)
        on conflict (tenant_id, id) do update set
            name = excluded.name, phone = excluded.phone, email = excluded.email, source = excluded.source,
            status = excluded.status, fields = excluded.fields, captured_at = excluded.captured_at,
            status_changed_at = excluded.status_changed_at, updated_at = excluded.updated_at, version = excluded.version
        """;

    private const string UpdateStatus = """
        update leads l set status = x.st, status_changed_at = x.sc, updated_at = x.u, version = x.v
        from unnest(@TenantIds, @Ids, @Statuses, @StatusChangedAt, @UpdatedAt, @Versions) as x(t, i, st, sc, u, v)
        where l.tenant_id = x.t and l.id = x.i
        """;

    public string Name => "leads";

    public ProjectionLifecycle Lifecycle => ProjectionLifecycle.Inline;

    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(LeadCaptured), typeof(LeadStatusChanged)];

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<(string Tenant, Guid Id), Row>();
        foreach (var @event in events)
        {
            switch (@event.Data)
            {
                case LeadCaptured e:
                    rows[(@event.TenantId, e.LeadId)] = new Row(@event.TenantId, e.LeadId)
                    {
                        Captured = e,
                        Status = e.Status,
                        UpdatedAt = @event.Timestamp,
                        Version = @event.Version,
                    };
                    break;
                case LeadStatusChanged e:
                    var key = (@event.TenantId, e.LeadId);
                    if (!rows.TryGetValue(key, out var row))
                    {
                        rows[key] = row = new Row(@event.TenantId, e.LeadId);
                    }

                    row.Status = e.ToStatus;
                    row.StatusChangedAt = e.ChangedAt;
                    row.UpdatedAt = @event.Timestamp;
                    row.Version = @event.Version;
                    break;
            }
        }

        var captured = rows.Values.Where(r => r.Captured is not null).ToList();
        if (captured.Count > 0)
        {
            await context.Connection.ExecuteAsync(new CommandDefinition(UpsertCaptured, new
            {
                TenantIds = captured.Select(r => r.TenantId).ToArray(),
                Ids = captured.Select(r => r.Id).ToArray(),
                Names = captured.Select(r => r.Captured!.Name).ToArray(),
                Phones = captured.Select(r => r.Captured!.Phone).ToArray(),
                Emails = captured.Select(r => r.Captured!.Email).ToArray(),
                Sources = captured.Select(r => JsonNamingPolicy.SnakeCaseLower.ConvertName(r.Captured!.Source.ToString())).ToArray(),
                Statuses = captured.Select(r => r.Status).ToArray(),
                Fields = captured.Select(r => JsonSerializer.Serialize(r.Captured!.Fields)).ToArray(),
                CapturedAt = captured.Select(r => r.Captured!.CapturedAt.ToUniversalTime()).ToArray(),
                StatusChangedAt = captured.Select(r => r.StatusChangedAt?.ToUniversalTime()).ToArray(),
                UpdatedAt = captured.Select(r => r.UpdatedAt.ToUniversalTime()).ToArray(),
                Versions = captured.Select(r => r.Version).ToArray(),
            }, context.Transaction, cancellationToken: cancellationToken));
        }

        var changed = rows.Values.Where(r => r.Captured is null).ToList();
        if (changed.Count > 0)
        {
            await context.Connection.ExecuteAsync(new CommandDefinition(UpdateStatus, new
            {
                TenantIds = changed.Select(r => r.TenantId).ToArray(),
                Ids = changed.Select(r => r.Id).ToArray(),
                Statuses = changed.Select(r => r.Status).ToArray(),
                StatusChangedAt = changed.Select(r => r.StatusChangedAt?.ToUniversalTime()).ToArray(),
                UpdatedAt = changed.Select(r => r.UpdatedAt.ToUniversalTime()).ToArray(),
                Versions = changed.Select(r => r.Version).ToArray(),
            }, context.Transaction, cancellationToken: cancellationToken));
        }
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken) =>
        context.Connection.ExecuteAsync(new CommandDefinition("delete from leads", transaction: context.Transaction, cancellationToken: cancellationToken));

    private sealed class Row(string tenantId, Guid id)
    {
        public string TenantId { get; } = tenantId;
        public Guid Id { get; } = id;
        public LeadCaptured? Captured { get; init; }
        public string Status { get; set; } = Lead.DefaultStatus;
        public DateTimeOffset? StatusChangedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        public long Version { get; set; }
    }
}
