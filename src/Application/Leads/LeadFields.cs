using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Tenants;
using ProSaaS.Domain.Leads;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Leads;

/// <summary>The business's lead field schema, applied to values from a request.</summary>
internal static class LeadFields
{
    public static async Task<IReadOnlyList<LeadFieldDefinition>> SchemaAsync(ITenantQueries tenants, string tenantId, CancellationToken cancellationToken)
    {
        var settings = await tenants.GetSettingsAsync(tenantId, cancellationToken);
        return (settings?.Settings ?? TenantSettings.Default).LeadFields;
    }

    /// <summary>The values in canonical form; every unknown key or ill-typed value fails validation under <c>fields.&lt;key&gt;</c>.</summary>
    public static IReadOnlyDictionary<string, string> NormalizeOrThrow(IReadOnlyList<LeadFieldDefinition> schema, IReadOnlyDictionary<string, string>? values)
    {
        var (normalised, errors) = LeadFieldSchema.Normalize(schema, values);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors.ToDictionary(e => "fields." + e.Key, e => new[] { e.Value }));
        }

        return normalised;
    }

    /// <summary>The lead as its stream tells, or 404 when it does not exist in this business or was deleted.</summary>
    public static async Task<Lead> LoadAsync(Common.EventStore.IEventStore eventStore, Guid leadId, CancellationToken cancellationToken)
    {
        var lead = await eventStore.AggregateStreamAsync<Lead>(leadId, cancellationToken: cancellationToken);
        return lead is null || lead.IsDeleted ? throw new NotFoundException("lead", leadId) : lead;
    }
}
