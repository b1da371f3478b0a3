using ProSaaS.Domain.Calls;
using ProSaaS.Domain.Calls.Conversation;

namespace ProSaaS.Domain.Tests.Calls.Conversation;

public sealed class HangupPolicyTests
{
    private const int Booleans = 9;

    /// <summary>Every combination of the nine boolean facts, each with a conversation just short of meaningful and just long enough.</summary>
    public static TheoryData<int, int> EveryCombination()
    {
        var data = new TheoryData<int, int>();
        for (var bits = 0; bits < 1 << Booleans; bits++)
        {
            data.Add(bits, HangupPolicy.MeaningfulTurns - 1);
            data.Add(bits, HangupPolicy.MeaningfulTurns);
        }

        return data;
    }

    private static HangupFacts FactsOf(int bits, int turns) => new()
    {
        AutoEndOnLeadCaptured = (bits & 1) != 0,
        AutoEndOnGoodbye = (bits & 2) != 0,
        CallerHasSpoken = (bits & 4) != 0,
        CallerSaidGoodbye = (bits & 8) != 0,
        AssistantRespondedToGoodbye = (bits & 16) != 0,
        GoodbyeUnanswered = (bits & 32) != 0,
        AssistantSaidGoodbye = (bits & 64) != 0,
        LeadCaptured = (bits & 128) != 0,
        DetailsConfirmed = (bits & 256) != 0,
        ConversationTurns = turns,
    };

    /// <summary>
    /// The seeds' four cases, written out as a truth table row by row from their wording (not from the implementation):
    /// the first case that holds is the one expected.
    /// </summary>
    private static (HangupCase? Case, HangupTiming Timing) Expected(HangupFacts f)
    {
        // (1) user_goodbye: the user said bye and the AI responded (or did not, within the grace time: a farewell is said for it).
        var userGoodbye = f is { AutoEndOnGoodbye: true, CallerSaidGoodbye: true }
                          && (f.AssistantRespondedToGoodbye || f.GoodbyeUnanswered);
        if (userGoodbye)
        {
            return (HangupCase.UserGoodbye, f.AssistantRespondedToGoodbye ? HangupTiming.AfterCurrentSpeech : HangupTiming.AfterFarewell);
        }

        // (2) lead_captured_confirmed: lead captured + confirmed + auto end on lead captured.
        if (f is { LeadCaptured: true, DetailsConfirmed: true, AutoEndOnLeadCaptured: true })
        {
            return (HangupCase.LeadCapturedConfirmed, f.AssistantSaidGoodbye ? HangupTiming.AfterCurrentSpeech : HangupTiming.AfterFarewell);
        }

        // (3) user_verified: the user confirmed the details, and the AI closed with its goodbye.
        if (f is { DetailsConfirmed: true, AssistantSaidGoodbye: true })
        {
            return (HangupCase.UserVerified, HangupTiming.AfterCurrentSpeech);
        }

        // (4) ai_goodbye_auto_end: AI goodbye + auto end on goodbye + (user spoke and verified, or lead captured, or 4+ turns).
        var meaningful = (f.CallerHasSpoken && f.DetailsConfirmed) || f.LeadCaptured || f.ConversationTurns >= 4;
        if (f is { AssistantSaidGoodbye: true, AutoEndOnGoodbye: true } && meaningful)
        {
            return (HangupCase.AssistantGoodbye, HangupTiming.AfterCurrentSpeech);
        }

        return (null, HangupTiming.AfterCurrentSpeech);
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void Every_combination_of_facts_gets_the_seeds_answer(int bits, int turns)
    {
        var facts = FactsOf(bits, turns);
        var (expectedCase, expectedTiming) = Expected(facts);

        var decision = HangupPolicy.Decide(facts);

        decision.Case.Should().Be(expectedCase, "for {0}", facts);
        decision.HangUp.Should().Be(expectedCase is not null);
        if (decision.HangUp)
        {
            decision.Timing.Should().Be(expectedTiming, "for {0}", facts);
        }
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void Invariants_hold_for_every_combination(int bits, int turns)
    {
        var facts = FactsOf(bits, turns);
        var decision = HangupPolicy.Decide(facts);

        // Never mid-sentence: a hang-up waits for the assistant's speech, and says a farewell when the assistant has not closed.
        if (decision.HangUp)
        {
            Enum.IsDefined(decision.Timing).Should().BeTrue();
            var assistantClosedAlready = decision.Case == HangupCase.UserGoodbye ? facts.AssistantRespondedToGoodbye : facts.AssistantSaidGoodbye;
            (decision.Timing == HangupTiming.AfterFarewell).Should().Be(!assistantClosedAlready);
        }

        // A caller's goodbye that nobody answered yet (and that has not waited out the grace time) never ends the call by itself.
        if (facts is { CallerSaidGoodbye: true, AssistantRespondedToGoodbye: false, GoodbyeUnanswered: false })
        {
            decision.Case.Should().NotBe(HangupCase.UserGoodbye);
        }

        // With both auto hang-up settings off, only the verified-and-closed conversation ends.
        if (facts is { AutoEndOnGoodbye: false, AutoEndOnLeadCaptured: false })
        {
            (decision.Case is null or HangupCase.UserVerified).Should().BeTrue("for {0}", facts);
        }

        // Nothing ends a call in which the caller confirmed nothing, said no goodbye, and no lead was captured, unless the
        // assistant said goodbye after a conversation of its own length.
        if (facts is { DetailsConfirmed: false, CallerSaidGoodbye: false, LeadCaptured: false } && facts.ConversationTurns < HangupPolicy.MeaningfulTurns)
        {
            decision.HangUp.Should().BeFalse();
        }

        // Reasons are the Api's: only the caller's goodbye is user_goodbye.
        decision.Reason.Should().Be(decision.Case switch
        {
            null => (CallEndReason?)null,
            HangupCase.UserGoodbye => CallEndReason.UserGoodbye,
            _ => CallEndReason.AssistantEnded,
        });
    }

    [Fact]
    public void Case_1_user_goodbye_the_caller_said_bye_and_the_assistant_answered()
    {
        var facts = new HangupFacts
        {
            AutoEndOnGoodbye = true,
            CallerHasSpoken = true,
            CallerSaidGoodbye = true,
            AssistantRespondedToGoodbye = true,
            ConversationTurns = 3,
        };

        var decision = HangupPolicy.Decide(facts);

        decision.Case.Should().Be(HangupCase.UserGoodbye);
        decision.Reason.Should().Be(CallEndReason.UserGoodbye);
        decision.Timing.Should().Be(HangupTiming.AfterCurrentSpeech);
        HangupPolicy.Decide(facts with { AssistantRespondedToGoodbye = false }).HangUp.Should().BeFalse("the assistant answers the goodbye first");
        HangupPolicy.Decide(facts with { AutoEndOnGoodbye = false }).HangUp.Should().BeFalse("the business keeps the line open on goodbyes");
        HangupPolicy.Decide(facts with { AssistantRespondedToGoodbye = false, GoodbyeUnanswered = true })
            .Should().Match<HangupDecision>(d => d.Case == HangupCase.UserGoodbye && d.Timing == HangupTiming.AfterFarewell);
    }

    [Fact]
    public void Case_2_lead_captured_and_confirmed_with_auto_end_on_lead_captured()
    {
        var facts = new HangupFacts
        {
            AutoEndOnLeadCaptured = true,
            CallerHasSpoken = true,
            LeadCaptured = true,
            DetailsConfirmed = true,
            ConversationTurns = 6,
        };

        var decision = HangupPolicy.Decide(facts);

        decision.Case.Should().Be(HangupCase.LeadCapturedConfirmed);
        decision.Reason.Should().Be(CallEndReason.AssistantEnded);
        decision.Timing.Should().Be(HangupTiming.AfterFarewell, "the assistant has not said goodbye yet");
        HangupPolicy.Decide(facts with { AssistantSaidGoodbye = true }).Timing.Should().Be(HangupTiming.AfterCurrentSpeech);
        HangupPolicy.Decide(facts with { DetailsConfirmed = false }).HangUp.Should().BeFalse("the details are confirmed before the call ends");
        HangupPolicy.Decide(facts with { AutoEndOnLeadCaptured = false }).HangUp.Should().BeFalse();
    }

    [Fact]
    public void Case_3_user_verified_the_caller_confirmed_the_details_and_the_assistant_closed()
    {
        var facts = new HangupFacts { CallerHasSpoken = true, DetailsConfirmed = true, AssistantSaidGoodbye = true, ConversationTurns = 5 };

        var decision = HangupPolicy.Decide(facts);

        decision.Case.Should().Be(HangupCase.UserVerified);
        decision.Reason.Should().Be(CallEndReason.AssistantEnded);
        decision.Timing.Should().Be(HangupTiming.AfterCurrentSpeech);
        HangupPolicy.Decide(facts with { AssistantSaidGoodbye = false }).HangUp.Should().BeFalse("the assistant has more to say");
    }

    [Fact]
    public void Case_4_the_assistants_goodbye_ends_the_call_only_after_a_meaningful_interaction()
    {
        var early = new HangupFacts { AutoEndOnGoodbye = true, AssistantSaidGoodbye = true, CallerHasSpoken = true, ConversationTurns = 2 };

        HangupPolicy.Decide(early).HangUp.Should().BeFalse("a premature goodbye of the model must not hang up on the caller");
        HangupPolicy.Decide(early with { ConversationTurns = 4 }).Case.Should().Be(HangupCase.AssistantGoodbye);
        HangupPolicy.Decide(early with { LeadCaptured = true }).Case.Should().Be(HangupCase.AssistantGoodbye);
        HangupPolicy.Decide(early with { AutoEndOnGoodbye = false, ConversationTurns = 10 }).HangUp.Should().BeFalse();
        HangupPolicy.Decide(early with { ConversationTurns = 10 }).Timing.Should().Be(HangupTiming.AfterCurrentSpeech);
    }

    [Theory]
    [InlineData(false, false, false, 0, false)]
    [InlineData(false, false, false, 3, false)]
    [InlineData(false, false, false, 4, true)]
    [InlineData(false, false, false, 40, true)]
    [InlineData(true, false, false, 3, false)]
    [InlineData(false, true, false, 0, false)]
    [InlineData(true, true, false, 0, true)]
    [InlineData(false, false, true, 0, true)]
    [InlineData(true, false, true, 1, true)]
    public void A_meaningful_interaction_is_spoken_and_verified_or_a_captured_lead_or_four_turns(
        bool callerHasSpoken, bool detailsConfirmed, bool leadCaptured, int turns, bool expected)
    {
        var facts = new HangupFacts
        {
            CallerHasSpoken = callerHasSpoken,
            DetailsConfirmed = detailsConfirmed,
            LeadCaptured = leadCaptured,
            ConversationTurns = turns,
        };

        HangupPolicy.IsMeaningfulInteraction(facts).Should().Be(expected);
        HangupPolicy.AllowsAssistantToEnd(facts).Should().Be(expected);
    }

    [Fact]
    public void The_caller_goodbye_comes_first_when_several_cases_hold()
    {
        var everything = new HangupFacts
        {
            AutoEndOnGoodbye = true,
            AutoEndOnLeadCaptured = true,
            CallerHasSpoken = true,
            CallerSaidGoodbye = true,
            AssistantRespondedToGoodbye = true,
            AssistantSaidGoodbye = true,
            LeadCaptured = true,
            DetailsConfirmed = true,
            ConversationTurns = 8,
        };

        HangupPolicy.Decide(everything).Case.Should().Be(HangupCase.UserGoodbye);
        HangupPolicy.Decide(everything with { CallerSaidGoodbye = false }).Case.Should().Be(HangupCase.LeadCapturedConfirmed);
        HangupPolicy.Decide(everything with { CallerSaidGoodbye = false, LeadCaptured = false }).Case.Should().Be(HangupCase.UserVerified);
        HangupPolicy.Decide(everything with { CallerSaidGoodbye = false, DetailsConfirmed = false }).Case.Should().Be(HangupCase.AssistantGoodbye);
    }

    [Fact]
    public void Staying_on_the_line_has_no_reason()
    {
        var decision = HangupPolicy.Decide(new HangupFacts());

        decision.Should().BeSameAs(HangupDecision.Stay);
        decision.HangUp.Should().BeFalse();
        decision.Reason.Should().BeNull();
        decision.ToString().Should().Be("Stay");
    }
}
