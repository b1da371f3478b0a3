using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Tenants;
using ProSaaS.Domain.Appointments;

namespace ProSaaS.Application.Appointments.ListAppointments;

/// <summary>
/// One page of the current business's appointments by start time, earliest first: optionally those starting on the local
/// dates <see cref="From"/> to <see cref="To"/> (yyyy-MM-dd, inclusive, in the business's zone), of one status
/// (<c>booked</c>, <c>cancelled</c>) and/or of one lead.
/// </summary>
public sealed record ListAppointments(
    string? From = null,
    string? To = null,
    string? Status = null,
    Guid? LeadId = null,
    int Limit = ListAppointments.DefaultLimit,
    string? Next = null) : IRequest<AppointmentPage>
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;

    public static readonly IReadOnlyDictionary<string, AppointmentStatus> Statuses = new Dictionary<string, AppointmentStatus>(StringComparer.Ordinal)
    {
        ["booked"] = AppointmentStatus.Booked,
        ["cancelled"] = AppointmentStatus.Cancelled,
    };
}

public sealed class ListAppointmentsHandler(IAppointmentQueries queries, ITenantQueries tenants, IRequestContext context)
    : IRequestHandler<ListAppointments, AppointmentPage>
{
    public async Task<AppointmentPage> Handle(ListAppointments request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        var calendar = await tenants.LoadCalendarAsync(tenantId, cancellationToken);
        AppointmentCursor.TryDecode(request.Next, out var after);
        var filter = new AppointmentFilter(
            AppointmentCalendars.TryParseDate(request.From, out var from) ? calendar.StartOfDay(from) : null,
            AppointmentCalendars.TryParseDate(request.To, out var to) ? calendar.StartOfDay(to.AddDays(1)) : null,
            request.Status is not null && ListAppointments.Statuses.TryGetValue(request.Status, out var status) ? status : null,
            request.LeadId);

        // One more than asked tells whether another page exists without a count query.
        var rows = await queries.ListAsync(tenantId, filter, after, request.Limit + 1, cancellationToken);
        var items = rows.Take(request.Limit).Select(r => AppointmentView.From(r, calendar)).ToList();
        var next = rows.Count > request.Limit ? new AppointmentCursor(items[^1].Start, items[^1].Id).Encode() : null;
        return new AppointmentPage(items, next);
    }
}
