using ProSaaS.Domain.Common;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Domain.Faq;

/// <summary>
/// A question the business answers the same way every time, on the <see cref="Channels"/> it names: the assistant may give
/// <see cref="Answer"/> at once when a caller's question matches the question, a phrasing or a keyword.
/// </summary>
[EventType("faq_entry_created")]
public sealed record FaqEntryCreated(
    Guid FaqEntryId,
    string Question,
    string Answer,
    IReadOnlyList<string> Keywords,
    IReadOnlyList<string> Phrasings,
    IReadOnlyList<AssistantChannel> Channels,
    bool IsActive,
    string? CreatedBy,
    DateTimeOffset CreatedAt) : IDomainEvent;

/// <summary>The entry as it is now: every field, changed or not.</summary>
[EventType("faq_entry_changed")]
public sealed record FaqEntryChanged(
    Guid FaqEntryId,
    string Question,
    string Answer,
    IReadOnlyList<string> Keywords,
    IReadOnlyList<string> Phrasings,
    IReadOnlyList<AssistantChannel> Channels,
    bool IsActive,
    string? ChangedBy,
    DateTimeOffset ChangedAt) : IDomainEvent;

/// <summary>The entry was removed from the business's FAQ; its stream stays for the record.</summary>
[EventType("faq_entry_deleted")]
public sealed record FaqEntryDeleted(Guid FaqEntryId, string? DeletedBy, DateTimeOffset DeletedAt) : IDomainEvent;
