using MediatR;
using ProSaaS.Application.Appointments;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Tenants;
using ProSaaS.Domain.Appointments;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Overview.GetOverview;

/// <summary>
/// What the current business's first page shows: today's calls, new leads (today and this week, Sunday to now), the next
/// appointments, calls per day over the last <see cref="ChartDays"/> local days and the lead funnel in the business's
/// status order. Days are the business's days, in its time zone.
/// </summary>
public sealed record GetOverview : IRequest<OverviewView>
{
    public const int ChartDays = 14;
    public const int LatestCalls = 5;
    public const int UpcomingAppointments = 5;
}

/// <param name="Today">The business's local date, yyyy-MM-dd.</param>
/// <param name="HasPhoneNumber">Whether the business has a number callers can reach (the first step of a new business).</param>
/// <param name="IsEmpty">No call, lead or appointment yet: a new business, to be shown its first steps.</param>
public sealed record OverviewView(
    string TimeZone,
    string Today,
    bool HasPhoneNumber,
    bool IsEmpty,
    OverviewCalls Calls,
    OverviewLeads Leads,
    OverviewAppointments Appointments,
    IReadOnlyList<OverviewDay> CallsPerDay,
    IReadOnlyList<OverviewFunnelStep> Funnel);

/// <param name="Today">Calls started today.</param>
/// <param name="Active">Calls holding a line now.</param>
/// <param name="Latest">The latest calls, newest first (of any day).</param>
public sealed record OverviewCalls(int Today, int Total, int Active, IReadOnlyList<OverviewCall> Latest);

/// <param name="ThisWeek">Leads captured since Sunday 00:00, local time.</param>
public sealed record OverviewLeads(int Today, int ThisWeek, int Total);

/// <param name="Count">Booked appointments from now on.</param>
/// <param name="Upcoming">The next of them, earliest first, with their start and end in UTC.</param>
public sealed record OverviewAppointments(int Count, IReadOnlyList<OverviewAppointment> Upcoming);

/// <param name="Date">A local date, yyyy-MM-dd; the list runs from the oldest day to today, days without calls included.</param>
public sealed record OverviewDay(string Date, int Count);

/// <param name="Status">The status key; a key no longer among the business's statuses comes last, labelled by its key.</param>
public sealed record OverviewFunnelStep(string Status, string Label, string Color, int Count);

public sealed class GetOverviewHandler(IOverviewQueries queries, ITenantQueries tenants, IRequestContext context, TimeProvider clock)
    : IRequestHandler<GetOverview, OverviewView>
{
    public async Task<OverviewView> Handle(GetOverview request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        var settings = (await tenants.GetSettingsAsync(tenantId, cancellationToken))?.Settings ?? TenantSettings.Default;
        var profile = await tenants.GetProfileAsync(tenantId, cancellationToken);
        var calendar = new AppointmentCalendar(settings.Appointments, settings.BusinessHours, AppointmentCalendars.ZoneOf(profile?.TimeZone));

        var now = clock.GetUtcNow();
        var today = calendar.LocalDate(now);
        var weekStart = today.AddDays(-(int)today.DayOfWeek);
        var chartStart = today.AddDays(1 - GetOverview.ChartDays);
        var window = new OverviewWindow(
            now,
            calendar.StartOfDay(today),
            calendar.StartOfDay(weekStart),
            calendar.StartOfDay(chartStart),
            calendar.Zone.Id,
            GetOverview.LatestCalls,
            GetOverview.UpcomingAppointments);
        var figures = await queries.ReadAsync(tenantId, window, cancellationToken);

        var days = Enumerable.Range(0, GetOverview.ChartDays)
            .Select(i => chartStart.AddDays(i))
            .Select(d => new OverviewDay(AppointmentCalendars.FormatDate(d), figures.CallsByDay.GetValueOrDefault(d)))
            .ToList();
        var funnel = settings.LeadStatuses
            .Select(s => new OverviewFunnelStep(s.Key, s.Label, s.Color, figures.LeadsByStatus.GetValueOrDefault(s.Key)))
            .Concat(figures.LeadsByStatus
                .Where(p => settings.LeadStatuses.All(s => s.Key != p.Key))
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => new OverviewFunnelStep(p.Key, p.Key, "#9CA3AF", p.Value)))
            .ToList();

        return new OverviewView(
            calendar.Zone.Id,
            AppointmentCalendars.FormatDate(today),
            profile?.PhoneNumbers.Count > 0,
            figures.CallsTotal == 0 && figures.LeadsTotal == 0 && figures.UpcomingAppointmentCount == 0,
            new OverviewCalls(figures.CallsToday, figures.CallsTotal, figures.ActiveCalls, figures.LatestCalls),
            new OverviewLeads(figures.LeadsToday, figures.LeadsThisWeek, figures.LeadsTotal),
            new OverviewAppointments(figures.UpcomingAppointmentCount, figures.UpcomingAppointments),
            days,
            funnel);
    }
}
