using Dapper;
using Npgsql;
using ProSaaS.Application.Common.Paging;
using ProSaaS.Application.Outbound;

namespace ProSaaS.Infrastructure.ReadModels.Outbound;

public sealed class OutboundTemplateQueries(NpgsqlDataSource dataSource) : IOutboundTemplateQueries
{
    private const string Columns = """
        id as Id, name as Name, description as Description, prompt_text as PromptText, greeting_template as GreetingTemplate,
        is_active as Active, created_at as CreatedAt, updated_at as UpdatedAt, version as Version
        """;

    public async Task<OutboundTemplateView?> GetAsync(string tenantId, Guid templateId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var row = await scope.Connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"select {Columns} from outbound_templates where tenant_id = @tenantId and id = @templateId and deleted_at is null",
            new { tenantId, templateId }, scope.Transaction, cancellationToken: cancellationToken));
        return row?.ToView();
    }

    public async Task<IReadOnlyList<OutboundTemplateView>> ListAsync(
        string tenantId, bool includeInactive, NewestCursor? after, int limit, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var rows = await scope.Connection.QueryAsync<Row>(new CommandDefinition($"""
            select {Columns} from outbound_templates
            where tenant_id = @tenantId and deleted_at is null
              and (@includeInactive or is_active)
              and (@afterAt::timestamptz is null or (created_at, id) < (@afterAt, @afterId))
            order by created_at desc, id desc
            limit @limit
            """, new { tenantId, includeInactive, afterAt = after?.At.UtcDateTime, afterId = after?.Id ?? Guid.Empty, limit },
            scope.Transaction, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToView()).ToList();
    }

    public async Task<IReadOnlyDictionary<Guid, OutboundTemplateName>> NamesAsync(
        string tenantId, IReadOnlyCollection<Guid> templateIds, CancellationToken cancellationToken)
    {
        if (templateIds.Count == 0)
        {
            return new Dictionary<Guid, OutboundTemplateName>();
        }

        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var rows = await scope.Connection.QueryAsync<(Guid Id, string Name, bool Deleted)>(new CommandDefinition(
            "select id, name, deleted_at is not null from outbound_templates where tenant_id = @tenantId and id = any(@ids)",
            new { tenantId, ids = templateIds.Distinct().ToArray() }, scope.Transaction, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Id, r => new OutboundTemplateName(r.Id, r.Name, r.Deleted));
    }

    public async Task<bool> NameTakenAsync(string tenantId, string name, Guid? exceptTemplateId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        return await scope.Connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
            select exists (
                select 1 from outbound_templates
                where tenant_id = @tenantId and deleted_at is null and lower(name) = lower(@name)
                  and (@exceptId::uuid is null or id <> @exceptId))
            """, new { tenantId, name, exceptId = exceptTemplateId }, scope.Transaction, cancellationToken: cancellationToken));
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private sealed class Row
    {
        public Guid Id { get; set; }
        public string Name { get; set; } = "";
        public string? Description { get; set; }
        public string PromptText { get; set; } = "";
        public string? GreetingTemplate { get; set; }
        public bool Active { get; set; }
        public DateTime CreatedAt { get; set; }
        public DateTime UpdatedAt { get; set; }
        public long Version { get; set; }

        public OutboundTemplateView ToView() =>
            new(Id, Name, Description, PromptText, GreetingTemplate, Active, Utc(CreatedAt), Utc(UpdatedAt), Version);
    }
}
