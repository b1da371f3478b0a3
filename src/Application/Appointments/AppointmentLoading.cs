using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Appointments;

namespace ProSaaS.Application.Appointments;

internal static class AppointmentLoading
{
    /// <summary>
    /// The appointment from its stream, if the business still has it: the read model's row goes with its lead when the
    /// lead is deleted, and an appointment of a deleted lead is not found.
    /// </summary>
    public static async Task<Appointment> LoadAsync(
        IEventStore eventStore, IAppointmentQueries queries, string tenantId, Guid appointmentId, CancellationToken cancellationToken)
    {
        _ = await queries.GetAsync(tenantId, appointmentId, cancellationToken) ?? throw new NotFoundException("appointment", appointmentId);
        return await eventStore.AggregateStreamAsync<Appointment>(appointmentId, cancellationToken: cancellationToken)
               ?? throw new NotFoundException("appointment", appointmentId);
    }
}
