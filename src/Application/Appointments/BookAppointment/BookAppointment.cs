using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Leads;
using ProSaaS.Application.Tenants;
using ProSaaS.Domain.Appointments;

namespace ProSaaS.Application.Appointments.BookAppointment;

/// <summary>
/// Books a meeting with a lead of the current business at <see cref="Start"/> (ISO-8601 with an offset) for
/// <see cref="DurationMinutes"/> (default: the business's slot length). The business's calendar decides whether the
/// time may be booked (422 with the rule's code); the database decides whether it is still free, also when many
/// bookings of one time race (409 <c>appointment.slot_taken</c> for all but one). Returns the appointment's id.
/// </summary>
public sealed record BookAppointment(
    Guid LeadId,
    string Start,
    int? DurationMinutes,
    string? Title,
    string? Notes,
    AppointmentSource Source) : IRequest<Guid>;

public sealed class BookAppointmentHandler(
    IEventStore eventStore,
    ILeadQueries leads,
    ITenantQueries tenants,
    IRequestContext context,
    TimeProvider clock) : IRequestHandler<BookAppointment, Guid>
{
    public async Task<Guid> Handle(BookAppointment request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        _ = await leads.GetAsync(tenantId, request.LeadId, cancellationToken) ?? throw new NotFoundException("lead", request.LeadId);
        if (!AppointmentCalendars.TryParseInstant(request.Start, out var start))
        {
            throw new BusinessRuleException("appointment.start_invalid", AppointmentCalendars.InstantFormatMessage);
        }

        var calendar = await tenants.LoadCalendarAsync(tenantId, cancellationToken);
        var appointment = Appointment.Book(
            Guid.CreateVersion7(),
            request.LeadId,
            start,
            request.DurationMinutes ?? calendar.Settings.SlotMinutes,
            request.Title,
            request.Notes,
            request.Source,
            context.UserId,
            calendar,
            clock.GetUtcNow());
        await eventStore.SaveAsync(appointment, cancellationToken);
        return appointment.Id;
    }
}
