using ProSaaS.Domain.Calls;
using ProSaaS.Domain.Calls.Conversation;
using static ProSaaS.Domain.Calls.Conversation.CallInput;

namespace ProSaaS.Domain.Tests.Calls.Conversation;

public sealed class CallStateMachineTests
{
    private const string Greeting = "שלום, הגעתם למספרה של דנה. במה אפשר לעזור?";

    private static readonly CallBehaviourSettings Settings = new()
    {
        Greeting = Greeting,
        KeypadMenu = KeypadMenu.Suggested,
    };

    private static readonly CallPhrases Lines = CallPhrases.Hebrew;

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    /// <summary>A call being driven: the current machine and what each step decided.</summary>
    private sealed class Call(CallStep start)
    {
        public CallStateMachine Machine { get; private set; } = start.Machine;

        public IReadOnlyList<CallDecision> Started { get; } = start.Decisions;

        public CallPhase Phase => Machine.Phase;

        public IReadOnlyList<CallDecision> Feed(CallInput input)
        {
            var step = Machine.Handle(input);
            CallPhases.CanMove(Machine.Phase, step.Phase).Should().Be(Machine.Phase != step.Phase, "phases only move along the table");
            Machine = step.Machine;
            return step.Decisions;
        }

        /// <summary>Feeds all <paramref name="inputs"/>; returns every decision, in order.</summary>
        public IReadOnlyList<CallDecision> FeedAll(params CallInput[] inputs) => inputs.SelectMany(Feed).ToList();

        /// <summary>Ticks every second from <paramref name="from"/> to <paramref name="to"/> seconds; returns every decision with its second.</summary>
        public IReadOnlyList<(double At, CallDecision Decision)> TickEverySecond(int from, int to, bool assistantSpeaking = false) =>
            Enumerable.Range(from, to - from + 1)
                .SelectMany(second => Feed(new SilenceTick(S(second), assistantSpeaking)).Select(d => ((double)second, d)))
                .ToList();
    }

    private static Call StartCall(CallBehaviourSettings? settings = null) => new(CallStateMachine.Start(settings ?? Settings));

    /// <summary>A call whose greeting has played (Active), the caller silent so far.</summary>
    private static Call ActiveCall(CallBehaviourSettings? settings = null)
    {
        var call = StartCall(settings);
        call.Feed(new GreetingFinished(S(2)));
        return call;
    }

    /// <summary>A call in conversation: the caller asked for an appointment and the assistant answered, twice.</summary>
    private static Call TalkingCall(CallBehaviourSettings? settings = null)
    {
        var call = ActiveCall(settings);
        call.FeedAll(
            new CallerTranscript(S(3), "אני רוצה לקבוע תור לתספורת"),
            new AssistantTranscriptDone(S(5), "בשמחה. מה השם שלכם?"),
            new CallerTranscript(S(7), "דנה כהן"),
            new AssistantTranscriptDone(S(9), "תודה דנה. לאיזה יום?"));
        return call;
    }

    private static string Describe(CallDecision decision) => decision switch
    {
        CallDecision.Say => "Say",
        CallDecision.WarnSilence w => $"Warn{w.Number}",
        CallDecision.BeginClosing b => $"Begin:{b.Reason}",
        CallDecision.HangUpAfterSpeech h => $"HangUpAfterSpeech:{h.Reason}{(h.Farewell is null ? string.Empty : "+farewell")}",
        CallDecision.HangUpNow n => $"HangUpNow:{n.Reason}",
        CallDecision.HangupRefused r => $"Refused:{r.Reason}",
        CallDecision.MenuChosen m => $"Menu:{m.Entry.Key}",
        CallDecision.NumberCaptured c => $"Number:{c.E164}:{c.Source}",
        CallDecision.NumberRejected r => $"Rejected:{r.Source}",
        CallDecision.NumberAbandoned a => $"Abandoned:{a.Source}",
        _ => decision.GetType().Name,
    };

    private static string Describe(IEnumerable<CallDecision> decisions) => string.Join(' ', decisions.Select(Describe));

    // ---------------------------------------------------------------- the phase table

    [Fact]
    public void Phases_only_move_forward()
    {
        var allowed = new[]
        {
            (CallPhase.Warmup, CallPhase.Active),
            (CallPhase.Warmup, CallPhase.Closing),
            (CallPhase.Warmup, CallPhase.Ended),
            (CallPhase.Active, CallPhase.Closing),
            (CallPhase.Active, CallPhase.Ended),
            (CallPhase.Closing, CallPhase.Ended),
        };

        foreach (var from in Enum.GetValues<CallPhase>())
        {
            foreach (var to in Enum.GetValues<CallPhase>())
            {
                CallPhases.CanMove(from, to).Should().Be(allowed.Contains((from, to)), "{0} → {1}", from, to);
            }
        }
    }

    /// <summary>A machine in <paramref name="phase"/>: Warmup with the greeting playing; Active after it; Closing since 5 s (a transfer); Ended.</summary>
    private static CallStateMachine MachineIn(CallPhase phase)
    {
        var call = StartCall();
        if (phase != CallPhase.Warmup)
        {
            call.Feed(new GreetingFinished(S(2)));
        }

        switch (phase)
        {
            case CallPhase.Closing:
                call.Feed(new HangupRequested(S(5), CallEndReason.TransferredToHuman));
                break;
            case CallPhase.Ended:
                call.Feed(new StreamStopped(S(5), CallEndReason.CallerHungUp));
                break;
        }

        call.Phase.Should().Be(phase);
        return call.Machine;
    }

    /// <summary>Every input in every phase: the phase it leads to and what is decided.</summary>
    public static TheoryData<CallPhase, CallInput, CallPhase, string> EveryPhaseAndInput() => new()
    {
        // Warmup: the greeting plays (the machine started at 0 s).
        { CallPhase.Warmup, new GreetingFinished(S(3)), CallPhase.Active, "" },
        { CallPhase.Warmup, new CallerSpeechStarted(S(1)), CallPhase.Active, "" },
        { CallPhase.Warmup, new CallerSpeechStopped(S(1)), CallPhase.Active, "" },
        { CallPhase.Warmup, new CallerTranscript(S(1), "הלו?"), CallPhase.Active, "" },
        { CallPhase.Warmup, new AssistantTranscriptDone(S(3), Greeting, saidGoodbye: true), CallPhase.Warmup, "" },
        { CallPhase.Warmup, new AssistantAudioDone(S(3)), CallPhase.Active, "" },
        { CallPhase.Warmup, new LeadCaptured(S(3)), CallPhase.Warmup, "" },
        { CallPhase.Warmup, new DetailsConfirmed(S(3)), CallPhase.Warmup, "" },
        { CallPhase.Warmup, new SilenceTick(S(9), AssistantSpeaking: false), CallPhase.Warmup, "Warn1" },
        { CallPhase.Warmup, new MaxDurationReached(S(3)), CallPhase.Closing, "Begin:MaxDuration HangUpAfterSpeech:MaxDuration+farewell" },
        { CallPhase.Warmup, new KeyPressed(S(1), '9'), CallPhase.Active, "Menu:9 Say" },
        { CallPhase.Warmup, new NumberRequested(S(1)), CallPhase.Warmup, "" },
        { CallPhase.Warmup, new HangupRequested(S(1), CallEndReason.TransferredToHuman), CallPhase.Closing, "Begin:TransferredToHuman HangUpAfterSpeech:TransferredToHuman+farewell" },
        { CallPhase.Warmup, new StreamStopped(S(1), CallEndReason.CallerHungUp), CallPhase.Ended, "" },

        // Active: the greeting finished at 2 s, the caller has not spoken.
        { CallPhase.Active, new GreetingFinished(S(3)), CallPhase.Active, "" },
        { CallPhase.Active, new CallerSpeechStarted(S(3)), CallPhase.Active, "" },
        { CallPhase.Active, new CallerSpeechStopped(S(3)), CallPhase.Active, "" },
        { CallPhase.Active, new CallerTranscript(S(3), "אני רוצה לקבוע תור"), CallPhase.Active, "" },
        { CallPhase.Active, new AssistantTranscriptDone(S(3), "בשמחה, לאיזה יום?"), CallPhase.Active, "" },
        { CallPhase.Active, new AssistantAudioDone(S(3)), CallPhase.Active, "" },
        { CallPhase.Active, new LeadCaptured(S(3)), CallPhase.Active, "" },
        { CallPhase.Active, new DetailsConfirmed(S(3)), CallPhase.Active, "" },
        { CallPhase.Active, new SilenceTick(S(10.5), AssistantSpeaking: false), CallPhase.Active, "Warn1" },
        { CallPhase.Active, new MaxDurationReached(S(3)), CallPhase.Closing, "Begin:MaxDuration HangUpAfterSpeech:MaxDuration+farewell" },
        { CallPhase.Active, new KeyPressed(S(3), '9'), CallPhase.Active, "Menu:9 Say" },
        { CallPhase.Active, new NumberRequested(S(3)), CallPhase.Active, "" },
        { CallPhase.Active, new HangupRequested(S(3), CallEndReason.TransferredToHuman), CallPhase.Closing, "Begin:TransferredToHuman HangUpAfterSpeech:TransferredToHuman+farewell" },
        { CallPhase.Active, new StreamStopped(S(3), CallEndReason.CallerHungUp), CallPhase.Ended, "" },

        // Closing since 5 s: only the stream's end and the backstop (20 s) do anything.
        { CallPhase.Closing, new GreetingFinished(S(6)), CallPhase.Closing, "" },
        { CallPhase.Closing, new CallerSpeechStarted(S(6)), CallPhase.Closing, "" },
        { CallPhase.Closing, new CallerSpeechStopped(S(6)), CallPhase.Closing, "" },
        { CallPhase.Closing, new CallerTranscript(S(6), "רגע, עוד שאלה"), CallPhase.Closing, "" },
        { CallPhase.Closing, new AssistantTranscriptDone(S(6), "להתראות", saidGoodbye: true), CallPhase.Closing, "" },
        { CallPhase.Closing, new AssistantAudioDone(S(6)), CallPhase.Closing, "" },
        { CallPhase.Closing, new LeadCaptured(S(6)), CallPhase.Closing, "" },
        { CallPhase.Closing, new DetailsConfirmed(S(6)), CallPhase.Closing, "" },
        { CallPhase.Closing, new SilenceTick(S(24), AssistantSpeaking: false), CallPhase.Closing, "" },
        { CallPhase.Closing, new SilenceTick(S(25), AssistantSpeaking: true), CallPhase.Ended, "HangUpNow:TransferredToHuman" },
        { CallPhase.Closing, new MaxDurationReached(S(6)), CallPhase.Closing, "" },
        { CallPhase.Closing, new KeyPressed(S(6), '9'), CallPhase.Closing, "" },
        { CallPhase.Closing, new NumberRequested(S(6)), CallPhase.Closing, "" },
        { CallPhase.Closing, new HangupRequested(S(6), CallEndReason.AssistantEnded), CallPhase.Closing, "" },
        { CallPhase.Closing, new StreamStopped(S(6), CallEndReason.CallerHungUp), CallPhase.Ended, "" },

        // Ended: nothing does anything.
        { CallPhase.Ended, new GreetingFinished(S(6)), CallPhase.Ended, "" },
        { CallPhase.Ended, new CallerSpeechStarted(S(6)), CallPhase.Ended, "" },
        { CallPhase.Ended, new CallerSpeechStopped(S(6)), CallPhase.Ended, "" },
        { CallPhase.Ended, new CallerTranscript(S(6), "הלו?"), CallPhase.Ended, "" },
        { CallPhase.Ended, new AssistantTranscriptDone(S(6), "להתראות", saidGoodbye: true), CallPhase.Ended, "" },
        { CallPhase.Ended, new AssistantAudioDone(S(6)), CallPhase.Ended, "" },
        { CallPhase.Ended, new LeadCaptured(S(6)), CallPhase.Ended, "" },
        { CallPhase.Ended, new DetailsConfirmed(S(6)), CallPhase.Ended, "" },
        { CallPhase.Ended, new SilenceTick(S(600), AssistantSpeaking: false), CallPhase.Ended, "" },
        { CallPhase.Ended, new MaxDurationReached(S(6)), CallPhase.Ended, "" },
        { CallPhase.Ended, new KeyPressed(S(6), '9'), CallPhase.Ended, "" },
        { CallPhase.Ended, new NumberRequested(S(6)), CallPhase.Ended, "" },
        { CallPhase.Ended, new HangupRequested(S(6), CallEndReason.TransferredToHuman), CallPhase.Ended, "" },
        { CallPhase.Ended, new StreamStopped(S(6), CallEndReason.StreamLost), CallPhase.Ended, "" },
    };

    [Theory]
    [MemberData(nameof(EveryPhaseAndInput))]
    public void Every_input_in_every_phase_has_a_defined_outcome(CallPhase phase, CallInput input, CallPhase expectedPhase, string expectedDecisions)
    {
        var machine = MachineIn(phase);

        var step = machine.Handle(input);

        step.Phase.Should().Be(expectedPhase);
        Describe(step.Decisions).Should().Be(expectedDecisions);
        if (phase == expectedPhase && expectedDecisions.Length == 0 && phase is CallPhase.Closing or CallPhase.Ended)
        {
            step.Machine.Should().BeSameAs(machine, "a closing or ended call ignores the input altogether");
        }
    }

    [Fact]
    public void The_table_has_a_row_for_every_phase_and_every_kind_of_input()
    {
        var inputKinds = typeof(CallInput).GetNestedTypes().Where(t => t.IsSubclassOf(typeof(CallInput))).ToList();
        var rows = EveryPhaseAndInput().Select(row => ((CallPhase)row[0], row[1].GetType())).ToHashSet();

        inputKinds.Should().HaveCount(14);
        foreach (var phase in Enum.GetValues<CallPhase>())
        {
            foreach (var kind in inputKinds)
            {
                rows.Should().Contain((phase, kind), "{0} × {1} needs a row", phase, kind.Name);
            }
        }
    }

    [Fact]
    public void Any_sequence_of_inputs_moves_only_forward_and_never_throws()
    {
        var random = new Random(20240607);
        var settings = Settings with { AutoEndOnLeadCaptured = true, MaxCallSeconds = 120 };
        for (var run = 0; run < 400; run++)
        {
            var call = StartCall(settings);
            var at = TimeSpan.Zero;
            for (var i = 0; i < 80; i++)
            {
                at += TimeSpan.FromMilliseconds(random.Next(0, 3000));
                CallInput input = random.Next(14) switch
                {
                    0 => new GreetingFinished(at),
                    1 => new CallerSpeechStarted(at),
                    2 => new CallerSpeechStopped(at),
                    3 => new CallerTranscript(at, random.Next(3) == 0 ? " " : "טקסט", random.Next(4) == 0, random.Next(3) == 0 ? "0521234567" : null),
                    4 => new AssistantTranscriptDone(at, "טקסט", random.Next(4) == 0, random.Next(5) == 0),
                    5 => new AssistantAudioDone(at),
                    6 => new LeadCaptured(at),
                    7 => new DetailsConfirmed(at),
                    8 => new SilenceTick(at, random.Next(2) == 0),
                    9 => new MaxDurationReached(at),
                    10 => new KeyPressed(at, CallInput.KeyPressed.Keys[random.Next(CallInput.KeyPressed.Keys.Length)]),
                    11 => new NumberRequested(at),
                    12 => new HangupRequested(at, random.Next(2) == 0 ? CallEndReason.AssistantEnded : CallEndReason.TransferredToHuman),
                    _ => new StreamStopped(at, CallEndReason.CallerHungUp),
                };
                var before = call.Phase;
                var decisions = call.Feed(input);

                ((int)call.Phase).Should().BeGreaterThanOrEqualTo((int)before);
                decisions.OfType<CallDecision.BeginClosing>().Should().HaveCount(before != CallPhase.Closing && call.Phase == CallPhase.Closing ? 1 : 0);
                if (call.Phase is CallPhase.Closing or CallPhase.Ended)
                {
                    call.Machine.EndReason.Should().NotBeNull();
                }
            }
        }
    }

    // ---------------------------------------------------------------- warm-up and the greeting

    [Fact]
    public void When_the_bot_speaks_first_the_call_opens_with_the_greeting_and_is_active_once_it_played()
    {
        var call = StartCall();

        call.Started.Should().Equal(new CallDecision.Say(Greeting));
        call.Phase.Should().Be(CallPhase.Warmup);
        call.Machine.GreetingPending.Should().BeTrue();
        call.Feed(new GreetingFinished(S(4))).Should().BeEmpty();
        call.Phase.Should().Be(CallPhase.Active);
        call.Machine.GreetingPending.Should().BeFalse();
    }

    [Fact]
    public void When_the_caller_speaks_first_the_assistant_waits_silently_until_they_do()
    {
        var call = StartCall(Settings with { BotSpeaksFirst = false });

        call.Started.Should().BeEmpty();
        call.Feed(new GreetingFinished(S(1))).Should().BeEmpty();
        call.Feed(new AssistantAudioDone(S(1))).Should().BeEmpty();
        call.Phase.Should().Be(CallPhase.Warmup);
        call.Feed(new CallerSpeechStarted(S(2)));
        call.Phase.Should().Be(CallPhase.Active);
    }

    [Fact]
    public void A_blank_greeting_is_not_said_even_when_the_bot_speaks_first()
    {
        var call = StartCall(Settings with { Greeting = "   " });

        call.Started.Should().BeEmpty();
        call.Machine.GreetingPending.Should().BeFalse();
    }

    [Fact]
    public void The_first_speech_of_a_caller_who_talks_over_the_greeting_forces_the_call_active()
    {
        var call = StartCall();

        call.Feed(new CallerSpeechStarted(S(1)));

        call.Phase.Should().Be(CallPhase.Active);
        call.Machine.GreetingPending.Should().BeFalse();
        call.Feed(new GreetingFinished(S(3))).Should().BeEmpty();
    }

    [Fact]
    public void A_key_is_a_sign_of_the_caller_too()
    {
        var call = StartCall(Settings with { KeypadMenu = null });

        call.Feed(new KeyPressed(S(1), '5')).Should().BeEmpty();

        call.Phase.Should().Be(CallPhase.Active);
    }

    [Fact]
    public void The_greetings_hello_is_not_a_goodbye_and_neither_it_nor_warnings_make_a_conversation()
    {
        var call = StartCall(Settings with { BotSpeaksFirst = false });

        // A silent caller hears warnings in warm-up; their transcripts are not turns and the greeting's "שלום" no goodbye.
        call.FeedAll(
            new AssistantTranscriptDone(S(1), "שלום", saidGoodbye: true),
            new AssistantTranscriptDone(S(9), Lines.SilenceWarning(1)),
            new AssistantTranscriptDone(S(15), Lines.SilenceWarning(2)));

        call.Machine.Turns.Should().Be(0);
        call.Machine.AssistantSaidGoodbye.Should().BeFalse();
    }

    // ---------------------------------------------------------------- the hang-up cases in a call

    [Fact]
    public void Case_1_the_callers_goodbye_ends_the_call_once_the_assistant_answered_it()
    {
        var call = TalkingCall();

        call.Feed(new CallerTranscript(S(11), "תודה, ביי", saidGoodbye: true)).Should().BeEmpty("the assistant answers the goodbye first");
        var closing = call.Feed(new AssistantTranscriptDone(S(13), "תודה לכם, יום טוב!", saidGoodbye: true));

        closing.Should().Equal(
            new CallDecision.BeginClosing(CallEndReason.UserGoodbye),
            new CallDecision.HangUpAfterSpeech(CallEndReason.UserGoodbye, null));
        call.Phase.Should().Be(CallPhase.Closing);
        call.Machine.EndReason.Should().Be(CallEndReason.UserGoodbye);
        call.FeedAll(new CallerSpeechStarted(S(14)), new CallerTranscript(S(14), "רגע!")).Should().BeEmpty("closing is final");
        call.Feed(new StreamStopped(S(16), CallEndReason.CallerHungUp)).Should().BeEmpty();
        call.Phase.Should().Be(CallPhase.Ended);
        call.Machine.EndReason.Should().Be(CallEndReason.UserGoodbye, "the call closed for the goodbye before the stream stopped");
    }

    [Fact]
    public void A_goodbye_the_model_leaves_unanswered_gets_a_farewell_and_no_silence_warning()
    {
        var call = TalkingCall(Settings with { SilenceWarningAfterSeconds = 3, SilenceHangupAfterSeconds = 30 });
        call.Feed(new CallerTranscript(S(10), "ביי", saidGoodbye: true));

        var decisions = call.TickEverySecond(11, 20);

        decisions.Should().Equal(
            (15.0, new CallDecision.BeginClosing(CallEndReason.UserGoodbye)),
            (15.0, new CallDecision.HangUpAfterSpeech(CallEndReason.UserGoodbye, Lines.GoodbyeFarewell)));
    }

    [Fact]
    public void The_grace_for_an_answer_waits_while_the_assistant_is_still_speaking()
    {
        var call = TalkingCall();
        call.Feed(new CallerTranscript(S(10), "ביי", saidGoodbye: true));

        call.TickEverySecond(11, 20, assistantSpeaking: true).Should().BeEmpty();
        call.Feed(new AssistantTranscriptDone(S(21), "להתראות!", saidGoodbye: true))
            .Should().Equal(new CallDecision.BeginClosing(CallEndReason.UserGoodbye), new CallDecision.HangUpAfterSpeech(CallEndReason.UserGoodbye, null));
    }

    [Fact]
    public void A_goodbye_taken_back_does_not_end_the_call()
    {
        var call = TalkingCall();

        var decisions = call.FeedAll(
            new CallerTranscript(S(11), "ביי", saidGoodbye: true),
            new CallerTranscript(S(12), "רגע, עוד שאלה אחת"),
            new AssistantTranscriptDone(S(14), "כן, בבקשה"));

        decisions.Should().BeEmpty();
        call.Phase.Should().Be(CallPhase.Active);
    }

    [Fact]
    public void Without_auto_end_on_goodbye_the_callers_goodbye_leaves_the_line_to_them_and_silence_counts_as_usual()
    {
        var call = TalkingCall(Settings with { AutoEndOnGoodbye = false });

        call.FeedAll(
            new CallerTranscript(S(11), "ביי", saidGoodbye: true),
            new AssistantTranscriptDone(S(12), "להתראות!", saidGoodbye: true)).Should().BeEmpty();

        call.TickEverySecond(13, 40).Select(d => Describe(d.Decision)).Should().Equal(
            "Warn1", "Warn2", "Begin:Silence", "HangUpAfterSpeech:Silence+farewell");
    }

    [Fact]
    public void An_interrupted_answer_is_not_an_answer_to_the_goodbye()
    {
        var call = TalkingCall();

        call.FeedAll(
            new CallerTranscript(S(11), "ביי", saidGoodbye: true),
            new AssistantTranscriptDone(S(12), "להת", saidGoodbye: true, interrupted: true)).Should().BeEmpty();

        call.Machine.AssistantRespondedToGoodbye.Should().BeFalse();
        call.Machine.AssistantSaidGoodbye.Should().BeFalse();
    }

    [Fact]
    public void Case_2_a_captured_and_confirmed_lead_ends_the_call_with_a_farewell_when_the_business_wants_it()
    {
        var call = TalkingCall(Settings with { AutoEndOnLeadCaptured = true });

        call.Feed(new LeadCaptured(S(12))).Should().BeEmpty("the details are confirmed before the call ends");
        var closing = call.Feed(new DetailsConfirmed(S(14)));

        closing.Should().Equal(
            new CallDecision.BeginClosing(CallEndReason.AssistantEnded),
            new CallDecision.HangUpAfterSpeech(CallEndReason.AssistantEnded, Lines.LeadCapturedFarewell));
    }

    [Fact]
    public void Case_2_is_off_by_default()
    {
        var call = TalkingCall();

        call.FeedAll(new LeadCaptured(S(12)), new DetailsConfirmed(S(14))).Should().BeEmpty();
    }

    [Fact]
    public void Case_3_verified_details_and_the_assistants_goodbye_end_the_call_whatever_the_settings()
    {
        var call = TalkingCall(Settings with { AutoEndOnGoodbye = false, AutoEndOnLeadCaptured = false });

        call.Feed(new DetailsConfirmed(S(12))).Should().BeEmpty();
        call.Feed(new AssistantTranscriptDone(S(14), "מעולה, נתראה ביום שלישי. להתראות!", saidGoodbye: true))
            .Should().Equal(
                new CallDecision.BeginClosing(CallEndReason.AssistantEnded),
                new CallDecision.HangUpAfterSpeech(CallEndReason.AssistantEnded, null));
    }

    [Fact]
    public void Case_4_the_assistants_early_goodbye_is_ignored_and_a_later_one_ends_the_call()
    {
        var call = ActiveCall();

        call.FeedAll(
            new CallerTranscript(S(3), "הלו"),
            new AssistantTranscriptDone(S(5), "שלום ולהתראות", saidGoodbye: true)).Should().BeEmpty("two turns are not a conversation");
        call.Machine.Turns.Should().Be(2);

        call.Feed(new CallerTranscript(S(7), "רגע, אני רוצה תור")).Should().BeEmpty();
        call.Feed(new AssistantTranscriptDone(S(9), "בטח. להתראות!", saidGoodbye: true))
            .Should().Equal(
                new CallDecision.BeginClosing(CallEndReason.AssistantEnded),
                new CallDecision.HangUpAfterSpeech(CallEndReason.AssistantEnded, null));
    }

    // ---------------------------------------------------------------- silence

    [Fact]
    public void A_silent_caller_is_warned_in_hebrew_then_told_goodbye_and_the_call_ends_for_silence()
    {
        var call = ActiveCall();

        var decisions = call.TickEverySecond(3, 40);

        decisions.Should().Equal(
            (10.0, new CallDecision.WarnSilence(1, "הלו, אתם עדיין איתי?")),
            (16.0, new CallDecision.WarnSilence(2, "אני עדיין כאן. אם אתם על הקו, אפשר פשוט לדבר.")),
            (22.0, new CallDecision.BeginClosing(CallEndReason.Silence)),
            (22.0, new CallDecision.HangUpAfterSpeech(CallEndReason.Silence, Lines.SilenceFarewell)));
        call.Phase.Should().Be(CallPhase.Closing);
    }

    [Fact]
    public void Silence_does_not_count_while_the_assistant_speaks_and_restarts_when_the_caller_speaks()
    {
        var call = ActiveCall();

        call.TickEverySecond(3, 10).Select(d => Describe(d.Decision)).Should().Equal("Warn1");
        call.TickEverySecond(11, 40, assistantSpeaking: true).Should().BeEmpty();
        call.Feed(new AssistantAudioDone(S(40.5)));
        call.FeedAll(new CallerSpeechStarted(S(43)));
        call.TickEverySecond(44, 60).Should().BeEmpty("the caller is speaking");
        call.Feed(new CallerSpeechStopped(S(60.5)));
        call.TickEverySecond(61, 70).Select(d => $"{d.At}:{Describe(d.Decision)}").Should().Equal("69:Warn1");
    }

    [Fact]
    public void A_caller_who_never_answers_the_phone_is_warned_in_warm_up_and_let_go()
    {
        var call = StartCall(Settings with { BotSpeaksFirst = false });

        call.TickEverySecond(1, 30).Select(d => $"{d.At}:{Describe(d.Decision)}")
            .Should().Equal("8:Warn1", "14:Warn2", "20:Begin:Silence", "20:HangUpAfterSpeech:Silence+farewell");
        call.Phase.Should().Be(CallPhase.Closing);
    }

    // ---------------------------------------------------------------- the longest call and the backstop

    [Fact]
    public void The_call_closes_with_a_farewell_at_the_longest_call_length()
    {
        var call = TalkingCall(Settings with { MaxCallSeconds = 60 });

        call.TickEverySecond(10, 59, assistantSpeaking: true).Should().BeEmpty();
        call.Feed(new SilenceTick(S(60), AssistantSpeaking: true)).Should().Equal(
            new CallDecision.BeginClosing(CallEndReason.MaxDuration),
            new CallDecision.HangUpAfterSpeech(CallEndReason.MaxDuration, Lines.MaxDurationFarewell));
        call.Feed(new MaxDurationReached(S(60))).Should().BeEmpty("the call is closing already");
    }

    [Fact]
    public void A_call_whose_last_words_never_finish_is_hung_up_at_once_after_the_closing_timeout()
    {
        var call = TalkingCall();
        call.Feed(new MaxDurationReached(S(100)));

        call.TickEverySecond(101, 119, assistantSpeaking: true).Should().BeEmpty();
        call.Feed(new SilenceTick(S(120), AssistantSpeaking: true)).Should().Equal(new CallDecision.HangUpNow(CallEndReason.MaxDuration));
        call.Phase.Should().Be(CallPhase.Ended);
        call.Feed(new StreamStopped(S(121), CallEndReason.CallerHungUp)).Should().BeEmpty();
        call.Machine.EndReason.Should().Be(CallEndReason.MaxDuration);
    }

    [Theory]
    [InlineData(CallEndReason.CallerHungUp)]
    [InlineData(CallEndReason.StreamLost)]
    [InlineData(CallEndReason.Shutdown)]
    public void When_the_stream_stops_first_its_reason_is_the_calls(CallEndReason reason)
    {
        var call = TalkingCall();

        call.Feed(new StreamStopped(S(12), reason)).Should().BeEmpty();

        call.Phase.Should().Be(CallPhase.Ended);
        call.Machine.EndReason.Should().Be(reason);
    }

    // ---------------------------------------------------------------- the model's end-call and transfer tools

    [Fact]
    public void The_model_cannot_end_a_call_before_a_meaningful_interaction()
    {
        var call = ActiveCall();
        call.Feed(new CallerTranscript(S(3), "הלו"));

        call.Feed(new HangupRequested(S(4), CallEndReason.AssistantEnded)).Should().Equal(new CallDecision.HangupRefused(CallEndReason.AssistantEnded));
        call.Phase.Should().Be(CallPhase.Active);
    }

    [Fact]
    public void After_a_conversation_the_model_ends_the_call_with_its_farewell_or_ours()
    {
        TalkingCall().Feed(new HangupRequested(S(12), CallEndReason.AssistantEnded, "  תודה ויום נעים!  "))
            .Should().Equal(
                new CallDecision.BeginClosing(CallEndReason.AssistantEnded),
                new CallDecision.HangUpAfterSpeech(CallEndReason.AssistantEnded, "תודה ויום נעים!"));
        TalkingCall().Feed(new HangupRequested(S(12), CallEndReason.AssistantEnded))
            .Should().Equal(
                new CallDecision.BeginClosing(CallEndReason.AssistantEnded),
                new CallDecision.HangUpAfterSpeech(CallEndReason.AssistantEnded, Lines.AssistantEndedFarewell));
    }

    [Fact]
    public void After_its_own_goodbye_the_model_ends_the_call_without_another_farewell()
    {
        var call = TalkingCall(Settings with { AutoEndOnGoodbye = false });
        call.Feed(new AssistantTranscriptDone(S(11), "להתראות!", saidGoodbye: true)).Should().BeEmpty();

        call.Feed(new HangupRequested(S(12), CallEndReason.AssistantEnded))
            .Should().Equal(
                new CallDecision.BeginClosing(CallEndReason.AssistantEnded),
                new CallDecision.HangUpAfterSpeech(CallEndReason.AssistantEnded, null));
    }

    [Fact]
    public void A_caller_who_asks_for_a_person_is_always_let_go_with_the_transfer_farewell()
    {
        var call = ActiveCall();

        call.Feed(new HangupRequested(S(3), CallEndReason.TransferredToHuman)).Should().Equal(
            new CallDecision.BeginClosing(CallEndReason.TransferredToHuman),
            new CallDecision.HangUpAfterSpeech(CallEndReason.TransferredToHuman, Lines.TransferFarewell));
    }

    [Theory]
    [InlineData(CallEndReason.UserGoodbye)]
    [InlineData(CallEndReason.Silence)]
    [InlineData(CallEndReason.MaxDuration)]
    [InlineData(CallEndReason.Completed)]
    [InlineData(CallEndReason.Busy)]
    public void The_model_ends_calls_only_as_assistant_ended_or_transferred(CallEndReason reason)
    {
        var request = () => new HangupRequested(S(1), reason);

        request.Should().Throw<ArgumentOutOfRangeException>();
    }

    // ---------------------------------------------------------------- keys

    [Fact]
    public void The_keypad_menu_answers_keys_and_says_what_only_keys_ask_for()
    {
        var menu = KeypadMenu.Create(
        [
            new KeypadMenuEntry('1', KeypadAction.Sales),
            new KeypadMenuEntry('0', KeypadAction.HumanCallback),
            new KeypadMenuEntry('3', KeypadAction.CustomText, "לשעות הפתיחה", "אנחנו פתוחים מתשע עד שש."),
            new KeypadMenuEntry('9', KeypadAction.Repeat),
        ]);
        var call = ActiveCall(Settings with { KeypadMenu = menu });

        call.Feed(new KeyPressed(S(3), '1')).Should().Equal(new CallDecision.MenuChosen(menu.Find('1')!));
        call.Feed(new KeyPressed(S(4), '0')).Should().Equal(new CallDecision.MenuChosen(menu.Find('0')!));
        call.Feed(new KeyPressed(S(5), '3')).Should().Equal(new CallDecision.MenuChosen(menu.Find('3')!), new CallDecision.Say("אנחנו פתוחים מתשע עד שש."));
        call.Feed(new KeyPressed(S(6), '9')).Should().Equal(new CallDecision.MenuChosen(menu.Find('9')!), new CallDecision.Say(menu.SpokenText));
        call.Feed(new KeyPressed(S(7), '5')).Should().BeEmpty("5 is not in the menu");
        call.Feed(new KeyPressed(S(8), 'A')).Should().BeEmpty();
    }

    [Fact]
    public void Keys_reset_the_silence()
    {
        var call = ActiveCall();

        call.TickEverySecond(3, 10).Should().HaveCount(1);
        call.Feed(new KeyPressed(S(10.5), '5'));

        call.TickEverySecond(11, 18).Should().BeEmpty();
        call.Machine.Silence.WarningsGiven.Should().Be(0);
    }

    [Fact]
    public void A_number_wanted_is_taken_from_the_keys_instead_of_the_menu()
    {
        var call = ActiveCall();
        call.Feed(new NumberRequested(S(3)));

        var decisions = call.FeedAll("0541112233".Select((key, i) => (CallInput)new KeyPressed(S(4 + i), key)).ToArray());

        decisions.Should().Equal(new CallDecision.NumberCaptured("+972541112233", NumberSource.Keypad));
        call.Machine.NumberEntry.Should().BeNull();
        call.Feed(new KeyPressed(S(20), '9')).Select(Describe).Should().Equal("Menu:9", "Say");
    }

    [Fact]
    public void A_number_wanted_is_taken_from_speech_when_the_caller_says_it_first()
    {
        var call = ActiveCall();
        call.FeedAll(new NumberRequested(S(3)), new KeyPressed(S(4), '0'), new KeyPressed(S(5), '5'));

        call.Feed(new CallerTranscript(S(6), "אפס חמש שתיים, אחת שתיים שלוש, ארבע חמש שש שבע", spokenDigits: "0521234567"))
            .Should().Equal(new CallDecision.NumberCaptured("+972521234567", NumberSource.Speech));
        call.Feed(new KeyPressed(S(7), '5')).Should().BeEmpty("the number was taken: keys are no longer for it, and 5 is not in the menu");
    }

    [Fact]
    public void Digits_said_when_no_number_is_wanted_are_left_to_the_model()
    {
        ActiveCall().Feed(new CallerTranscript(S(3), "אפס חמש שתיים...", spokenDigits: "0521234567")).Should().BeEmpty();
    }

    [Fact]
    public void A_wrong_keyed_number_is_refused_aloud_a_wrong_spoken_one_is_left_to_the_model_and_three_failures_give_up()
    {
        var call = ActiveCall();
        call.Feed(new NumberRequested(S(3)));

        var keyed = call.FeedAll(new KeyPressed(S(4), '1'), new KeyPressed(S(5), '2'), new KeyPressed(S(6), '#'));
        var spoken = call.Feed(new CallerTranscript(S(7), "שתיים שלוש", spokenDigits: "23"));
        call.FeedAll(new KeyPressed(S(8), '0'), new KeyPressed(S(9), '5'));
        var paused = call.TickEverySecond(10, 15);

        keyed.Should().Equal(new CallDecision.NumberRejected(NumberSource.Keypad, "12"), new CallDecision.Say(Lines.NumberInvalid));
        spoken.Should().Equal(new CallDecision.NumberRejected(NumberSource.Speech, "23"));
        paused.Select(d => Describe(d.Decision)).Should().Equal("Abandoned:Keypad", "Say");
        paused[1].Decision.Should().Be(new CallDecision.Say(Lines.NumberGiveUp));
        call.Machine.NumberEntry.Should().BeNull();
    }

    [Fact]
    public void A_new_request_for_a_number_starts_the_entry_afresh()
    {
        var call = ActiveCall();
        call.FeedAll(new NumberRequested(S(3)), new KeyPressed(S(4), '0'), new KeyPressed(S(5), '5'), new NumberRequested(S(6)));

        call.Machine.NumberEntry!.Keys.Digits.Should().BeEmpty();
    }

    // ---------------------------------------------------------------- settings, inputs, immutability

    [Fact]
    public void Handling_an_input_leaves_the_machine_it_was_called_on_unchanged()
    {
        var call = TalkingCall();
        var before = call.Machine;
        var snapshot = before with { };

        var step = before.Handle(new HangupRequested(S(12), CallEndReason.TransferredToHuman));

        step.Phase.Should().Be(CallPhase.Closing);
        before.Phase.Should().Be(CallPhase.Active);
        before.Should().Be(snapshot);
        before.Handle(new HangupRequested(S(12), CallEndReason.TransferredToHuman)).Should().BeEquivalentTo(step);
    }

    [Fact]
    public void The_calls_facts_are_what_the_hang_up_policy_sees()
    {
        var call = TalkingCall(Settings with { AutoEndOnLeadCaptured = true });
        call.Feed(new LeadCaptured(S(12)));

        call.Machine.Facts().Should().Be(new HangupFacts
        {
            AutoEndOnLeadCaptured = true,
            AutoEndOnGoodbye = true,
            CallerHasSpoken = true,
            LeadCaptured = true,
            ConversationTurns = 4,
        });
    }

    [Fact]
    public void An_english_call_hears_english_lines_and_a_business_may_set_its_own()
    {
        var english = ActiveCall(Settings with { Language = "en" });
        var own = ActiveCall(Settings with { Phrases = Lines with { SilenceWarnings = ["שלום? שומעים?"] } });

        english.TickEverySecond(3, 10).Single().Decision.Should().Be(new CallDecision.WarnSilence(1, "Hello, are you still with me?"));
        own.TickEverySecond(3, 16).Select(d => d.Decision).Should().Equal(
            new CallDecision.WarnSilence(1, "שלום? שומעים?"),
            new CallDecision.WarnSilence(2, "שלום? שומעים?"));
    }

    public static TheoryData<string, CallBehaviourSettings> InvalidSettings() => new()
    {
        { "no call length", Settings with { MaxCallSeconds = 0 } },
        { "warning at the hang-up", Settings with { SilenceWarningAfterSeconds = 20, SilenceHangupAfterSeconds = 20 } },
        { "too many warnings", Settings with { MaxSilenceWarnings = 6 } },
        { "no grace", Settings with { GoodbyeAnswerGrace = TimeSpan.Zero } },
        { "no closing timeout", Settings with { ClosingTimeout = TimeSpan.Zero } },
        { "no attempts", Settings with { NumberEntryAttempts = 0 } },
        { "no pause", Settings with { NumberEntry = new DigitCollectorOptions { PauseTimeout = TimeSpan.Zero } } },
        { "a blank line", Settings with { Phrases = Lines with { SilenceFarewell = " " } } },
        { "no greeting text", Settings with { Greeting = null! } },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Settings_that_cannot_run_a_call_are_refused_when_it_starts(string because, CallBehaviourSettings settings)
    {
        var start = () => CallStateMachine.Start(settings);

        start.Should().Throw<ArgumentException>(because);
    }

    [Fact]
    public void The_default_settings_are_the_business_settings_defaults()
    {
        var defaults = CallBehaviourSettings.Default;
        var business = global::ProSaaS.Domain.Tenants.TenantSettings.Default;

        defaults.BotSpeaksFirst.Should().Be(business.BotSpeaksFirst);
        defaults.AutoEndOnLeadCaptured.Should().Be(business.AutoHangup.OnLeadCaptured);
        defaults.AutoEndOnGoodbye.Should().Be(business.AutoHangup.OnGoodbye);
        defaults.SilenceWarningAfterSeconds.Should().Be(business.Silence.WarningAfterSeconds);
        defaults.SilenceHangupAfterSeconds.Should().Be(business.Silence.HangupAfterSeconds);
        defaults.MaxSilenceWarnings.Should().Be(business.Silence.MaxWarnings);
        defaults.MaxCallSeconds.Should().Be(business.MaxCallMinutes * 60);
        defaults.Voice.Should().Be(business.Voice);
        SilenceRules.MostWarnings.Should().Be(global::ProSaaS.Domain.Tenants.TenantSettingsRules.MaxSilenceWarnings);
        CallStateMachine.Start(defaults).Decisions.Should().BeEmpty("the default greeting is blank until the call's is rendered");
    }

    [Theory]
    [InlineData('x')]
    [InlineData('E')]
    [InlineData(' ')]
    public void Only_keypad_keys_are_keys(char key)
    {
        var press = () => new KeyPressed(S(1), key);

        press.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void A_blank_caller_transcript_is_no_utterance()
    {
        var call = ActiveCall();

        call.Feed(new CallerTranscript(S(3), "  ")).Should().BeEmpty();

        call.Machine.CallerHasSpoken.Should().BeFalse();
        call.Machine.Turns.Should().Be(0);
    }
}
