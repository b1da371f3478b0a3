using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Tenants;
using ProSaaS.Domain.Appointments;

namespace ProSaaS.Application.Appointments.RescheduleAppointment;

/// <summary>
/// Moves a booked appointment of the current business to <see cref="Start"/>, keeping its length. The new time must pass
/// the business's calendar (422) and be free (409 <c>appointment.slot_taken</c>); a cancelled appointment cannot move
/// (422 <c>appointment.cancelled</c>). With <see cref="ExpectedVersion"/> it applies only if nobody changed the appointment
/// since the caller read it. Returns the appointment's version afterwards.
/// </summary>
public sealed record RescheduleAppointment(Guid AppointmentId, string Start, string? Reason = null, long? ExpectedVersion = null) : IRequest<long>;

public sealed class RescheduleAppointmentHandler(
    IEventStore eventStore,
    IAppointmentQueries queries,
    ITenantQueries tenants,
    IRequestContext context,
    TimeProvider clock) : IRequestHandler<RescheduleAppointment, long>
{
    public async Task<long> Handle(RescheduleAppointment request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        var appointment = await AppointmentLoading.LoadAsync(eventStore, queries, tenantId, request.AppointmentId, cancellationToken);
        if (request.ExpectedVersion is { } expected && expected != appointment.Version)
        {
            throw new ConcurrencyException(request.AppointmentId, expected, appointment.Version);
        }

        if (!AppointmentCalendars.TryParseInstant(request.Start, out var start))
        {
            throw new BusinessRuleException("appointment.start_invalid", AppointmentCalendars.InstantFormatMessage);
        }

        var calendar = await tenants.LoadCalendarAsync(tenantId, cancellationToken);
        appointment.Reschedule(start, request.Reason, context.UserId, calendar, clock.GetUtcNow());
        await eventStore.SaveAsync(appointment, cancellationToken);
        return appointment.Version;
    }
}
