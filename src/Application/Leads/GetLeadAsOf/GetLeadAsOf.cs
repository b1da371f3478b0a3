using MediatR;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Leads;

namespace ProSaaS.Application.Leads.GetLeadAsOf;

/// <summary>A lead as it stood at a version or a moment, replayed from its events (the auditor's view).</summary>
public sealed record GetLeadAsOf(Guid LeadId, long? Version = null, DateTimeOffset? Timestamp = null) : IRequest<LeadSnapshot>;

public sealed record LeadSnapshot(
    Guid Id,
    long Version,
    string? Name,
    string? Phone,
    string Status,
    IReadOnlyDictionary<string, string> Fields,
    DateTimeOffset CapturedAt,
    DateTimeOffset? StatusChangedAt);

public sealed class GetLeadAsOfHandler(IEventStore eventStore) : IRequestHandler<GetLeadAsOf, LeadSnapshot>
{
    public async Task<LeadSnapshot> Handle(GetLeadAsOf request, CancellationToken cancellationToken)
    {
        var lead = await eventStore.AggregateStreamAsync<Lead>(request.LeadId, request.Version, request.Timestamp, cancellationToken)
                   ?? throw new NotFoundException("lead", request.LeadId);
        return new LeadSnapshot(lead.Id, lead.Version, lead.Name, lead.Phone, lead.Status, lead.Fields, lead.CapturedAt, lead.StatusChangedAt);
    }
}
