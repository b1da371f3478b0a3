using System.Globalization;
using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Tenants;

namespace ProSaaS.Application.Appointments.GetAvailability;

/// <summary>
/// The free slots of the current business on the local dates <see cref="From"/> to <see cref="To"/> (yyyy-MM-dd,
/// inclusive, at most <see cref="MaxDays"/> days), in its time zone: inside its appointment hours, after the minimum
/// notice, within the booking window, and clear (with the buffer) of every booked appointment — but
/// <see cref="ExcludeAppointmentId"/>, when given: an appointment of the business (404 otherwise) that is being moved, so
/// that the times overlapping its own are offered too.
/// </summary>
public sealed record GetAvailability(string? From, string? To, Guid? ExcludeAppointmentId = null) : IRequest<Availability>
{
    public const int MaxDays = 31;
}

/// <param name="TimeZone">The business's IANA zone, in which <see cref="AvailableSlot.Date"/> and <see cref="AvailableSlot.Time"/> are read.</param>
public sealed record Availability(
    string TimeZone,
    string From,
    string To,
    int SlotMinutes,
    int BufferMinutes,
    IReadOnlyList<AvailableSlot> Slots);

/// <param name="Start">The slot's start in UTC: send it (or <see cref="LocalStart"/>) as the booking's start.</param>
/// <param name="End">The slot's end in UTC.</param>
/// <param name="LocalStart">The same moment with the business's offset.</param>
/// <param name="Date">The business's local date, yyyy-MM-dd.</param>
/// <param name="Time">The business's local time, HH:mm.</param>
public sealed record AvailableSlot(DateTimeOffset Start, DateTimeOffset End, DateTimeOffset LocalStart, string Date, string Time);

public sealed class GetAvailabilityHandler(IAppointmentQueries queries, ITenantQueries tenants, IRequestContext context, TimeProvider clock)
    : IRequestHandler<GetAvailability, Availability>
{
    public async Task<Availability> Handle(GetAvailability request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        AppointmentCalendars.TryParseDate(request.From, out var from);
        AppointmentCalendars.TryParseDate(request.To, out var to);
        if (request.ExcludeAppointmentId is { } excluded)
        {
            // Only the business's own appointment can be left out; another's id is unknown here.
            _ = await queries.GetAsync(tenantId, excluded, cancellationToken) ?? throw new NotFoundException("appointment", excluded);
        }

        var calendar = await tenants.LoadCalendarAsync(tenantId, cancellationToken);

        // Every busy range a slot of these dates (with its buffer) could meet.
        var busy = await queries.BusyAsync(
            tenantId,
            calendar.StartOfDay(from),
            calendar.StartOfDay(to.AddDays(1)) + calendar.SlotLength + calendar.Buffer,
            request.ExcludeAppointmentId,
            cancellationToken);
        var slots = calendar.FreeSlots(clock.GetUtcNow(), from, to, busy)
            .Select(s => new AvailableSlot(
                s.Start.ToUniversalTime(),
                s.End.ToUniversalTime(),
                s.Start,
                s.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                s.Start.ToString("HH:mm", CultureInfo.InvariantCulture)))
            .ToList();
        return new Availability(
            calendar.Zone.Id, AppointmentCalendars.FormatDate(from), AppointmentCalendars.FormatDate(to),
            calendar.Settings.SlotMinutes, calendar.Settings.BufferMinutes, slots);
    }
}
