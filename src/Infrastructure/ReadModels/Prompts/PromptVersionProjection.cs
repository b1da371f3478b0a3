using Dapper;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Tenants;
using ProSaaS.Infrastructure.Projections;

namespace ProSaaS.Infrastructure.ReadModels.Prompts;

/// <summary>
/// Keeps <c>tenant_prompt_versions</c>: one row per version of each channel's prompt, in the append's transaction, so a saved
/// version is current for the next call at once. A <c>tenant_settings_changed</c> that names <c>inboundPrompt</c> or
/// <c>outboundPrompt</c> among its changed settings was recorded before prompts had versions and is that prompt's next version
/// (the same rule the tenant aggregate and migration 0019 follow).
/// </summary>
public sealed class PromptVersionProjection : IProjection
{
    private const string Insert = """
        insert into tenant_prompt_versions (tenant_id, channel, version, text, note, restored_from, author_id, author_name, created_at)
        select t, c, v, tx, n, r, ai, an, at
        from unnest(@TenantIds, @Channels, @Versions, @Texts, @Notes, @RestoredFrom, @AuthorIds, @AuthorNames, @CreatedAt)
             as x(t, c, v, tx, n, r, ai, an, at)
        """;

    public string Name => "tenant_prompt_versions";

    public ProjectionLifecycle Lifecycle => ProjectionLifecycle.Inline;

    public IReadOnlyCollection<Type> EventTypes { get; } = [typeof(TenantPromptSaved), typeof(TenantSettingsChanged)];

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var rows = new List<Row>();
        var legacy = new List<(StoredEvent Event, AssistantChannel Channel, string Text)>();
        foreach (var @event in events)
        {
            switch (@event.Data)
            {
                case TenantPromptSaved e:
                    rows.Add(new Row(@event.TenantId, e.Channel, e.Version, e.Text, e.Note, e.RestoredFrom, e.AuthorId, e.AuthorName, e.SavedAt, Legacy: false));
                    break;
                case TenantSettingsChanged e:
                    foreach (var channel in AssistantChannels.All)
                    {
                        if (TenantPrompts.SettingsField(channel) is { } field && e.ChangedSettings.Contains(field, StringComparer.Ordinal))
                        {
                            var text = channel == AssistantChannel.InboundCall ? e.Settings.InboundPrompt : e.Settings.OutboundPrompt;
                            rows.Add(new Row(@event.TenantId, channel, 0, text, TenantPrompts.SettingsNote, null, null, @event.UserName, e.ChangedAt, Legacy: true));
                        }
                    }

                    break;
            }
        }

        if (rows.Count == 0)
        {
            return;
        }

        if (rows.Any(r => r.Legacy))
        {
            await NumberLegacyRowsAsync(context, rows, cancellationToken);
        }

        await context.Connection.ExecuteAsync(new CommandDefinition(Insert, new
        {
            TenantIds = rows.Select(r => r.TenantId).ToArray(),
            Channels = rows.Select(r => r.Channel.WireName()).ToArray(),
            Versions = rows.Select(r => r.Version).ToArray(),
            Texts = rows.Select(r => r.Text).ToArray(),
            Notes = rows.Select(r => r.Note).ToArray(),
            RestoredFrom = rows.Select(r => r.RestoredFrom).ToArray(),
            AuthorIds = rows.Select(r => r.AuthorId).ToArray(),
            AuthorNames = rows.Select(r => r.AuthorName).ToArray(),
            CreatedAt = rows.Select(r => r.CreatedAt.ToUniversalTime()).ToArray(),
        }, context.Transaction, cancellationToken: cancellationToken));
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken cancellationToken) =>
        context.Connection.ExecuteAsync(new CommandDefinition(
            "delete from tenant_prompt_versions", transaction: context.Transaction, cancellationToken: cancellationToken));

    /// <summary>A legacy change takes the number after the channel's last version, counting the batch's rows before it.</summary>
    private static async Task NumberLegacyRowsAsync(ProjectionContext context, List<Row> rows, CancellationToken cancellationToken)
    {
        var keys = rows.Select(r => (r.TenantId, Channel: r.Channel.WireName())).Distinct().ToList();
        var latest = (await context.Connection.QueryAsync<(string TenantId, string Channel, int Version)>(new CommandDefinition("""
            select v.tenant_id, v.channel, max(v.version)::int
            from tenant_prompt_versions v join unnest(@TenantIds, @Channels) as k(t, c) on v.tenant_id = k.t and v.channel = k.c
            group by v.tenant_id, v.channel
            """, new { TenantIds = keys.Select(k => k.TenantId).ToArray(), Channels = keys.Select(k => k.Channel).ToArray() },
            context.Transaction, cancellationToken: cancellationToken)))
            .ToDictionary(r => (r.TenantId, r.Channel), r => r.Version);
        for (var i = 0; i < rows.Count; i++)
        {
            var key = (rows[i].TenantId, rows[i].Channel.WireName());
            var number = rows[i].Legacy ? latest.GetValueOrDefault(key) + 1 : rows[i].Version;
            latest[key] = number;
            rows[i] = rows[i] with { Version = number };
        }
    }

    private sealed record Row(
        string TenantId, AssistantChannel Channel, int Version, string Text, string? Note, int? RestoredFrom, string? AuthorId, string? AuthorName,
        DateTimeOffset CreatedAt, bool Legacy);
}
