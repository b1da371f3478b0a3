using Dapper;
using Npgsql;
using ProSaaS.Application.Appointments;
using ProSaaS.Domain.Appointments;

namespace ProSaaS.Infrastructure.ReadModels.Appointments;

public sealed class AppointmentQueries(NpgsqlDataSource dataSource) : IAppointmentQueries
{
    private const string Columns = """
        a.id, a.lead_id, l.name as lead_name, l.phone as lead_phone, a.starts_at, a.ends_at, a.status, a.title, a.notes, a.source,
        a.booked_by, a.booked_at, a.cancel_reason, a.updated_at, a.version
        """;

    private const string From = "appointments a join leads l on l.tenant_id = a.tenant_id and l.id = a.lead_id";

    public async Task<AppointmentRecord?> GetAsync(string tenantId, Guid appointmentId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var row = await scope.Connection.QuerySingleOrDefaultAsync<AppointmentRow>(new CommandDefinition(
            $"select {Columns} from {From} where a.tenant_id = @tenantId and a.id = @appointmentId",
            new { tenantId, appointmentId }, scope.Transaction, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<AppointmentRecord>> ListAsync(
        string tenantId, AppointmentFilter filter, AppointmentCursor? after, int limit, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var rows = await scope.Connection.QueryAsync<AppointmentRow>(new CommandDefinition($"""
            select {Columns} from {From}
            where a.tenant_id = @tenantId
              and (@from::timestamptz is null or a.starts_at >= @from)
              and (@to::timestamptz is null or a.starts_at < @to)
              and (@status::text is null or a.status = @status)
              and (@leadId::uuid is null or a.lead_id = @leadId)
              and (@afterAt::timestamptz is null or (a.starts_at, a.id) > (@afterAt, @afterId))
            order by a.starts_at, a.id
            limit @limit
            """,
            new
            {
                tenantId,
                from = filter.From?.ToUniversalTime(),
                to = filter.To?.ToUniversalTime(),
                status = filter.Status is { } status ? AppointmentProjection.StatusName(status) : null,
                leadId = filter.LeadId,
                afterAt = after?.Start.ToUniversalTime(),
                afterId = after?.Id ?? Guid.Empty,
                limit,
            },
            scope.Transaction, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public Task<IReadOnlyList<TimeRange>> BusyAsync(string tenantId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        BusyAsync(tenantId, from, to, null, cancellationToken);

    public async Task<IReadOnlyList<TimeRange>> BusyAsync(
        string tenantId, DateTimeOffset from, DateTimeOffset to, Guid? exceptAppointmentId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var rows = await scope.Connection.QueryAsync<(DateTime Start, DateTime End)>(new CommandDefinition("""
            select lower(busy), upper(busy) from appointments
            where tenant_id = @tenantId and status <> 'cancelled' and busy && tstzrange(@from, @to)
              and (@exceptId::uuid is null or id <> @exceptId)
            order by lower(busy)
            """,
            new { tenantId, from = from.ToUniversalTime(), to = to.ToUniversalTime(), exceptId = exceptAppointmentId }, scope.Transaction, cancellationToken: cancellationToken));
        return rows.Select(r => new TimeRange(Utc(r.Start), Utc(r.End))).ToList();
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private sealed record AppointmentRow(
        Guid Id, Guid Lead_Id, string? Lead_Name, string? Lead_Phone, DateTime Starts_At, DateTime Ends_At, string Status,
        string? Title, string? Notes, string Source, string? Booked_By, DateTime Booked_At, string? Cancel_Reason,
        DateTime Updated_At, long Version)
    {
        public AppointmentRecord ToRecord() => new(
            Id, Lead_Id, Lead_Name, Lead_Phone, Utc(Starts_At), Utc(Ends_At),
            Enum.Parse<AppointmentStatus>(Status.Replace("_", "", StringComparison.Ordinal), ignoreCase: true),
            Title, Notes,
            Enum.Parse<AppointmentSource>(Source.Replace("_", "", StringComparison.Ordinal), ignoreCase: true),
            Booked_By, Utc(Booked_At), Cancel_Reason, Utc(Updated_At), Version);
    }
}
