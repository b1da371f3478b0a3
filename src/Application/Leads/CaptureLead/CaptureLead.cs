using MediatR;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Leads;

namespace ProSaaS.Application.Leads.CaptureLead;

/// <summary>Records a new lead for the current tenant and returns its id.</summary>
public sealed record CaptureLead(
    string? Name,
    string? Phone,
    string? Email,
    LeadSource Source,
    IReadOnlyDictionary<string, string>? Fields = null) : IRequest<Guid>;

public sealed class CaptureLeadHandler(IEventStore eventStore, TimeProvider clock) : IRequestHandler<CaptureLead, Guid>
{
    public async Task<Guid> Handle(CaptureLead request, CancellationToken cancellationToken)
    {
        var lead = Lead.Capture(Guid.CreateVersion7(), request.Name, request.Phone, request.Email, request.Source, request.Fields, clock.GetUtcNow());
        await eventStore.SaveAsync(lead, cancellationToken);
        return lead.Id;
    }
}
