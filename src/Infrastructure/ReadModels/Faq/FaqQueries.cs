using System.Text.Json;
using Dapper;
using Npgsql;
using ProSaaS.Application.Common.Paging;
using ProSaaS.Application.Faq;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Infrastructure.ReadModels.Faq;

public sealed class FaqQueries(NpgsqlDataSource dataSource) : IFaqQueries
{
    private const string Columns = """
        id as Id, question as Question, answer as Answer, keywords::text as Keywords, phrasings::text as Phrasings,
        channels::text as Channels, is_active as Active, created_at as CreatedAt, updated_at as UpdatedAt, version as Version
        """;

    public async Task<FaqEntryView?> GetAsync(string tenantId, Guid entryId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var row = await scope.Connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"select {Columns} from faq_entries where tenant_id = @tenantId and id = @entryId",
            new { tenantId, entryId }, scope.Transaction, cancellationToken: cancellationToken));
        return row?.ToView();
    }

    public async Task<IReadOnlyList<FaqEntryView>> ListAsync(
        string tenantId, AssistantChannel? channel, bool includeInactive, NewestCursor? after, int limit, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var rows = await scope.Connection.QueryAsync<Row>(new CommandDefinition($"""
            select {Columns} from faq_entries
            where tenant_id = @tenantId
              and (@includeInactive or is_active)
              and (@channel::text is null or jsonb_exists(channels, @channel))
              and (@afterAt::timestamptz is null or (created_at, id) < (@afterAt, @afterId))
            order by created_at desc, id desc
            limit @limit
            """, new
        {
            tenantId, includeInactive, channel = channel?.WireName(), afterAt = after?.At.UtcDateTime, afterId = after?.Id ?? Guid.Empty, limit,
        }, scope.Transaction, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToView()).ToList();
    }

    public async Task<IReadOnlyList<FaqEntryView>> ActiveAsync(string tenantId, AssistantChannel channel, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var rows = await scope.Connection.QueryAsync<Row>(new CommandDefinition($"""
            select {Columns} from faq_entries
            where tenant_id = @tenantId and is_active and jsonb_exists(channels, @channel)
            order by created_at, id
            """, new { tenantId, channel = channel.WireName() }, scope.Transaction, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToView()).ToList();
    }

    public async Task<int> CountAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        return await scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "select count(*)::int from faq_entries where tenant_id = @tenantId", new { tenantId }, scope.Transaction, cancellationToken: cancellationToken));
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static string[] Strings(string json) => JsonSerializer.Deserialize<string[]>(json) ?? [];

    private sealed class Row
    {
        public Guid Id { get; set; }
        public string Question { get; set; } = "";
        public string Answer { get; set; } = "";
        public string Keywords { get; set; } = "[]";
        public string Phrasings { get; set; } = "[]";
        public string Channels { get; set; } = "[]";
        public bool Active { get; set; }
        public DateTime CreatedAt { get; set; }
        public DateTime UpdatedAt { get; set; }
        public long Version { get; set; }

        public FaqEntryView ToView() => new(
            Id, Question, Answer, Strings(Keywords), Strings(Phrasings),
            Strings(Channels).Select(c => AssistantChannels.TryParse(c, out var channel)
                ? channel
                : throw new InvalidOperationException($"Unknown FAQ channel '{c}' in the read model.")).ToList(),
            Active, Utc(CreatedAt), Utc(UpdatedAt), Version);
    }
}
