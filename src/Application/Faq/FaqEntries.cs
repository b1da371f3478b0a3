using FluentValidation;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Faq;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Faq;

/// <summary>Loading, channels and field rules shared by the FAQ use cases.</summary>
internal static class FaqEntries
{
    public const string Resource = "faq_entry";
    public const string LimitReachedCode = "faq.limit_reached";

    public static readonly string ChannelMessage = $"הערוץ אינו מוכר. אפשר לבחור: {AssistantChannels.Names}.";

    /// <summary>The channels named on the wire; null stays null (the caller decides what omitted means).</summary>
    public static IReadOnlyList<AssistantChannel>? Channels(IReadOnlyList<string?>? names) =>
        names?.Select(name => AssistantChannels.TryParse(name, out var channel) ? channel : throw Invalid("channels", ChannelMessage)).ToList();

    /// <summary>
    /// The entry as its stream tells, for a change: 404 when the business has no such entry (another business's or a deleted
    /// one), 409 when <paramref name="expectedVersion"/> is given and the entry has moved on.
    /// </summary>
    public static async Task<FaqEntry> LoadForChangeAsync(
        IFaqQueries queries, IEventStore eventStore, string tenantId, Guid entryId, long? expectedVersion, CancellationToken cancellationToken)
    {
        // The read model first: it has no row for another business's entry or a deleted one.
        _ = await queries.GetAsync(tenantId, entryId, cancellationToken) ?? throw new NotFoundException(Resource, entryId);
        var entry = await eventStore.AggregateStreamAsync<FaqEntry>(entryId, cancellationToken: cancellationToken);
        if (entry is null || entry.IsDeleted)
        {
            throw new NotFoundException(Resource, entryId);
        }

        if (expectedVersion is { } expected && expected != entry.Version)
        {
            throw new ConcurrencyException(entryId, expected, entry.Version);
        }

        return entry;
    }

    public static async Task<FaqEntryView> RequireViewAsync(IFaqQueries queries, string tenantId, Guid entryId, CancellationToken cancellationToken) =>
        await queries.GetAsync(tenantId, entryId, cancellationToken) ?? throw new NotFoundException(Resource, entryId);

    /// <summary>The rules of an entry's fields, so that every problem is listed at once.</summary>
    public static void Fields<T>(
        AbstractValidator<T> validator,
        System.Linq.Expressions.Expression<Func<T, string?>> question,
        System.Linq.Expressions.Expression<Func<T, string?>> answer,
        System.Linq.Expressions.Expression<Func<T, IReadOnlyList<string?>?>> keywords,
        System.Linq.Expressions.Expression<Func<T, IReadOnlyList<string?>?>> phrasings,
        System.Linq.Expressions.Expression<Func<T, IReadOnlyList<string?>?>> channels)
    {
        validator.RuleFor(question)
            .Must(q => !string.IsNullOrWhiteSpace(q)).WithMessage(FaqRules.QuestionRequiredMessage)
            .Must(q => q is null || q.Trim().Length <= FaqRules.MaxQuestionLength).WithMessage(FaqRules.QuestionTooLongMessage)
            .Must(q => string.IsNullOrWhiteSpace(q) || FaqRules.HasWords(q)).WithMessage(FaqRules.QuestionWithoutWordsMessage);
        validator.RuleFor(answer)
            .Must(a => !string.IsNullOrWhiteSpace(a)).WithMessage(FaqRules.AnswerRequiredMessage)
            .Must(a => a is null || a.Trim().Length <= FaqRules.MaxAnswerLength).WithMessage(FaqRules.AnswerTooLongMessage);
        validator.RuleFor(keywords)
            .Must(k => k is null || k.Count(x => !string.IsNullOrWhiteSpace(x)) <= FaqRules.MaxKeywords).WithMessage(FaqRules.TooManyKeywordsMessage)
            .Custom((list, context) =>
            {
                foreach (var keyword in list ?? [])
                {
                    if (!string.IsNullOrWhiteSpace(keyword) && !FaqRules.IsValidKeyword(keyword))
                    {
                        context.AddFailure(FaqRules.KeywordInvalidMessage(keyword));
                    }
                }
            });
        validator.RuleFor(phrasings)
            .Must(p => p is null || p.Count(x => !string.IsNullOrWhiteSpace(x)) <= FaqRules.MaxPhrasings).WithMessage(FaqRules.TooManyPhrasingsMessage)
            .Custom((list, context) =>
            {
                foreach (var phrasing in list ?? [])
                {
                    if (!string.IsNullOrWhiteSpace(phrasing) && !FaqRules.IsValidPhrasing(phrasing))
                    {
                        context.AddFailure(FaqRules.PhrasingInvalidMessage(phrasing));
                    }
                }
            });
        validator.RuleFor(channels)
            .Must(c => c is null || c.Count > 0).WithMessage(FaqRules.ChannelsRequiredMessage)
            .Must(c => c is null || c.All(name => AssistantChannels.TryParse(name, out _))).WithMessage(ChannelMessage);
    }

    private static ValidationFailedException Invalid(string field, string message) =>
        new(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] });
}

/// <summary>Messages of the FAQ list and match requests.</summary>
public static class FaqRequestRules
{
    public const int MaxMatchTextLength = 1000;
    public const string LimitMessage = "limit חייב להיות בין 1 ל-100.";
    public const string CursorMessage = "הסמן (next) אינו תקין; השתמשו בערך שהוחזר בעמוד הקודם.";
    public static readonly string MatchTextMessage = $"יש להזין שאלה לבדיקה (עד {MaxMatchTextLength} תווים).";
}
