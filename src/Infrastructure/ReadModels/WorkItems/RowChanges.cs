using System.Text.Json;
using Dapper;
using Npgsql;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Infrastructure.Projections;

namespace ProSaaS.Infrastructure.ReadModels.WorkItems;

/// <summary>
/// What a batch of events does to the rows of one read-model table, folded per row: rows created in the batch are
/// inserted whole, earlier rows get only the columns their events set, deleted rows go. Each kind is one statement over
/// a JSON array of rows, however many events the batch holds.
/// </summary>
internal sealed class RowChanges(string table, IReadOnlyList<(string Column, string Type)> columns)
{
    private readonly Dictionary<(string Tenant, Guid Id), RowChange> _rows = [];
    private readonly List<(string Tenant, Guid Id)> _deleted = [];

    public RowChange Created(string tenantId, Guid id)
    {
        var row = new RowChange(tenantId, id, created: true);
        _rows[(tenantId, id)] = row;
        return row;
    }

    public RowChange Existing(string tenantId, Guid id)
    {
        if (!_rows.TryGetValue((tenantId, id), out var row))
        {
            _rows[(tenantId, id)] = row = new RowChange(tenantId, id, created: false);
        }

        return row;
    }

    public void Delete(string tenantId, Guid id)
    {
        _rows.Remove((tenantId, id));
        _deleted.Add((tenantId, id));
    }

    /// <summary>Inserts the created rows and updates the others. A foreign-key violation means the lead is gone: 404.</summary>
    public async Task WriteAsync(ProjectionContext context, CancellationToken cancellationToken)
    {
        var created = _rows.Values.Where(r => r.IsCreated).ToList();
        if (created.Count > 0)
        {
            var names = string.Join(", ", columns.Select(c => c.Column));
            var definitions = string.Join(", ", columns.Select(c => $"{c.Column} {c.Type}"));
            var updates = string.Join(", ", columns.Where(c => c.Column is not ("tenant_id" or "id")).Select(c => $"{c.Column} = excluded.{c.Column}"));
            try
            {
                await context.Connection.ExecuteAsync(new CommandDefinition(
                    $"""
                    insert into {table} ({names})
                    select {names} from jsonb_to_recordset(@Rows::jsonb) as x({definitions})
                    on conflict (tenant_id, id) do update set {updates}
                    """,
                    new { Rows = Serialize(created) }, context.Transaction, cancellationToken: cancellationToken));
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ForeignKeyViolation)
            {
                var lead = created.Select(r => r.Values.GetValueOrDefault("lead_id")).OfType<Guid>().FirstOrDefault();
                throw new NotFoundException("lead", lead);
            }
        }

        var changed = _rows.Values.Where(r => !r.IsCreated).ToList();
        if (changed.Count > 0)
        {
            var sets = string.Join(",\n    ", columns.Where(c => c.Column is not ("tenant_id" or "id")).Select(c =>
                $"{c.Column} = case when jsonb_exists(x.p, '{c.Column}') then (x.p->>'{c.Column}')::{c.Type} else t.{c.Column} end"));
            await context.Connection.ExecuteAsync(new CommandDefinition(
                $"""
                update {table} t set
                    {sets}
                from jsonb_array_elements(@Rows::jsonb) as x(p)
                where t.tenant_id = x.p->>'tenant_id' and t.id = (x.p->>'id')::uuid
                """,
                new { Rows = Serialize(changed) }, context.Transaction, cancellationToken: cancellationToken));
        }
    }

    /// <summary>Removes the deleted rows, and the notifications about them.</summary>
    public async Task DeleteAsync(ProjectionContext context, CancellationToken cancellationToken)
    {
        if (_deleted.Count == 0)
        {
            return;
        }

        await context.Connection.ExecuteAsync(new CommandDefinition(
            $"""
            delete from {table} t using unnest(@Tenants, @Ids) as x(tenant_id, id) where t.tenant_id = x.tenant_id and t.id = x.id;
            delete from notifications n using unnest(@Tenants, @Ids) as x(tenant_id, id) where n.tenant_id = x.tenant_id and n.subject_id = x.id;
            """,
            new { Tenants = _deleted.Select(d => d.Tenant).ToArray(), Ids = _deleted.Select(d => d.Id).ToArray() },
            context.Transaction, cancellationToken: cancellationToken));
    }

    private static string Serialize(IEnumerable<RowChange> rows) =>
        JsonSerializer.Serialize(rows.Select(r =>
        {
            var values = new Dictionary<string, object?>(r.Values, StringComparer.Ordinal) { ["tenant_id"] = r.TenantId, ["id"] = r.Id };
            return values;
        }));
}

internal sealed class RowChange(string tenantId, Guid id, bool created)
{
    public string TenantId { get; } = tenantId;
    public Guid Id { get; } = id;
    public bool IsCreated { get; } = created;

    /// <summary>Column → new value; a column not present keeps what the row has.</summary>
    public Dictionary<string, object?> Values { get; } = new(StringComparer.Ordinal);

    public object? this[string column]
    {
        set => Values[column] = value;
    }

    /// <summary>Every event of the row moves its version and update time.</summary>
    public RowChange Touched(long version, DateTimeOffset at)
    {
        Values["version"] = version;
        Values["updated_at"] = at;
        return this;
    }
}

/// <summary>A notification to insert, keyed by the came-due event's id, for a subject row that still exists.</summary>
internal sealed record NotificationRow(
    string TenantId, Guid Id, string RecipientId, string Kind, Guid SubjectId, Guid? LeadId, string Title, DateTimeOffset DueAt, DateTimeOffset CreatedAt)
{
    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static async Task InsertAsync(ProjectionContext context, string subjectTable, IReadOnlyList<NotificationRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await context.Connection.ExecuteAsync(new CommandDefinition(
            $"""
            insert into notifications (tenant_id, id, recipient_id, kind, subject_id, lead_id, title, due_at, created_at)
            select x.tenant_id, x.id, x.recipient_id, x.kind, x.subject_id, x.lead_id, x.title, x.due_at, x.created_at
            from jsonb_to_recordset(@Rows::jsonb) as x(tenant_id text, id uuid, recipient_id text, kind text, subject_id uuid,
                                                       lead_id uuid, title text, due_at timestamptz, created_at timestamptz)
            where exists (select 1 from {subjectTable} s where s.tenant_id = x.tenant_id and s.id = x.subject_id)
            on conflict (tenant_id, id) do nothing
            """,
            new { Rows = JsonSerializer.Serialize(rows, SnakeCase) }, context.Transaction, cancellationToken: cancellationToken));
    }
}
