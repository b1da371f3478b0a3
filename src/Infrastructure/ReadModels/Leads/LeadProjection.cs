using System.Text.Json;
using Dapper;
using Npgsql;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Leads.CaptureLead;
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

    /// <summary>Changes to leads captured before this batch: status, enrichment by a repeated capture, or both.</summary>
    private const string UpdateExisting = """
        update leads l set
            status = coalesce(x.st, l.status),
            status_changed_at = coalesce(x.sc, l.status_changed_at),
            name = coalesce(l.name, x.n),
            email = coalesce(l.email, x.e),
            fields = l.fields || x.f::jsonb,
            updated_at = x.u,
            version = x.v
        from unnest(@TenantIds, @Ids, @Statuses, @StatusChangedAt, @Names, @Emails, @Fields, @UpdatedAt, @Versions)
             as x(t, i, st, sc, n, e, f, u, v)
        where l.tenant_id = x.t and l.id = x.i
        """;

    private const string PhoneIndex = "ux_leads_tenant_phone";

    public string Name => "leads";

    public ProjectionLifecycle Lifecycle => ProjectionLifecycle.Inline;

    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(LeadCaptured), typeof(LeadStatusChanged), typeof(LeadCaptureMerged), typeof(LeadDeleted), typeof(LeadDetailsChanged), typeof(LeadAssigned)];

    private const string ApplyDetails = """
        update leads set
            name = coalesce(@Name, name),
            phone = coalesce(@Phone, phone),
            email = case when @Email::text is null then email when @Email = '' then null else @Email end,
            fields = (fields - @Removed::text[]) || @SetFields::jsonb,
            updated_at = @UpdatedAt,
            version = @Version
        where tenant_id = @TenantId and id = @LeadId
        """;

    private const string ApplyAssignment = """
        update leads set assignee_user_id = @AssigneeUserId, updated_at = @UpdatedAt, version = @Version
        where tenant_id = @TenantId and id = @LeadId
        """;

    /// <summary>
    /// Captures, merges, status changes and deletions are folded per lead; a change of details or assignee is applied
    /// on its own, in its place in the sequence.
    /// </summary>
    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var segment = new List<StoredEvent>();
        foreach (var @event in events)
        {
            if (@event.Data is LeadDetailsChanged or LeadAssigned)
            {
                await ApplyFoldedAsync(context, segment, cancellationToken);
                segment.Clear();
                await ApplySingleAsync(context, @event, cancellationToken);
            }
            else
            {
                segment.Add(@event);
            }
        }

        await ApplyFoldedAsync(context, segment, cancellationToken);
    }

    private static async Task ApplySingleAsync(ProjectionContext context, StoredEvent @event, CancellationToken cancellationToken)
    {
        switch (@event.Data)
        {
            case LeadDetailsChanged e:
                try
                {
                    await context.Connection.ExecuteAsync(new CommandDefinition(ApplyDetails, new
                    {
                        e.Name,
                        e.Phone,
                        e.Email,
                        Removed = (e.RemovedFields ?? []).ToArray(),
                        SetFields = JsonSerializer.Serialize(e.SetFields ?? new Dictionary<string, string>()),
                        UpdatedAt = @event.Timestamp.ToUniversalTime(),
                        @event.Version,
                        @event.TenantId,
                        e.LeadId,
                    }, context.Transaction, cancellationToken: cancellationToken));
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName == PhoneIndex)
                {
                    throw new ConflictException(CaptureLeadHandler.PhoneTakenCode, "לעסק כבר יש ליד אחר עם מספר הטלפון הזה.");
                }

                break;
            case LeadAssigned e:
                await context.Connection.ExecuteAsync(new CommandDefinition(ApplyAssignment, new
                {
                    e.AssigneeUserId,
                    UpdatedAt = @event.Timestamp.ToUniversalTime(),
                    @event.Version,
                    @event.TenantId,
                    e.LeadId,
                }, context.Transaction, cancellationToken: cancellationToken));
                break;
        }
    }

    private static async Task ApplyFoldedAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        var rows = new Dictionary<(string Tenant, Guid Id), Row>();
        var deleted = new List<(string Tenant, Guid Id)>();
        foreach (var @event in events)
        {
            switch (@event.Data)
            {
                case LeadDeleted e:
                    rows.Remove((@event.TenantId, e.LeadId));
                    deleted.Add((@event.TenantId, e.LeadId));
                    break;
                case LeadCaptured e:
                    rows[(@event.TenantId, e.LeadId)] = new Row(@event.TenantId, e.LeadId, new Dictionary<string, string>(e.Fields, StringComparer.Ordinal))
                    {
                        Captured = e,
                        Name = e.Name,
                        Email = e.Email,
                        Status = e.Status,
                        UpdatedAt = @event.Timestamp,
                        Version = @event.Version,
                    };
                    break;
                case LeadStatusChanged e:
                {
                    var row = RowOf(rows, @event.TenantId, e.LeadId);
                    row.Status = e.ToStatus;
                    row.StatusChangedAt = e.ChangedAt;
                    row.UpdatedAt = @event.Timestamp;
                    row.Version = @event.Version;
                    break;
                }

                case LeadCaptureMerged e:
                {
                    var row = RowOf(rows, @event.TenantId, e.LeadId);
                    row.Name ??= e.Name;
                    row.Email ??= e.Email;
                    foreach (var (field, value) in e.Fields)
                    {
                        row.Fields[field] = value;
                    }

                    row.UpdatedAt = @event.Timestamp;
                    row.Version = @event.Version;
                    break;
                }
            }
        }

        if (deleted.Count > 0)
        {
            await context.Connection.ExecuteAsync(new CommandDefinition(
                "delete from leads l using unnest(@TenantIds, @Ids) as x(t, i) where l.tenant_id = x.t and l.id = x.i",
                new { TenantIds = deleted.Select(d => d.Tenant).ToArray(), Ids = deleted.Select(d => d.Id).ToArray() },
                context.Transaction, cancellationToken: cancellationToken));
        }

        var captured = rows.Values.Where(r => r.Captured is not null).ToList();
        if (captured.Count > 0)
        {
            await UpsertAsync(context, captured, cancellationToken);
        }

        var changed = rows.Values.Where(r => r.Captured is null).ToList();
        if (changed.Count > 0)
        {
            await context.Connection.ExecuteAsync(new CommandDefinition(UpdateExisting, new
            {
                TenantIds = changed.Select(r => r.TenantId).ToArray(),
                Ids = changed.Select(r => r.Id).ToArray(),
                Statuses = changed.Select(r => r.StatusChanged ? r.Status : null).ToArray(),
                StatusChangedAt = changed.Select(r => r.StatusChangedAt?.ToUniversalTime()).ToArray(),
                Names = changed.Select(r => r.Name).ToArray(),
                Emails = changed.Select(r => r.Email).ToArray(),
                Fields = changed.Select(r => JsonSerializer.Serialize(r.Fields)).ToArray(),
                UpdatedAt = changed.Select(r => r.UpdatedAt.ToUniversalTime()).ToArray(),
                Versions = changed.Select(r => r.Version).ToArray(),
            }, context.Transaction, cancellationToken: cancellationToken));
        }
    }

    private static async Task UpsertAsync(ProjectionContext context, List<Row> captured, CancellationToken cancellationToken)
    {
        try
        {
            await context.Connection.ExecuteAsync(new CommandDefinition(UpsertCaptured, new
            {
                TenantIds = captured.Select(r => r.TenantId).ToArray(),
                Ids = captured.Select(r => r.Id).ToArray(),
                Names = captured.Select(r => r.Name).ToArray(),
                Phones = captured.Select(r => r.Captured!.Phone).ToArray(),
                Emails = captured.Select(r => r.Email).ToArray(),
                Sources = captured.Select(r => JsonNamingPolicy.SnakeCaseLower.ConvertName(r.Captured!.Source.ToString())).ToArray(),
                Statuses = captured.Select(r => r.Status).ToArray(),
                Fields = captured.Select(r => JsonSerializer.Serialize(r.Fields)).ToArray(),
                CapturedAt = captured.Select(r => r.Captured!.CapturedAt.ToUniversalTime()).ToArray(),
                StatusChangedAt = captured.Select(r => r.StatusChangedAt?.ToUniversalTime()).ToArray(),
                UpdatedAt = captured.Select(r => r.UpdatedAt.ToUniversalTime()).ToArray(),
                Versions = captured.Select(r => r.Version).ToArray(),
            }, context.Transaction, cancellationToken: cancellationToken));
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && ex.ConstraintName == PhoneIndex)
        {
            // Another capture of the same phone committed first: this append rolls back and is retried as a merge.
            throw new ConflictException(CaptureLeadHandler.PhoneTakenCode, "לעסק כבר יש ליד עם מספר הטלפון הזה.");
        }
    }

    private static Row RowOf(Dictionary<(string Tenant, Guid Id), Row> rows, string tenantId, Guid leadId)
    {
        if (!rows.TryGetValue((tenantId, leadId), out var row))
        {
            rows[(tenantId, leadId)] = row = new Row(tenantId, leadId, new Dictionary<string, string>(StringComparer.Ordinal));
        }

        return row;
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken) =>
        context.Connection.ExecuteAsync(new CommandDefinition("delete from leads", transaction: context.Transaction, cancellationToken: cancellationToken));

    private sealed class Row(string tenantId, Guid id, Dictionary<string, string> fields)
    {
        private string _status = Lead.DefaultStatus;

        public string TenantId { get; } = tenantId;
        public Guid Id { get; } = id;
        public LeadCaptured? Captured { get; init; }
        public string? Name { get; set; }
        public string? Email { get; set; }

        /// <summary>For a captured lead: all its fields; for an earlier one: those to add or update.</summary>
        public Dictionary<string, string> Fields { get; } = fields;

        public bool StatusChanged { get; private set; }

        public string Status
        {
            get => _status;
            set
            {
                _status = value;
                StatusChanged = Captured is null;
            }
        }

        public DateTimeOffset? StatusChangedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        public long Version { get; set; }
    }
}
