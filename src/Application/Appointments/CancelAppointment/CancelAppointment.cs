using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.EventStore;

namespace ProSaaS.Application.Appointments.CancelAppointment;

/// <summary>
/// Cancels an appointment of the current business for a reason, freeing its time at once. Cancelling a cancelled
/// appointment changes nothing. Returns the appointment's version afterwards.
/// </summary>
public sealed record CancelAppointment(Guid AppointmentId, string Reason) : IRequest<long>;

public sealed class CancelAppointmentHandler(IEventStore eventStore, IAppointmentQueries queries, IRequestContext context, TimeProvider clock)
    : IRequestHandler<CancelAppointment, long>
{
    public async Task<long> Handle(CancelAppointment request, CancellationToken cancellationToken)
    {
        var appointment = await AppointmentLoading.LoadAsync(eventStore, queries, context.RequireTenant(), request.AppointmentId, cancellationToken);
        appointment.Cancel(request.Reason, context.UserId, clock.GetUtcNow());
        await eventStore.SaveAsync(appointment, cancellationToken);
        return appointment.Version;
    }
}
