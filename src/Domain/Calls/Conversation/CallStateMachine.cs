namespace ProSaaS.Domain.Calls.Conversation;

/// <summary>The machine after an input, and what it decided, in order (often nothing).</summary>
public sealed record CallStep(CallStateMachine Machine, IReadOnlyList<CallDecision> Decisions)
{
    public CallPhase Phase => Machine.Phase;
}

/// <summary>
/// The call's brain: one per call, made from the call's <see cref="CallBehaviourSettings"/> when it starts, fed every
/// <see cref="CallInput"/> in order, answering with <see cref="CallDecision"/>s. Immutable: <see cref="Handle"/> returns the
/// next machine, so a call keeps the current one in a field and every step can be replayed and tested.
/// </summary>
/// <remarks>
/// <para>The phases (<see cref="CallPhase"/>) only move forward, through <see cref="CallPhases.CanMove"/>:</para>
/// <list type="bullet">
/// <item><b>Warmup</b>: the greeting plays (when the bot speaks first) or the assistant waits for the caller. The end of the
/// greeting, or the first sign of the caller (speech, a transcript, a key), moves the call to Active: a caller who talks
/// over the greeting is in a conversation. The assistant's goodbye verdicts are ignored here, and the hang-up policy is
/// not consulted: nothing has been said yet that could end a call. Silence counts (a caller who never answers is warned).</item>
/// <item><b>Active</b>: after each caller and assistant utterance, captured lead and confirmation, <see cref="HangupPolicy"/>
/// decides whether to close. Silence is watched by <see cref="SilenceMonitor"/>, except while a caller's goodbye awaits the
/// assistant's answer (a "are you still there?" after "bye" would be absurd): if the model does not answer it within
/// <see cref="CallBehaviourSettings.GoodbyeAnswerGrace"/>, a farewell is said for it and the call closes.</item>
/// <item><b>Closing</b> (from Warmup or Active: the hang-up policy, the silence's last warning, the longest call length, the
/// model's end-call or transfer tool): <see cref="CallDecision.BeginClosing"/> and
/// <see cref="CallDecision.HangUpAfterSpeech"/> are decided once; the assistant finishes speaking and the line closes.
/// Nothing reopens the conversation: caller speech, keys and transcripts are ignored. Should the call still be closing
/// after <see cref="CallBehaviourSettings.ClosingTimeout"/>, it is hung up at once.</item>
/// <item><b>Ended</b>: after the stream stopped (or the backstop hung up); every input is ignored.</item>
/// </list>
/// <para>Keys: while a number is wanted (<see cref="CallInput.NumberRequested"/>) they go to the <see cref="PhoneNumberEntry"/>,
/// which also takes the digits the caller says; otherwise to the business's <see cref="KeypadMenu"/>, if any. The machine
/// says the keypad prompts itself (the model does not hear keys) and leaves spoken numbers to the model.</para>
/// </remarks>
public sealed record CallStateMachine
{
    private static readonly IReadOnlyList<CallDecision> Nothing = [];

    private CallStateMachine(CallBehaviourSettings settings, SilenceMonitor silence)
    {
        Settings = settings;
        Silence = silence;
    }

    /// <summary>Starts a call at <paramref name="at"/>: Warmup, and the greeting when the bot speaks first.</summary>
    public static CallStep Start(CallBehaviourSettings settings, TimeSpan at = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.EnsureValid();
        var greeting = settings.Greeting.Trim();
        var speaksFirst = settings.BotSpeaksFirst && greeting.Length > 0;
        var machine = new CallStateMachine(settings, SilenceMonitor.Start(settings.Silence, at)) { GreetingPending = speaksFirst };
        return new CallStep(machine, speaksFirst ? [new CallDecision.Say(greeting)] : Nothing);
    }

    public CallBehaviourSettings Settings { get; }

    public CallPhase Phase { get; private init; } = CallPhase.Warmup;

    /// <summary>The greeting was ordered and has not finished playing.</summary>
    public bool GreetingPending { get; private init; }

    public bool CallerHasSpoken { get; private init; }

    /// <summary>Finished utterances by either side, counted from the caller's first (see <see cref="HangupFacts.ConversationTurns"/>).</summary>
    public int Turns { get; private init; }

    /// <summary>The caller's latest utterance was a goodbye (at <see cref="CallerGoodbyeAt"/>).</summary>
    public bool CallerSaidGoodbye { get; private init; }

    public TimeSpan? CallerGoodbyeAt { get; private init; }

    public bool AssistantRespondedToGoodbye { get; private init; }

    /// <summary>The assistant's latest finished utterance, since the caller last spoke, was a goodbye.</summary>
    public bool AssistantSaidGoodbye { get; private init; }

    public bool LeadCaptured { get; private init; }

    public bool DetailsConfirmed { get; private init; }

    public SilenceMonitor Silence { get; private init; }

    /// <summary>The number wanted, while one is (null otherwise).</summary>
    public PhoneNumberEntry? NumberEntry { get; private init; }

    /// <summary>Why the call is closing or ended: the machine's own reason, or the stream's when it stopped first.</summary>
    public CallEndReason? EndReason { get; private init; }

    /// <summary>When the call started closing.</summary>
    public TimeSpan? ClosingSince { get; private init; }

    /// <summary>The facts the hang-up policy decides on, as they stand.</summary>
    public HangupFacts Facts(bool goodbyeUnanswered = false) => new()
    {
        AutoEndOnLeadCaptured = Settings.AutoEndOnLeadCaptured,
        AutoEndOnGoodbye = Settings.AutoEndOnGoodbye,
        CallerHasSpoken = CallerHasSpoken,
        CallerSaidGoodbye = CallerSaidGoodbye,
        AssistantRespondedToGoodbye = AssistantRespondedToGoodbye,
        GoodbyeUnanswered = goodbyeUnanswered,
        AssistantSaidGoodbye = AssistantSaidGoodbye,
        LeadCaptured = LeadCaptured,
        DetailsConfirmed = DetailsConfirmed,
        ConversationTurns = Turns,
    };

    public CallStep Handle(CallInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        switch (Phase)
        {
            case CallPhase.Ended:
                return Unchanged();
            case CallPhase.Closing:
                return input switch
                {
                    CallInput.StreamStopped stopped => End(stopped),
                    CallInput.SilenceTick tick => ClosingTick(tick),
                    _ => Unchanged(),
                };
        }

        return input switch
        {
            CallInput.GreetingFinished finished => GreetingPending ? Step(GreetingDone(finished.At)) : Unchanged(),
            CallInput.AssistantAudioDone done => Step(GreetingPending
                ? GreetingDone(done.At)
                : this with { Silence = Silence.AssistantStopped(done.At) }),
            CallInput.CallerSpeechStarted started => Step(Activate() with { Silence = Silence.CallerStartedSpeaking(started.At) }),
            CallInput.CallerSpeechStopped stopped => Step(Activate() with { Silence = Silence.CallerStoppedSpeaking(stopped.At) }),
            CallInput.CallerTranscript transcript => CallerSaid(transcript),
            CallInput.AssistantTranscriptDone transcript => AssistantSaid(transcript),
            CallInput.LeadCaptured captured => Consult(this with { LeadCaptured = true }, captured.At),
            CallInput.DetailsConfirmed confirmed => Consult(this with { DetailsConfirmed = true }, confirmed.At),
            CallInput.SilenceTick tick => Tick(tick),
            CallInput.MaxDurationReached reached => Close(reached.At, CallEndReason.MaxDuration, Settings.Lines.MaxDurationFarewell),
            CallInput.KeyPressed key => KeyPressed(key),
            CallInput.NumberRequested => Step(this with
            {
                NumberEntry = PhoneNumberEntry.Start(Settings.NumberEntry, Settings.NumberEntryAttempts),
            }),
            CallInput.HangupRequested request => HangupRequested(request),
            CallInput.StreamStopped stopped => End(stopped),
            _ => throw new ArgumentOutOfRangeException(nameof(input), input.GetType().Name, "Unknown call input."),
        };
    }

    private CallStep CallerSaid(CallInput.CallerTranscript transcript)
    {
        if (string.IsNullOrWhiteSpace(transcript.Text))
        {
            return Unchanged();
        }

        var machine = Activate() with
        {
            CallerHasSpoken = true,
            Turns = Turns + 1,
            CallerSaidGoodbye = transcript.SaidGoodbye,
            CallerGoodbyeAt = transcript.SaidGoodbye ? transcript.At : null,
            AssistantRespondedToGoodbye = false,
            AssistantSaidGoodbye = false,
            Silence = Silence.CallerActed(transcript.At),
        };

        var decisions = new List<CallDecision>();
        if (machine.NumberEntry is { } entry && transcript.SpokenDigits is { } digits)
        {
            machine = machine.NumberStep(entry.Spoken(digits, transcript.At), decisions);
        }

        return Consult(machine, transcript.At, decisions);
    }

    private CallStep AssistantSaid(CallInput.AssistantTranscriptDone transcript)
    {
        if (Phase == CallPhase.Warmup)
        {
            // The greeting, or a warning to a caller who has not spoken: its "שלום" is not a goodbye, nor is it a conversation.
            return Unchanged();
        }

        var finished = !transcript.Interrupted;
        return Consult(this with
        {
            Turns = CallerHasSpoken ? Turns + 1 : Turns,
            AssistantSaidGoodbye = finished && transcript.SaidGoodbye,
            AssistantRespondedToGoodbye = AssistantRespondedToGoodbye || (CallerSaidGoodbye && finished),
        }, transcript.At);
    }

    private CallStep Tick(CallInput.SilenceTick tick)
    {
        if (tick.At >= TimeSpan.FromSeconds(Settings.MaxCallSeconds))
        {
            return Close(tick.At, CallEndReason.MaxDuration, Settings.Lines.MaxDurationFarewell);
        }

        var decisions = new List<CallDecision>();
        var machine = NumberEntry is { } entry ? NumberStep(entry.Tick(tick.At), decisions) : this;

        var awaitingAnswerToGoodbye = Phase == CallPhase.Active && Settings.AutoEndOnGoodbye && CallerSaidGoodbye && !AssistantRespondedToGoodbye;
        if (awaitingAnswerToGoodbye)
        {
            var unanswered = !tick.AssistantSpeaking && CallerGoodbyeAt is { } saidAt && tick.At - saidAt >= Settings.GoodbyeAnswerGrace;
            return unanswered
                ? Consult(machine, tick.At, decisions, goodbyeUnanswered: true)
                : new CallStep(machine with { Silence = machine.Silence.Hold(tick.At) }, decisions);
        }

        var silence = machine.Silence.Tick(tick.At, tick.AssistantSpeaking);
        machine = machine with { Silence = silence.Monitor };
        switch (silence.Verdict.Kind)
        {
            case SilenceVerdictKind.Warn:
                decisions.Add(new CallDecision.WarnSilence(silence.Verdict.Warning, Settings.Lines.SilenceWarning(silence.Verdict.Warning)));
                break;
            case SilenceVerdictKind.HangUp:
                return machine.Close(tick.At, CallEndReason.Silence, Settings.Lines.SilenceFarewell, decisions);
        }

        return new CallStep(machine, decisions);
    }

    private CallStep KeyPressed(CallInput.KeyPressed key)
    {
        var machine = Activate() with { Silence = Silence.CallerActed(key.At) };
        var decisions = new List<CallDecision>();
        if (machine.NumberEntry is { } entry)
        {
            return new CallStep(machine.NumberStep(entry.Key(key.Key, key.At), decisions), decisions);
        }

        if (Settings.KeypadMenu?.Find(key.Key) is { } chosen)
        {
            decisions.Add(new CallDecision.MenuChosen(chosen));
            switch (chosen.Action)
            {
                case KeypadAction.Repeat:
                    decisions.Add(new CallDecision.Say(Settings.KeypadMenu.SpokenText));
                    break;
                case KeypadAction.CustomText:
                    decisions.Add(new CallDecision.Say(chosen.Text!));
                    break;
            }
        }

        return new CallStep(machine, decisions);
    }

    private CallStep HangupRequested(CallInput.HangupRequested request)
    {
        if (request.Reason == CallEndReason.TransferredToHuman)
        {
            return Close(request.At, CallEndReason.TransferredToHuman, request.Farewell ?? Settings.Lines.TransferFarewell);
        }

        if (!HangupPolicy.AllowsAssistantToEnd(Facts()))
        {
            return Step(this, new CallDecision.HangupRefused(request.Reason));
        }

        var farewell = request.Farewell ?? (AssistantSaidGoodbye ? null : Settings.Lines.AssistantEndedFarewell);
        return Close(request.At, CallEndReason.AssistantEnded, farewell);
    }

    /// <summary>Asks the hang-up policy (in Active only) and closes the call when it says so.</summary>
    private static CallStep Consult(CallStateMachine machine, TimeSpan at, List<CallDecision>? decisions = null, bool goodbyeUnanswered = false)
    {
        decisions ??= [];
        if (machine.Phase != CallPhase.Active)
        {
            return new CallStep(machine, decisions);
        }

        var decision = HangupPolicy.Decide(machine.Facts(goodbyeUnanswered));
        if (!decision.HangUp)
        {
            return new CallStep(machine, decisions);
        }

        var farewell = decision.Timing == HangupTiming.AfterFarewell
            ? decision.Case == HangupCase.UserGoodbye ? machine.Settings.Lines.GoodbyeFarewell : machine.Settings.Lines.LeadCapturedFarewell
            : null;
        return machine.Close(at, decision.Reason!.Value, farewell, decisions);
    }

    private CallStep Close(TimeSpan at, CallEndReason reason, string? farewell, List<CallDecision>? decisions = null)
    {
        decisions ??= [];
        decisions.Add(new CallDecision.BeginClosing(reason));
        decisions.Add(new CallDecision.HangUpAfterSpeech(reason, farewell));
        var machine = MoveTo(CallPhase.Closing) with { EndReason = reason, ClosingSince = at, NumberEntry = null, GreetingPending = false };
        return new CallStep(machine, decisions);
    }

    private CallStep ClosingTick(CallInput.SilenceTick tick) =>
        ClosingSince is { } since && tick.At - since >= Settings.ClosingTimeout
            ? Step(MoveTo(CallPhase.Ended), new CallDecision.HangUpNow(EndReason!.Value))
            : Unchanged();

    private CallStep End(CallInput.StreamStopped stopped) =>
        Step(MoveTo(CallPhase.Ended) with { EndReason = EndReason ?? stopped.Reason, NumberEntry = null, GreetingPending = false });

    private CallStateMachine NumberStep(NumberEntryStep step, List<CallDecision> decisions)
    {
        switch (step.Outcome)
        {
            case null:
                return this with { NumberEntry = step.Entry };
            case { Status: NumberEntryStatus.Captured } captured:
                decisions.Add(new CallDecision.NumberCaptured(captured.E164!, captured.Source));
                break;
            case { Status: NumberEntryStatus.Rejected } rejected:
                decisions.Add(new CallDecision.NumberRejected(rejected.Source, rejected.Heard));
                if (rejected.Source == NumberSource.Keypad)
                {
                    decisions.Add(new CallDecision.Say(Settings.Lines.NumberInvalid));
                }

                break;
            case { Status: NumberEntryStatus.Abandoned } abandoned:
                decisions.Add(new CallDecision.NumberAbandoned(abandoned.Source));
                if (abandoned.Source == NumberSource.Keypad)
                {
                    decisions.Add(new CallDecision.Say(Settings.Lines.NumberGiveUp));
                }

                break;
        }

        return this with { NumberEntry = step.Entry.IsFinished ? null : step.Entry };
    }

    private CallStateMachine GreetingDone(TimeSpan at) =>
        MoveTo(CallPhase.Active) with { GreetingPending = false, Silence = Silence.AssistantStopped(at) };

    /// <summary>The first sign of the caller ends the warm-up, greeting or not.</summary>
    private CallStateMachine Activate() => MoveTo(CallPhase.Active) with { GreetingPending = false };

    /// <summary>The one place the phase changes, and only along <see cref="CallPhases.CanMove"/>.</summary>
    private CallStateMachine MoveTo(CallPhase next)
    {
        if (next == Phase)
        {
            return this;
        }

        return CallPhases.CanMove(Phase, next)
            ? this with { Phase = next }
            : throw new InvalidOperationException($"A call cannot move from {Phase} to {next}.");
    }

    private CallStep Unchanged() => new(this, Nothing);

    private static CallStep Step(CallStateMachine machine) => new(machine, Nothing);

    private static CallStep Step(CallStateMachine machine, CallDecision decision) => new(machine, [decision]);
}
