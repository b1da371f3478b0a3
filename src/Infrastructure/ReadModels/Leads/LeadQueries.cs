using System.Text.Json;
using Dapper;
using Npgsql;
using ProSaaS.Application.Leads;

namespace ProSaaS.Infrastructure.ReadModels.Leads;

public sealed class LeadQueries(NpgsqlDataSource dataSource) : ILeadQueries
{
    private const string Columns = "id, name, phone, email, source, status, fields::text as fields, captured_at, updated_at, version";

    public async Task<LeadView?> GetAsync(string tenantId, Guid leadId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var row = await scope.Connection.QuerySingleOrDefaultAsync<LeadRow>(new CommandDefinition(
            $"select {Columns} from leads where tenant_id = @tenantId and id = @leadId",
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
            select {Columns} from leads
            where tenant_id = @tenantId
              and (@status::text is null or status = @status)
              and (@search::text is null
                   or name ilike '%' || @search || '%' escape '\'
                   or (@digits::text is not null and phone like '%' || @digits || '%'))
              and (@afterAt::timestamptz is null or (captured_at, id) < (@afterAt, @afterId))
            order by captured_at desc, id desc
            limit @limit
            """,
            new
            {
                tenantId,
                status = filter.Status,
                search = filter.Search is null ? null : EscapeLike(filter.Search),
                digits,
                afterAt = after?.CapturedAt,
                afterId = after?.Id ?? Guid.Empty,
                limit,
            },
            scope.Transaction, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToView()).ToList();
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
        DateTime Captured_At, DateTime Updated_At, long Version)
    {
        public LeadView ToView() => new(
            Id, Name, Phone, Email, Source, Status,
            JsonSerializer.Deserialize<Dictionary<string, string>>(Fields) ?? [],
            new DateTimeOffset(DateTime.SpecifyKind(Captured_At, DateTimeKind.Utc)),
            new DateTimeOffset(DateTime.SpecifyKind(Updated_At, DateTimeKind.Utc)),
            Version);
    }
}
