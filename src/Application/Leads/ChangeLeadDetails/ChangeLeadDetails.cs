using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Tenants;

namespace ProSaaS.Application.Leads.ChangeLeadDetails;

/// <summary>
/// Corrects a lead's details. Null leaves a detail unchanged; an empty e-mail removes it; a field whose value is null
/// or empty is removed. Field values are checked against the business's field schema. Returns the lead's version.
/// </summary>
public sealed record ChangeLeadDetails(
    Guid LeadId,
    string? Name = null,
    string? Phone = null,
    string? Email = null,
    IReadOnlyDictionary<string, string?>? Fields = null,
    long? ExpectedVersion = null) : IRequest<long>;

public sealed class ChangeLeadDetailsHandler(IEventStore eventStore, ITenantQueries tenants, IRequestContext context, TimeProvider clock)
    : IRequestHandler<ChangeLeadDetails, long>
{
    public async Task<long> Handle(ChangeLeadDetails request, CancellationToken cancellationToken)
    {
        var schema = await LeadFields.SchemaAsync(tenants, context.RequireTenant(), cancellationToken);
        var requested = request.Fields ?? new Dictionary<string, string?>();
        var removed = requested.Where(f => string.IsNullOrWhiteSpace(f.Value)).Select(f => f.Key).ToList();
        var set = LeadFields.NormalizeOrThrow(schema, requested
            .Where(f => !string.IsNullOrWhiteSpace(f.Value))
            .ToDictionary(f => f.Key, f => f.Value!, StringComparer.Ordinal));
        var unknownRemovals = removed.Where(k => schema.All(f => f.Key != k)).ToList();

        var lead = await LeadFields.LoadAsync(eventStore, request.LeadId, cancellationToken);
        if (request.ExpectedVersion is { } expected && expected != lead.Version)
        {
            throw new ConcurrencyException(request.LeadId, expected, lead.Version);
        }

        // A field the business no longer defines can still be removed from a lead that has it.
        var notOnLead = unknownRemovals.Where(k => !lead.Fields.ContainsKey(k)).ToList();
        if (notOnLead.Count > 0)
        {
            throw new ValidationFailedException(notOnLead.ToDictionary(
                k => "fields." + k, k => new[] { $"השדה '{k}' אינו מוגדר אצל העסק." }));
        }

        lead.ChangeDetails(request.Name, request.Phone, request.Email, set, removed, clock.GetUtcNow());
        await eventStore.SaveAsync(lead, cancellationToken);
        return lead.Version;
    }
}
