using Dapper;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Infrastructure.Projections;

namespace ProSaaS.Infrastructure.ReadModels.Leads;

/// <summary>
/// For projections whose rows need their lead's row: a row that could not be written because its lead is missing is
/// expected when the lead was deleted later in the stream (a rebuild replays it); otherwise the lead is gone now —
/// the append must fail as not found rather than record something that hangs off nothing.
/// </summary>
internal static class MissingLeads
{
    private const string Unexplained = """
        select x.l from unnest(@TenantIds, @LeadIds, @Sequences) as x(t, l, s)
        where not exists (
            select 1 from mt_events e
            where e.tenant_id = x.t and e.type = 'lead_deleted' and e.data ->> 'leadId' = x.l::text and e.seq_id > x.s)
        limit 1
        """;

    public static async Task ThrowIfUnexplainedAsync(
        ProjectionContext context, IReadOnlyCollection<(string Tenant, Guid LeadId, long Sequence)> missing, CancellationToken cancellationToken)
    {
        if (missing.Count == 0)
        {
            return;
        }

        var unexplained = await context.Connection.QueryFirstOrDefaultAsync<Guid?>(new CommandDefinition(Unexplained, new
        {
            TenantIds = missing.Select(m => m.Tenant).ToArray(),
            LeadIds = missing.Select(m => m.LeadId).ToArray(),
            Sequences = missing.Select(m => m.Sequence).ToArray(),
        }, context.Transaction, cancellationToken: cancellationToken));
        if (unexplained is { } leadId)
        {
            throw new NotFoundException("lead", leadId);
        }
    }
}
