using MediatR;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Leads;

namespace ProSaaS.Application.Leads.ChangeLeadStatus;

/// <summary>
/// Moves a lead to another status. With <see cref="ExpectedVersion"/> the change applies only if nobody changed
/// the lead since the caller read it (otherwise a concurrency error); returns the lead's version afterwards.
/// </summary>
public sealed record ChangeLeadStatus(Guid LeadId, string Status, string? Reason = null, long? ExpectedVersion = null) : IRequest<long>;

public sealed class ChangeLeadStatusHandler(IEventStore eventStore, TimeProvider clock) : IRequestHandler<ChangeLeadStatus, long>
{
    public async Task<long> Handle(ChangeLeadStatus request, CancellationToken cancellationToken)
    {
        var lead = await eventStore.AggregateStreamAsync<Lead>(request.LeadId, cancellationToken: cancellationToken)
                   ?? throw new NotFoundException("lead", request.LeadId);
        if (request.ExpectedVersion is { } expected && expected != lead.Version)
        {
            throw new ConcurrencyException(request.LeadId, expected, lead.Version);
        }

        lead.ChangeStatus(request.Status, request.Reason, clock.GetUtcNow());
        await eventStore.SaveAsync(lead, cancellationToken);
        return lead.Version;
    }
}
