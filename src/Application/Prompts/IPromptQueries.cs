using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Prompts;

/// <summary>Reads of the <c>tenant_prompt_versions</c> read model (versions 1 and up). Every method is scoped to one business.</summary>
public interface IPromptQueries
{
    /// <summary>The latest stored version of each channel that has one.</summary>
    Task<IReadOnlyList<PromptVersionView>> LatestAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>The latest stored version of the channel; null while it has none (version 0, the default, is current).</summary>
    Task<PromptVersionView?> LatestAsync(string tenantId, AssistantChannel channel, CancellationToken cancellationToken);

    /// <summary>One stored version (1 and up); null when there is none.</summary>
    Task<PromptVersionView?> GetAsync(string tenantId, AssistantChannel channel, int version, CancellationToken cancellationToken);

    /// <summary>Stored versions newest first, below <paramref name="beforeVersion"/> when given, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<PromptVersionView>> HistoryAsync(
        string tenantId, AssistantChannel channel, int? beforeVersion, int limit, CancellationToken cancellationToken);
}

/// <summary>One version of a channel's prompt. Version 0 is the product's default text, with no author and no time.</summary>
/// <param name="Note">What the author said about the change; version 0 says "ברירת מחדל".</param>
/// <param name="RestoredFrom">The version whose text a rollback brought back.</param>
/// <param name="AuthorId">The user or API key that saved it.</param>
/// <param name="AuthorName">The name shown for the author when it was saved (for changes made before versions existed: the e-mail they were made with).</param>
public sealed record PromptVersionView(
    AssistantChannel Channel,
    int Version,
    string Text,
    string? Note,
    int? RestoredFrom,
    string? AuthorId,
    string? AuthorName,
    DateTimeOffset? CreatedAt)
{
    /// <summary>Version 0 of a channel: its default text.</summary>
    public static PromptVersionView Default(AssistantChannel channel) =>
        new(channel, 0, TenantPrompts.DefaultText(channel), TenantPrompts.DefaultNote, null, null, null, null);
}

/// <summary>A channel and its current prompt.</summary>
public sealed record PromptChannelView(AssistantChannel Channel, PromptVersionView Current);

/// <summary>A channel's current prompt and a page of its versions, newest first (version 0 last); <see cref="Next"/> continues.</summary>
public sealed record PromptHistoryPage(AssistantChannel Channel, PromptVersionView Current, IReadOnlyList<PromptVersionView> Items, string? Next);

/// <summary>What a save or rollback left current, and whether it recorded a new version.</summary>
public sealed record PromptSaveResult(PromptVersionView Current, bool Saved);

/// <summary>The line diff of two versions of a channel's prompt.</summary>
/// <param name="Added">How many lines <see cref="To"/> has that <see cref="From"/> has not.</param>
/// <param name="Removed">How many lines of <see cref="From"/> are gone in <see cref="To"/>.</param>
public sealed record PromptDiffView(AssistantChannel Channel, int From, int To, int Added, int Removed, IReadOnlyList<DiffLine> Lines);
