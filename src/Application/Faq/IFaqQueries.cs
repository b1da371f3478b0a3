using ProSaaS.Application.Common.Paging;
using ProSaaS.Domain.Faq;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Faq;

/// <summary>Reads of the <c>faq_entries</c> read model. Every method is scoped to one business.</summary>
public interface IFaqQueries
{
    /// <summary>The entry, active or not; null when the business has none with this id (or it was deleted).</summary>
    Task<FaqEntryView?> GetAsync(string tenantId, Guid entryId, CancellationToken cancellationToken);

    /// <summary>Newest first; only entries on <paramref name="channel"/> when given, inactive ones only when asked.</summary>
    Task<IReadOnlyList<FaqEntryView>> ListAsync(
        string tenantId, AssistantChannel? channel, bool includeInactive, NewestCursor? after, int limit, CancellationToken cancellationToken);

    /// <summary>Every active entry on <paramref name="channel"/>, oldest first (at most <see cref="FaqRules.MaxEntriesPerBusiness"/>).</summary>
    Task<IReadOnlyList<FaqEntryView>> ActiveAsync(string tenantId, AssistantChannel channel, CancellationToken cancellationToken);

    Task<int> CountAsync(string tenantId, CancellationToken cancellationToken);
}

/// <param name="Keywords">Words or short phrases that, all present in a question, point at this entry.</param>
/// <param name="Phrasings">Other ways of asking the question.</param>
/// <param name="Channels">Where the entry answers.</param>
/// <param name="Active">Whether the entry answers at all.</param>
/// <param name="Version">The stream's version: the <c>expectedVersion</c> of a change.</param>
public sealed record FaqEntryView(
    Guid Id,
    string Question,
    string Answer,
    IReadOnlyList<string> Keywords,
    IReadOnlyList<string> Phrasings,
    IReadOnlyList<AssistantChannel> Channels,
    bool Active,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version)
{
    public FaqCandidate ToCandidate() => new(Id, Question, Answer, Keywords, Phrasings, Channels, Active);
}

/// <summary><see cref="Next"/> is the cursor of the following page, or null on the last page.</summary>
public sealed record FaqEntryPage(IReadOnlyList<FaqEntryView> Items, string? Next);
