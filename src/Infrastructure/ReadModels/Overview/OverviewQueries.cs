using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProSaaS.Application.Overview;

namespace ProSaaS.Infrastructure.ReadModels.Overview;

/// <summary>
/// The overview's figures in one command of several result sets, in the business's row-level-security scope. Calls are
/// bucketed by the business's local day in PostgreSQL (<c>at time zone</c> with its IANA zone), so a call at 23:30 local
/// time counts on that day whatever the UTC date.
/// </summary>
public sealed class OverviewQueries(NpgsqlDataSource dataSource) : IOverviewQueries
{
    private const string Sql = """
        select count(*) filter (where started_at >= @todayStart)::int as today, count(*)::int as total
        from calls where tenant_id = @tenantId;

        select count(*)::int from call_slots where tenant_id = @tenantId;

        select c.id, c.direction, c.status, c.from_number, c.to_number, c.lead_id, l.name as lead_name, c.started_at,
               c.duration_seconds, (c.ended_at is null and c.status <> 'rejected') as is_live
        from calls c left join leads l on l.tenant_id = c.tenant_id and l.id = c.lead_id
        where c.tenant_id = @tenantId
        order by c.started_at desc, c.id desc
        limit @latestCalls;

        select count(*) filter (where captured_at >= @todayStart)::int as today,
               count(*) filter (where captured_at >= @weekStart)::int as week,
               count(*)::int as total
        from leads where tenant_id = @tenantId;

        select status, count(*)::int from leads where tenant_id = @tenantId group by status;

        select count(*)::int from appointments where tenant_id = @tenantId and status = 'booked' and starts_at >= @now;

        select a.id, a.lead_id, l.name as lead_name, l.phone as lead_phone, a.starts_at, a.ends_at, a.title
        from appointments a join leads l on l.tenant_id = a.tenant_id and l.id = a.lead_id
        where a.tenant_id = @tenantId and a.status = 'booked' and a.starts_at >= @now
        order by a.starts_at, a.id
        limit @upcoming;

        select (started_at at time zone @zone)::date as day, count(*)::int
        from calls where tenant_id = @tenantId and started_at >= @chartStart
        group by 1;
        """;

    public async Task<OverviewFigures> ReadAsync(string tenantId, OverviewWindow window, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        await using var results = await scope.Connection.QueryMultipleAsync(new CommandDefinition(Sql, new
        {
            tenantId,
            now = window.Now.ToUniversalTime(),
            todayStart = window.TodayStart.ToUniversalTime(),
            weekStart = window.WeekStart.ToUniversalTime(),
            chartStart = window.ChartStart.ToUniversalTime(),
            zone = window.Zone,
            latestCalls = window.LatestCalls,
            upcoming = window.UpcomingAppointments,
        }, scope.Transaction, cancellationToken: cancellationToken));

        var calls = await results.ReadSingleAsync<(int Today, int Total)>();
        var active = await results.ReadSingleAsync<int>();
        var latest = (await results.ReadAsync<CallRow>()).Select(r => r.ToCall()).ToList();
        var leads = await results.ReadSingleAsync<(int Today, int Week, int Total)>();
        var byStatus = (await results.ReadAsync<(string Status, int Count)>()).ToDictionary(r => r.Status, r => r.Count, StringComparer.Ordinal);
        var upcomingCount = await results.ReadSingleAsync<int>();
        var upcoming = (await results.ReadAsync<AppointmentRow>()).Select(r => r.ToAppointment()).ToList();
        var byDay = (await results.ReadAsync<(DateTime Day, int Count)>()).ToDictionary(r => DateOnly.FromDateTime(r.Day), r => r.Count);

        return new OverviewFigures(
            calls.Today, calls.Total, active, latest, leads.Today, leads.Week, leads.Total, byStatus, upcomingCount, upcoming, byDay);
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private sealed record CallRow(
        Guid Id, string Direction, string Status, string? From_Number, string? To_Number, Guid? Lead_Id, string? Lead_Name,
        DateTime Started_At, int? Duration_Seconds, bool Is_Live)
    {
        public OverviewCall ToCall() => new(
            Id, Direction, Status, From_Number, To_Number, Lead_Id, Lead_Name, Utc(Started_At), Duration_Seconds, Is_Live);
    }

    private sealed record AppointmentRow(Guid Id, Guid Lead_Id, string? Lead_Name, string? Lead_Phone, DateTime Starts_At, DateTime Ends_At, string? Title)
    {
        public OverviewAppointment ToAppointment() => new(Id, Lead_Id, Lead_Name, Lead_Phone, Utc(Starts_At), Utc(Ends_At), Title);
    }
}

/// <summary>Registers the overview's figures query.</summary>
public static class OverviewReadModelsRegistration
{
    public static IServiceCollection AddOverviewReadModels(this IServiceCollection services) =>
        services.AddScoped<IOverviewQueries, OverviewQueries>();
}
