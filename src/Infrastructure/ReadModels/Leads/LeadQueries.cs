using System.Text.Json;
using Dapper;
using Npgsql;
using ProSaaS.Application.Leads;

namespace ProSaaS.Infrastructure.ReadModels.Leads;

public sealed class LeadQueries(NpgsqlDataSource dataSource) : ILeadQueries
{
    private const string Columns =
        "l.id, l.name, l.phone, l.email, l.source, l.status, l.fields::text as fields, l.captured_at, l.updated_at, l.version, " +
        "l.assignee_user_id, u.display_name as assignee_name";

    /// <summary>Leads with their assignee's name, in one statement.</summary>
    private const string From = "leads l left join users u on u.tenant_id = l.tenant_id and u.id = l.assignee_user_id";

    public async Task<LeadView?> GetAsync(string tenantId, Guid leadId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var row = await scope.Connection.QuerySingleOrDefaultAsync<LeadRow>(new CommandDefinition(
            $"select {Columns} from {From} where l.tenant_id = @tenantId and l.id = @leadId",
            new { tenantId, leadId }, scope.Transaction, cancellationToken: cancellationToken));
        return row?.ToView();
    }

    public async Task<Guid?> FindIdByPhoneAsync(string tenantId, string e164Phone, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        return await scope.Connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            "select id from leads where tenant_id = @tenantId and phone = @e164Phone",
            new { tenantId, e164Phone }, scope.Transaction, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<LeadView>> ListAsync(
        string tenantId, LeadFilter filter, LeadCursor? after, int limit, CancellationToken cancellationToken)
    {
        var digits = filter.Search is null ? null : PhoneDigits(filter.Search);
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var rows = await scope.Connection.QueryAsync<LeadRow>(new CommandDefinition($"""
            select {Columns} from {From}
            where l.tenant_id = @tenantId
              and (@status::text is null or l.status = @status)
              and {Matches}
              and (@afterAt::timestamptz is null or (l.captured_at, l.id) < (@afterAt, @afterId))
            order by l.captured_at desc, l.id desc
            limit @limit
            """,
            new
            {
                tenantId,
                status = filter.Status,
                search = filter.Search is null ? null : EscapeLike(filter.Search),
                digits,
                assignee = filter.Assignee,
                unassigned = filter.Unassigned,
                afterAt = after?.CapturedAt,
                afterId = after?.Id ?? Guid.Empty,
                limit,
            },
            scope.Transaction, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToView()).ToList();
    }

    /// <summary>The search and assignee conditions shared by the list and the board.</summary>
    private const string Matches = """
        (@search::text is null
             or l.name ilike '%' || @search || '%' escape '\'
             or (@digits::text is not null and l.phone like '%' || @digits || '%'))
        and (@assignee::uuid is null or l.assignee_user_id = @assignee)
        and (not @unassigned or l.assignee_user_id is null)
        """;

    public async Task<IReadOnlySet<Guid>> ExistingIdsAsync(string tenantId, IReadOnlyCollection<Guid> leadIds, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var ids = await scope.Connection.QueryAsync<Guid>(new CommandDefinition(
            "select id from leads where tenant_id = @tenantId and id = any(@leadIds)",
            new { tenantId, leadIds = leadIds.ToArray() }, scope.Transaction, cancellationToken: cancellationToken));
        return ids.ToHashSet();
    }

    public async Task<IReadOnlyList<LeadActivityRecord>> ActivityAsync(
        string tenantId, Guid leadId, long? beforeSequence, int limit, CancellationToken cancellationToken)
    {
        // Two index scans (the lead's own stream, the events about it), merged newest first.
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var rows = await scope.Connection.QueryAsync<ActivityRow>(new CommandDefinition("""
            select seq_id, id, stream_id, type, timestamp, user_name, data::text as data from (
                (select seq_id, id, stream_id, type, timestamp, user_name, data from mt_events
                 where tenant_id = @tenantId and stream_id = @leadId and (@before::bigint is null or seq_id < @before)
                 order by seq_id desc limit @limit)
                union
                (select seq_id, id, stream_id, type, timestamp, user_name, data from mt_events
                 where tenant_id = @tenantId and data ? 'leadId' and data ->> 'leadId' = @leadText
                   and (@before::bigint is null or seq_id < @before)
                 order by seq_id desc limit @limit)
            ) activity
            order by seq_id desc
            limit @limit
            """,
            new { tenantId, leadId, leadText = leadId.ToString(), before = beforeSequence, limit },
            scope.Transaction, cancellationToken: cancellationToken));
        return rows.Select(r => new LeadActivityRecord(
            r.Seq_Id, r.Id, r.Stream_Id, r.Type, new DateTimeOffset(DateTime.SpecifyKind(r.Timestamp, DateTimeKind.Utc)), r.User_Name,
            JsonDocument.Parse(r.Data).RootElement.Clone())).ToList();
    }

    public async Task<IReadOnlyList<LeadBoardColumnRows>> BoardAsync(string tenantId, int perColumn, LeadFilter filter, CancellationToken cancellationToken)
    {
        var digits = filter.Search is null ? null : PhoneDigits(filter.Search);
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var rows = await scope.Connection.QueryAsync<BoardRow>(new CommandDefinition($"""
            select * from (
                select {Columns},
                       count(*) over (partition by l.status) as column_count,
                       row_number() over (partition by l.status order by l.updated_at desc, l.id desc) as position
                from {From}
                where l.tenant_id = @tenantId and {Matches}
            ) ranked
            where position <= @perColumn
            order by status, position
            """,
            new
            {
                tenantId,
                search = filter.Search is null ? null : EscapeLike(filter.Search),
                digits,
                assignee = filter.Assignee,
                unassigned = filter.Unassigned,
                perColumn,
            },
            scope.Transaction, cancellationToken: cancellationToken));
        return rows.GroupBy(r => r.Status, StringComparer.Ordinal)
            .Select(g => new LeadBoardColumnRows(g.Key, g.First().Column_Count, g.Select(r => r.ToRow().ToView()).ToList()))
            .ToList();
    }

    /// <summary>"052-123" → "52123": national digits as they appear inside +972… (null below 3 digits).</summary>
    private static string? PhoneDigits(string search)
    {
        var digits = new string(search.Where(char.IsAsciiDigit).ToArray());
        if (digits.StartsWith("972", StringComparison.Ordinal))
        {
            digits = digits[3..];
        }

        digits = digits.TrimStart('0');
        return digits.Length >= 3 ? digits : null;
    }

    private static string EscapeLike(string value) =>
        value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

    private sealed record LeadRow(
        Guid Id, string? Name, string? Phone, string? Email, string Source, string Status, string Fields,
        DateTime Captured_At, DateTime Updated_At, long Version, Guid? Assignee_User_Id, string? Assignee_Name)
    {
        public LeadView ToView() => new(
            Id, Name, Phone, Email, Source, Status,
            JsonSerializer.Deserialize<Dictionary<string, string>>(Fields) ?? [],
            new DateTimeOffset(DateTime.SpecifyKind(Captured_At, DateTimeKind.Utc)),
            new DateTimeOffset(DateTime.SpecifyKind(Updated_At, DateTimeKind.Utc)),
            Version,
            Assignee_User_Id,
            Assignee_Name);
    }

    private sealed record BoardRow(
        Guid Id, string? Name, string? Phone, string? Email, string Source, string Status, string Fields,
        DateTime Captured_At, DateTime Updated_At, long Version, Guid? Assignee_User_Id, string? Assignee_Name,
        long Column_Count, long Position)
    {
        public LeadRow ToRow() => new(Id, Name, Phone, Email, Source, Status, Fields, Captured_At, Updated_At, Version, Assignee_User_Id, Assignee_Name);
    }

    private sealed record ActivityRow(long Seq_Id, Guid Id, Guid Stream_Id, string Type, DateTime Timestamp, string? User_Name, string Data);
}
