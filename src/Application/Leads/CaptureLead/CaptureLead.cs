using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Tenants;
using ProSaaS.Domain.Common.PhoneNumbers;
using ProSaaS.Domain.Leads;

namespace ProSaaS.Application.Leads.CaptureLead;

/// <summary>
/// Records a lead of the current tenant. A phone the business already has a lead for enriches that lead (and records
/// the merge) instead of creating a duplicate, also when two captures of the same phone race.
/// </summary>
public sealed record CaptureLead(
    string? Name,
    string? Phone,
    string? Email,
    LeadSource Source,
    IReadOnlyDictionary<string, string>? Fields = null) : IRequest<CapturedLead>;

/// <param name="Merged">True when an existing lead with the same phone was enriched rather than a new one created.</param>
public sealed record CapturedLead(Guid LeadId, bool Merged);

public sealed class CaptureLeadHandler(IEventStore eventStore, ILeadQueries queries, ITenantQueries tenants, IRequestContext context, TimeProvider clock)
    : IRequestHandler<CaptureLead, CapturedLead>
{
    public const string PhoneTakenCode = "lead.phone_exists";

    /// <summary>A lost race is retried: the next round finds the winner's lead and enriches it.</summary>
    private const int MaxAttempts = 10;

    public async Task<CapturedLead> Handle(CaptureLead request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        var phone = IsraeliPhoneNumber.TryNormalize(request.Phone, out var e164) ? e164 : null;
        var fields = LeadFields.NormalizeOrThrow(await LeadFields.SchemaAsync(tenants, tenantId, cancellationToken), request.Fields);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (phone is not null && await queries.FindIdByPhoneAsync(tenantId, phone, cancellationToken) is { } existingId)
                {
                    var existing = await eventStore.AggregateStreamAsync<Lead>(existingId, cancellationToken: cancellationToken)
                                   ?? throw new NotFoundException("lead", existingId);
                    existing.MergeCapture(request.Name, request.Email, request.Source, fields, clock.GetUtcNow());
                    await eventStore.SaveAsync(existing, cancellationToken);
                    return new CapturedLead(existingId, Merged: true);
                }

                var lead = Lead.Capture(Guid.CreateVersion7(), request.Name, request.Phone, request.Email, request.Source, fields, clock.GetUtcNow());
                await eventStore.SaveAsync(lead, cancellationToken);
                return new CapturedLead(lead.Id, Merged: false);
            }
            catch (Exception ex) when (attempt < MaxAttempts && ex is ConcurrencyException or ConflictException { Code: PhoneTakenCode })
            {
                // Spread the retries of many simultaneous captures (a burst of calls from one number).
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), cancellationToken);
            }
        }
    }
}
