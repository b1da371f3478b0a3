using Dapper;
using Npgsql;
using ProSaaS.Application.Prompts;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Infrastructure.ReadModels.Prompts;

public sealed class PromptQueries(NpgsqlDataSource dataSource) : IPromptQueries
{
    private const string Columns = """
        channel as Channel, version as Version, text as Text, note as Note, restored_from as RestoredFrom, author_id as AuthorId,
        author_name as AuthorName, created_at as CreatedAt
        """;

    public async Task<IReadOnlyList<PromptVersionView>> LatestAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var rows = await scope.Connection.QueryAsync<Row>(new CommandDefinition($"""
            select distinct on (channel) {Columns}
            from tenant_prompt_versions
            where tenant_id = @tenantId
            order by channel, version desc
            """, new { tenantId }, scope.Transaction, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToView()).ToList();
    }

    public async Task<PromptVersionView?> LatestAsync(string tenantId, AssistantChannel channel, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var row = await scope.Connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"""
            select {Columns} from tenant_prompt_versions
            where tenant_id = @tenantId and channel = @channel
            order by version desc
            limit 1
            """, new { tenantId, channel = channel.WireName() }, scope.Transaction, cancellationToken: cancellationToken));
        return row?.ToView();
    }

    public async Task<PromptVersionView?> GetAsync(string tenantId, AssistantChannel channel, int version, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var row = await scope.Connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"""
            select {Columns} from tenant_prompt_versions
            where tenant_id = @tenantId and channel = @channel and version = @version
            """, new { tenantId, channel = channel.WireName(), version }, scope.Transaction, cancellationToken: cancellationToken));
        return row?.ToView();
    }

    public async Task<IReadOnlyList<PromptVersionView>> HistoryAsync(
        string tenantId, AssistantChannel channel, int? beforeVersion, int limit, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var rows = await scope.Connection.QueryAsync<Row>(new CommandDefinition($"""
            select {Columns} from tenant_prompt_versions
            where tenant_id = @tenantId and channel = @channel and (@before::int is null or version < @before)
            order by version desc
            limit @limit
            """, new { tenantId, channel = channel.WireName(), before = beforeVersion, limit }, scope.Transaction, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToView()).ToList();
    }

    private sealed class Row
    {
        public string Channel { get; set; } = "";
        public int Version { get; set; }
        public string Text { get; set; } = "";
        public string? Note { get; set; }
        public int? RestoredFrom { get; set; }
        public string? AuthorId { get; set; }
        public string? AuthorName { get; set; }
        public DateTime CreatedAt { get; set; }

        public PromptVersionView ToView() => new(
            AssistantChannels.TryParse(Channel, out var channel) ? channel : throw new InvalidOperationException($"Unknown prompt channel '{Channel}' in the read model."),
            Version, Text, Note, RestoredFrom, AuthorId, AuthorName, new DateTimeOffset(DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc)));
    }
}
