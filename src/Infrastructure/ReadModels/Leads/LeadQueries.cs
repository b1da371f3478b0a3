using System.Text.Json;
using Dapper;
using Npgsql;
using ProSaaS.Application.Leads;

namespace ProSaaS.Infrastructure.ReadModels.Leads;

public sealed class LeadQueries(NpgsqlDataSource dataSource) : ILeadQueries
{
    public async Task<LeadView?> GetAsync(string tenantId, Guid leadId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<LeadRow>(new CommandDefinition("""
            select id, name, phone, email, source, status, fields::text as fields, captured_at, updated_at, version
            from leads where tenant_id = @tenantId and id = @leadId
            """, new { tenantId, leadId }, cancellationToken: cancellationToken));
        return row?.ToView();
    }

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
