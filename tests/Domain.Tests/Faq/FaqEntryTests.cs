using ProSaaS.Domain.Common;
using ProSaaS.Domain.Faq;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Domain.Tests.Faq;

public sealed class FaqEntryTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 3, 9, 0, 0, TimeSpan.Zero);

    private static FaqEntry Create(
        string? question = " יש חניה ליד המשרד? ",
        IReadOnlyList<string?>? keywords = null,
        IReadOnlyList<string?>? phrasings = null,
        IReadOnlyList<AssistantChannel>? channels = null) =>
        FaqEntry.Create(Guid.NewGuid(), question, " יש חניון מול הבניין. ", keywords ?? [" חניה ", "", "החניה", "לחנות"], phrasings ?? ["איפה חונים?", null],
            channels ?? [AssistantChannel.Whatsapp, AssistantChannel.InboundCall, AssistantChannel.Whatsapp], active: true, "user-1", At);

    [Fact]
    public void Creation_records_the_entry_trimmed_without_blanks_or_repeats_and_channels_in_their_order()
    {
        var entry = Create();

        var created = entry.UncommittedEvents.Should().ContainSingle().Which.Should().BeOfType<FaqEntryCreated>().Subject;
        created.Question.Should().Be("יש חניה ליד המשרד?");
        created.Answer.Should().Be("יש חניון מול הבניין.");
        created.Keywords.Should().Equal("חניה", "החניה", "לחנות");
        created.Phrasings.Should().Equal("איפה חונים?");
        created.Channels.Should().Equal(AssistantChannel.InboundCall, AssistantChannel.Whatsapp);
        created.IsActive.Should().BeTrue();
        created.CreatedBy.Should().Be("user-1");
        entry.ToCandidate().Should().BeEquivalentTo(new FaqCandidate(entry.Id, "יש חניה ליד המשרד?", "יש חניון מול הבניין.",
            ["חניה", "החניה", "לחנות"], ["איפה חונים?"], [AssistantChannel.InboundCall, AssistantChannel.Whatsapp]));
    }

    public static TheoryData<string, Func<FaqEntry>, string> Refusals => new()
    {
        { "no question", () => Create(question: "  "), "faq.question_required" },
        { "a long question", () => Create(question: new string('א', FaqRules.MaxQuestionLength + 1)), "faq.question_too_long" },
        { "a question of stop words", () => Create(question: "מה יש?"), "faq.question_without_words" },
        { "a stop-word keyword", () => Create(keywords: ["אפשר"]), "faq.keyword_invalid" },
        { "a long keyword", () => Create(keywords: [new string('א', FaqRules.MaxKeywordLength + 1)]), "faq.keyword_invalid" },
        { "too many keywords", () => Create(keywords: Enumerable.Range(0, FaqRules.MaxKeywords + 1).Select(i => $"מילה{i}").ToList()), "faq.too_many_keywords" },
        { "too many phrasings", () => Create(phrasings: Enumerable.Range(0, FaqRules.MaxPhrasings + 1).Select(i => $"ניסוח {i}").ToList()), "faq.too_many_phrasings" },
        { "a phrasing of stop words", () => Create(phrasings: ["מה?"]), "faq.phrasing_invalid" },
        { "no channel", () => Create(channels: []), "faq.channels_required" },
        { "an unknown channel", () => Create(channels: [(AssistantChannel)9]), "faq.channel_unknown" },
        { "no answer", () => FaqEntry.Create(Guid.NewGuid(), "חניה", " ", [], [], [AssistantChannel.InboundCall], true, null, At), "faq.answer_required" },
        { "a long answer", () => FaqEntry.Create(Guid.NewGuid(), "חניה", new string('א', FaqRules.MaxAnswerLength + 1), [], [], [AssistantChannel.InboundCall], true, null, At), "faq.answer_too_long" },
        { "no id", () => FaqEntry.Create(Guid.Empty, "חניה", "כן", [], [], [AssistantChannel.InboundCall], true, null, At), "faq.id_required" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Invalid_entries_are_refused_with_a_hebrew_message(string name, Func<FaqEntry> create, string code)
    {
        var refusal = FluentActions.Invoking(create).Should().Throw<DomainException>().Which;

        refusal.Code.Should().Be(code, name);
        refusal.Message.Should().MatchRegex("[א-ת]");
    }

    [Fact]
    public void A_change_records_the_whole_entry_and_the_same_entry_changes_nothing()
    {
        var entry = Create();
        entry.MarkCommitted();

        entry.Change("יש חניה ליד המשרד?", "יש חניון מול הבניין.", ["חניה", "החניה", "לחנות"], ["איפה חונים?"],
            [AssistantChannel.InboundCall, AssistantChannel.Whatsapp], true, "user-2", At);
        entry.UncommittedEvents.Should().BeEmpty();

        entry.Change("יש חניה?", "כן, מול הבניין.", ["חניה"], [], [AssistantChannel.OutboundCall], false, "user-2", At.AddHours(1));

        var changed = entry.UncommittedEvents.Should().ContainSingle().Which.Should().BeOfType<FaqEntryChanged>().Subject;
        changed.Should().BeEquivalentTo(new FaqEntryChanged(entry.Id, "יש חניה?", "כן, מול הבניין.", ["חניה"], [], [AssistantChannel.OutboundCall],
            false, "user-2", At.AddHours(1)));
        entry.IsActive.Should().BeFalse();
        entry.ToCandidate().Active.Should().BeFalse();
    }

    [Fact]
    public void A_deleted_entry_can_be_neither_changed_nor_deleted_again()
    {
        var entry = Create();
        entry.Delete("user-1", At);

        entry.IsDeleted.Should().BeTrue();
        entry.ToCandidate().Active.Should().BeFalse();
        FluentActions.Invoking(() => entry.Delete("user-1", At)).Should().Throw<DomainException>().Which.Code.Should().Be("faq.deleted");
        FluentActions.Invoking(() => entry.Change("חניה", "כן", [], [], [AssistantChannel.InboundCall], true, null, At))
            .Should().Throw<DomainException>().Which.Code.Should().Be("faq.deleted");
    }

    [Fact]
    public void Replaying_the_stream_rebuilds_the_same_entry()
    {
        var original = Create();
        original.Change("יש חניה?", "כן.", ["חניה"], [], [AssistantChannel.InboundCall], false, null, At);
        var replayed = (FaqEntry)Activator.CreateInstance(typeof(FaqEntry), nonPublic: true)!;
        var version = 0;
        foreach (var @event in original.UncommittedEvents)
        {
            replayed.ReplayEvent(@event, ++version);
        }

        replayed.Should().BeEquivalentTo(original, o => o.Excluding(e => e.UncommittedEvents).Excluding(e => e.PersistedVersion));
    }
}
