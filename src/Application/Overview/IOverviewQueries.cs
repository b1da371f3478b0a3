namespace ProSaaS.Application.Overview;

/// <summary>The overview's figures of one business, read in one round trip to the read models.</summary>
public interface IOverviewQueries
{
    Task<OverviewFigures> ReadAsync(string tenantId, OverviewWindow window, CancellationToken cancellationToken);
}

/// <summary>
/// The business-local boundaries the figures are counted in, already turned into instants: the start of today, of this
/// week (Sunday) and of the first charted day; <see cref="Zone"/> is the IANA zone that buckets calls by local day.
/// </summary>
public sealed record OverviewWindow(
    DateTimeOffset Now,
    DateTimeOffset TodayStart,
    DateTimeOffset WeekStart,
    DateTimeOffset ChartStart,
    string Zone,
    int LatestCalls,
    int UpcomingAppointments);

public sealed record OverviewFigures(
    int CallsToday,
    int CallsTotal,
    int ActiveCalls,
    IReadOnlyList<OverviewCall> LatestCalls,
    int LeadsToday,
    int LeadsThisWeek,
    int LeadsTotal,
    IReadOnlyDictionary<string, int> LeadsByStatus,
    int UpcomingAppointmentCount,
    IReadOnlyList<OverviewAppointment> UpcomingAppointments,
    IReadOnlyDictionary<DateOnly, int> CallsByDay);

/// <param name="IsLive">True while the call holds a line (not ended).</param>
public sealed record OverviewCall(
    Guid Id,
    string Direction,
    string Status,
    string? From,
    string? To,
    Guid? LeadId,
    string? LeadName,
    DateTimeOffset StartedAt,
    int? DurationSeconds,
    bool IsLive);

public sealed record OverviewAppointment(Guid Id, Guid LeadId, string? LeadName, string? LeadPhone, DateTimeOffset Start, DateTimeOffset End, string? Title);
