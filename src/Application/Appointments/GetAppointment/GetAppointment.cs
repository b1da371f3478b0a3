using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Tenants;

namespace ProSaaS.Application.Appointments.GetAppointment;

/// <summary>One appointment of the current business, from the read model.</summary>
public sealed record GetAppointment(Guid AppointmentId) : IRequest<AppointmentView>;

public sealed class GetAppointmentHandler(IAppointmentQueries queries, ITenantQueries tenants, IRequestContext context)
    : IRequestHandler<GetAppointment, AppointmentView>
{
    public async Task<AppointmentView> Handle(GetAppointment request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        var record = await queries.GetAsync(tenantId, request.AppointmentId, cancellationToken)
                     ?? throw new NotFoundException("appointment", request.AppointmentId);
        return AppointmentView.From(record, await tenants.LoadCalendarAsync(tenantId, cancellationToken));
    }
}
