using ProSaaS.Domain.Common;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Domain.Faq;

/// <summary>
/// One entry of a business's FAQ: a question, its answer, other phrasings and keywords that point at it, the channels it
/// answers on, and whether it is in use. Matched by <see cref="FaqMatcher"/>. Deleting ends the stream's use; the events stay.
/// </summary>
[StreamType("faq_entry")]
public sealed class FaqEntry : AggregateRoot
{
    private FaqEntry()
    {
    }

    public string Question { get; private set; } = "";
    public string Answer { get; private set; } = "";
    public IReadOnlyList<string> Keywords { get; private set; } = [];
    public IReadOnlyList<string> Phrasings { get; private set; } = [];
    public IReadOnlyList<AssistantChannel> Channels { get; private set; } = [];
    public bool IsActive { get; private set; }
    public bool IsDeleted { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static FaqEntry Create(
        Guid id,
        string? question,
        string? answer,
        IReadOnlyList<string?>? keywords,
        IReadOnlyList<string?>? phrasings,
        IReadOnlyList<AssistantChannel>? channels,
        bool active,
        string? createdBy,
        DateTimeOffset now)
    {
        if (id == Guid.Empty)
        {
            throw new DomainException("faq.id_required", "לשאלה חסר מזהה.");
        }

        var content = FaqRules.Clean(question, answer, keywords, phrasings, channels);
        var entry = new FaqEntry();
        entry.Raise(new FaqEntryCreated(
            id, content.Question, content.Answer, content.Keywords, content.Phrasings, content.Channels, active, createdBy, Instants.Normalise(now)));
        return entry;
    }

    /// <summary>Replaces every field; nothing is recorded when nothing changes.</summary>
    public void Change(
        string? question,
        string? answer,
        IReadOnlyList<string?>? keywords,
        IReadOnlyList<string?>? phrasings,
        IReadOnlyList<AssistantChannel>? channels,
        bool active,
        string? changedBy,
        DateTimeOffset now)
    {
        EnsureNotDeleted();
        var content = FaqRules.Clean(question, answer, keywords, phrasings, channels);
        if (content.Question == Question && content.Answer == Answer && content.Keywords.SequenceEqual(Keywords)
            && content.Phrasings.SequenceEqual(Phrasings) && content.Channels.SequenceEqual(Channels) && active == IsActive)
        {
            return;
        }

        Raise(new FaqEntryChanged(
            Id, content.Question, content.Answer, content.Keywords, content.Phrasings, content.Channels, active, changedBy, Instants.Normalise(now)));
    }

    public void Delete(string? deletedBy, DateTimeOffset now)
    {
        EnsureNotDeleted();
        Raise(new FaqEntryDeleted(Id, deletedBy, Instants.Normalise(now)));
    }

    /// <summary>The entry for the matcher.</summary>
    public FaqCandidate ToCandidate() => new(Id, Question, Answer, Keywords, Phrasings, Channels, IsActive && !IsDeleted);

    protected override void Apply(IDomainEvent @event)
    {
        switch (@event)
        {
            case FaqEntryCreated e:
                Id = e.FaqEntryId;
                (Question, Answer, Keywords, Phrasings, Channels, IsActive) = (e.Question, e.Answer, e.Keywords, e.Phrasings, e.Channels, e.IsActive);
                CreatedAt = e.CreatedAt;
                break;
            case FaqEntryChanged e:
                (Question, Answer, Keywords, Phrasings, Channels, IsActive) = (e.Question, e.Answer, e.Keywords, e.Phrasings, e.Channels, e.IsActive);
                break;
            case FaqEntryDeleted:
                IsDeleted = true;
                break;
            default:
                throw new InvalidOperationException($"FaqEntry cannot apply {@event.GetType().Name}.");
        }
    }

    private void EnsureNotDeleted()
    {
        if (IsDeleted)
        {
            throw new DomainException("faq.deleted", "השאלה נמחקה.");
        }
    }
}

/// <summary>
/// What a valid FAQ entry is. The limits keep a call's FAQ small enough to travel with its configuration and to match in
/// well under a millisecond. Shared with the request validators, which list every problem at once.
/// </summary>
public static class FaqRules
{
    public const int MaxQuestionLength = 300;
    public const int MaxAnswerLength = 1000;
    public const int MaxKeywords = 20;
    public const int MaxKeywordLength = 60;
    public const int MaxPhrasings = 10;

    /// <summary>The most entries a business may have.</summary>
    public const int MaxEntriesPerBusiness = 200;

    public const string QuestionRequiredMessage = "יש להזין את השאלה.";
    public const string AnswerRequiredMessage = "יש להזין את התשובה.";
    public const string ChannelsRequiredMessage = "יש לבחור לפחות ערוץ אחד שבו השאלה נענית.";
    public const string QuestionWithoutWordsMessage = "השאלה חייבת להכיל לפחות מילה אחת בעלת משמעות (לא רק מילים כמו \"מה\", \"יש\", \"אפשר\").";
    public static readonly string QuestionTooLongMessage = $"השאלה ארוכה מדי (עד {MaxQuestionLength} תווים).";
    public static readonly string AnswerTooLongMessage = $"התשובה ארוכה מדי (עד {MaxAnswerLength} תווים).";
    public static readonly string TooManyKeywordsMessage = $"אפשר להגדיר עד {MaxKeywords} מילות מפתח.";
    public static readonly string TooManyPhrasingsMessage = $"אפשר להגדיר עד {MaxPhrasings} ניסוחים נוספים.";
    public static readonly string ChannelUnknownMessage = $"ערוץ לא מוכר. אפשר לבחור: {AssistantChannels.Names}.";

    public static string KeywordInvalidMessage(string? keyword) =>
        $"מילת המפתח \"{keyword?.Trim()}\" אינה תקינה: 1–{MaxKeywordLength} תווים, עם לפחות מילה אחת בעלת משמעות.";

    public static string PhrasingInvalidMessage(string? phrasing) =>
        $"הניסוח \"{Shorten(phrasing)}\" אינו תקין: עד {MaxQuestionLength} תווים, עם לפחות מילה אחת בעלת משמעות.";

    public static string EntryLimitMessage => $"לעסק יש כבר {MaxEntriesPerBusiness} שאלות נפוצות, המספר המרבי. מחקו שאלה שאינה בשימוש כדי להוסיף חדשה.";

    /// <summary>Text with at least one word that is not a stop word.</summary>
    public static bool HasWords(string? text) => FaqText.Words(text).Count > 0;

    public static bool IsValidQuestion(string? question) =>
        question?.Trim() is { Length: > 0 and <= MaxQuestionLength } && HasWords(question);

    public static bool IsValidKeyword(string? keyword) =>
        keyword?.Trim() is { Length: > 0 and <= MaxKeywordLength } && HasWords(keyword);

    public static bool IsValidPhrasing(string? phrasing) =>
        phrasing?.Trim() is { Length: > 0 and <= MaxQuestionLength } && HasWords(phrasing);

    /// <summary>The entry's fields trimmed, lists without blanks or repeats (same normalised words), channels in their order.</summary>
    public static (string Question, string Answer, IReadOnlyList<string> Keywords, IReadOnlyList<string> Phrasings, IReadOnlyList<AssistantChannel> Channels)
        Clean(string? question, string? answer, IReadOnlyList<string?>? keywords, IReadOnlyList<string?>? phrasings, IReadOnlyList<AssistantChannel>? channels)
    {
        var cleanQuestion = question?.Trim();
        if (string.IsNullOrEmpty(cleanQuestion))
        {
            throw new DomainException("faq.question_required", QuestionRequiredMessage);
        }

        if (cleanQuestion.Length > MaxQuestionLength)
        {
            throw new DomainException("faq.question_too_long", QuestionTooLongMessage);
        }

        if (!HasWords(cleanQuestion))
        {
            throw new DomainException("faq.question_without_words", QuestionWithoutWordsMessage);
        }

        var cleanAnswer = answer?.Trim();
        if (string.IsNullOrEmpty(cleanAnswer))
        {
            throw new DomainException("faq.answer_required", AnswerRequiredMessage);
        }

        if (cleanAnswer.Length > MaxAnswerLength)
        {
            throw new DomainException("faq.answer_too_long", AnswerTooLongMessage);
        }

        var cleanKeywords = Distinct(keywords);
        if (cleanKeywords.Count > MaxKeywords)
        {
            throw new DomainException("faq.too_many_keywords", TooManyKeywordsMessage);
        }

        if (cleanKeywords.FirstOrDefault(k => !IsValidKeyword(k)) is { } badKeyword)
        {
            throw new DomainException("faq.keyword_invalid", KeywordInvalidMessage(badKeyword));
        }

        var cleanPhrasings = Distinct(phrasings);
        if (cleanPhrasings.Count > MaxPhrasings)
        {
            throw new DomainException("faq.too_many_phrasings", TooManyPhrasingsMessage);
        }

        if (cleanPhrasings.FirstOrDefault(p => !IsValidPhrasing(p)) is { } badPhrasing)
        {
            throw new DomainException("faq.phrasing_invalid", PhrasingInvalidMessage(badPhrasing));
        }

        if (channels is null || channels.Count == 0)
        {
            throw new DomainException("faq.channels_required", ChannelsRequiredMessage);
        }

        if (!channels.All(AssistantChannels.IsDefined))
        {
            throw new DomainException("faq.channel_unknown", ChannelUnknownMessage);
        }

        var cleanChannels = AssistantChannels.All.Where(channels.Contains).ToList();
        return (cleanQuestion, cleanAnswer, cleanKeywords, cleanPhrasings, cleanChannels);
    }

    /// <summary>Trimmed, blanks dropped, and a text whose normalised form came before dropped.</summary>
    private static List<string> Distinct(IReadOnlyList<string?>? texts)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var text in texts ?? [])
        {
            var trimmed = text?.Trim();
            if (!string.IsNullOrEmpty(trimmed) && seen.Add(FaqText.Normalise(trimmed) is { Length: > 0 } normal ? normal : trimmed))
            {
                result.Add(trimmed);
            }
        }

        return result;
    }

    private static string Shorten(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        return trimmed.Length <= 40 ? trimmed : trimmed[..40] + "…";
    }
}
