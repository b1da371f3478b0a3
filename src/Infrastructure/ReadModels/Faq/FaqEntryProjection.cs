using System.Text.Json;
using Dapper;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Faq;
using ProSaaS.Domain.Tenants;
using ProSaaS.Infrastructure.Projections;

namespace ProSaaS.Infrastructure.ReadModels.Faq;

/// <summary>
/// Keeps <c>faq_entries</c> equal to the latest state of every FAQ entry stream, in the append's transaction, so a saved
/// entry answers on the next call at once. Every created or changed event carries the whole entry, so a batch writes each
/// entry's last state in one upsert; a deleted entry's row goes.
/// </summary>
public sealed class FaqEntryProjection : IProjection
{
    private const string Upsert = """
        insert into faq_entries (tenant_id, id, question, answer, keywords, phrasings, channels, is_active, created_by, created_at, updated_at, version)
        select x.tenant_id, x.id, x.question, x.answer, x.keywords, x.phrasings, x.channels, x.is_active, x.created_by,
               coalesce(x.created_at, x.updated_at), x.updated_at, x.version
        from jsonb_to_recordset(@Rows::jsonb) as x(tenant_id text, id uuid, question text, answer text, keywords jsonb, phrasings jsonb,
                                                   channels jsonb, is_active boolean, created_by text, created_at timestamptz,
                                                   updated_at timestamptz, version bigint)
        on conflict (tenant_id, id) do update set
            question = excluded.question, answer = excluded.answer, keywords = excluded.keywords, phrasings = excluded.phrasings,
            channels = excluded.channels, is_active = excluded.is_active, updated_at = excluded.updated_at, version = excluded.version
        """;

    private const string Delete = """
        delete from faq_entries f using unnest(@TenantIds, @Ids) as x(t, i) where f.tenant_id = x.t and f.id = x.i
        """;

    public string Name => "faq_entries";

    public ProjectionLifecycle Lifecycle => ProjectionLifecycle.Inline;

    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(FaqEntryCreated), typeof(FaqEntryChanged), typeof(FaqEntryDeleted)];

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        // The last state of each entry the batch touched: a row to write, or null when it was deleted.
        var latest = new Dictionary<(string Tenant, Guid Id), Dictionary<string, object?>?>();
        foreach (var @event in events)
        {
            switch (@event.Data)
            {
                case FaqEntryCreated e:
                    latest[(@event.TenantId, e.FaqEntryId)] = Row(@event, e.FaqEntryId, e.Question, e.Answer, e.Keywords, e.Phrasings, e.Channels,
                        e.IsActive, e.CreatedAt, e.CreatedBy, e.CreatedAt);
                    break;
                case FaqEntryChanged e:
                    latest[(@event.TenantId, e.FaqEntryId)] = Row(@event, e.FaqEntryId, e.Question, e.Answer, e.Keywords, e.Phrasings, e.Channels,
                        e.IsActive, e.ChangedAt, null, null);
                    break;
                case FaqEntryDeleted e:
                    latest[(@event.TenantId, e.FaqEntryId)] = null;
                    break;
            }
        }

        var rows = latest.Values.OfType<Dictionary<string, object?>>().ToList();
        if (rows.Count > 0)
        {
            await context.Connection.ExecuteAsync(new CommandDefinition(
                Upsert, new { Rows = JsonSerializer.Serialize(rows) }, context.Transaction, cancellationToken: cancellationToken));
        }

        var deleted = latest.Where(p => p.Value is null).Select(p => p.Key).ToList();
        if (deleted.Count > 0)
        {
            await context.Connection.ExecuteAsync(new CommandDefinition(Delete, new
            {
                TenantIds = deleted.Select(d => d.Tenant).ToArray(),
                Ids = deleted.Select(d => d.Id).ToArray(),
            }, context.Transaction, cancellationToken: cancellationToken));
        }
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken) =>
        context.Connection.ExecuteAsync(new CommandDefinition(
            "delete from faq_entries", transaction: context.Transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// An entry's row. A change after a creation in an earlier batch has no creation time: the upsert keeps the row's own
    /// (and for a first write without one, falls back to the change's time).
    /// </summary>
    private static Dictionary<string, object?> Row(
        StoredEvent @event, Guid id, string question, string answer, IReadOnlyList<string> keywords, IReadOnlyList<string> phrasings,
        IReadOnlyList<AssistantChannel> channels, bool active, DateTimeOffset at, string? createdBy, DateTimeOffset? createdAt) => new(StringComparer.Ordinal)
    {
        ["tenant_id"] = @event.TenantId,
        ["id"] = id,
        ["question"] = question,
        ["answer"] = answer,
        ["keywords"] = keywords,
        ["phrasings"] = phrasings,
        ["channels"] = channels.Select(c => c.WireName()).ToArray(),
        ["is_active"] = active,
        ["created_by"] = createdBy,
        ["created_at"] = createdAt,
        ["updated_at"] = at,
        ["version"] = @event.Version,
    };
}
