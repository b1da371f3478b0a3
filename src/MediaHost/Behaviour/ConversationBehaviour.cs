using System.Diagnostics;
using System.Diagnostics.Metrics;
using ProSaaS.Domain.Calls;
using ProSaaS.Domain.Calls.Conversation;
using ProSaaS.Domain.Conversations.Speech;
using ProSaaS.Hosting.Calls;

namespace ProSaaS.MediaHost.Behaviour;

/// <summary>
/// The call's brain behind the behaviour seam: the Domain's <see cref="CallStateMachine"/> driven by the call's events, and
/// its decisions carried out through the <see cref="ICallHandle"/>. One per call, made from the call's configuration.
/// </summary>
/// <remarks>
/// <para>
/// <b>Turns.</b> The behaviour asks for every response itself (<see cref="DecidesResponses"/>: the AI session never answers
/// a turn on its own). A caller's turn is answered once its transcript is judged speech: the speech gate opened under it
/// (<see cref="CallerAudio.GateOpened"/>) and <see cref="TranscriptionFilter"/> keeps it. A turn set aside opens no
/// conversation turn, fills nothing, is not reported to the Api, and gets no answer; one that had cut the assistant off
/// lets it go on. A turn whose transcript does not come within <see cref="ConversationOptions.TranscriptWait"/> is answered
/// without it. A kept question the business's FAQ answers is answered with the FAQ's words at once.
/// </para>
/// <para>
/// <b>Speech edges and silence.</b> The caller's speech starts count (activating the call, stopping the silence count)
/// once the gate confirms them: at the turn's end, by its transcript, or earlier when a second of the line is loud enough
/// — line noise the service's detection takes for a turn does not reset the silence warnings.
/// </para>
/// <para>
/// <b>Orders.</b> Whatever the assistant is to say waits until it is silent (the audio played, no response of ours about
/// to begin); silence warnings still waiting when the caller speaks are dropped. A farewell is said and the line closes
/// once it has played (<see cref="ICallHandle.EndCall"/> after playback).
/// </para>
/// <para>
/// <b>The assistant's words.</b> After each finished utterance: a goodbye verdict for the hang-up policy; a question asking
/// for a phone number opens the number entry (the caller may say it or key it in); a read-back of details makes the
/// caller's next "yes" a confirmation; a loop changes tack (instructions) and then offers a callback by a person; a claim
/// no tool confirmed is corrected at once (instructions and a short spoken correction).
/// </para>
/// <para>
/// <b>Tools</b> go to the <see cref="ICallToolAnswerer"/> in the background; what it confirms feeds the state machine (lead
/// captured, end of call — refused while the conversation has not really begun).
/// </para>
/// <para>Events are handled one at a time, tool answers included (a lock), so the behaviour's state needs no more care.</para>
/// </remarks>
public sealed partial class ConversationBehaviour : ICallBehaviour
{
    private static readonly Meter Meter = new("ProSaaS.MediaHost.Conversation");

    private static readonly Histogram<double> FaqAnswerTime = Meter.CreateHistogram<double>(
        "prosaas.mediahost.faq_answer_time", "ms", "A caller's transcript arriving → the FAQ answer's say order sent.");

    private readonly CallConfig _config;
    private readonly CallBehaviourSettings _settings;
    private readonly ConversationOptions _options;
    private readonly ICallToolAnswerer _tools;
    private readonly ICallFaq _faq;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly ConversationLines _lines;
    private readonly string _phoneFieldKey;
    private readonly SemaphoreSlim _lock = new(1, 1);

    private readonly Dictionary<string, CallerTurn> _turns = new(StringComparer.Ordinal);
    private readonly Queue<Order> _orders = new();
    private readonly HashSet<string> _ownLines = new(StringComparer.Ordinal);
    private readonly List<string?> _assistantUtterances = [];
    private readonly List<string> _rules = [];

    private CallStateMachine? _machine;
    private string _baseInstructions = string.Empty;
    private CallerLanguage _callerLanguage;
    private CallerTurn? _speaking;
    private int _anonymousTurns;
    private long? _orderSentAtMs;
    private bool _greetingResponseDone;
    private bool _awaitingConfirmation;
    private bool _answerPending;
    private bool _escalated;
    private int _toolsOutstanding;
    private string? _toolEndReason;
    private bool _toolEndWhileSpeaking;

    public ConversationBehaviour(CallConfig config, ICallToolAnswerer tools, ICallFaq faq, ILogger<ConversationBehaviour> logger,
        ConversationOptions? options = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        _tools = tools ?? throw new ArgumentNullException(nameof(tools));
        _faq = faq ?? throw new ArgumentNullException(nameof(faq));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _options = options ?? ConversationOptions.Default;
        _clock = clock ?? TimeProvider.System;
        var (settings, problems) = CallBehaviourMapping.ToSettings(config);
        _settings = settings;
        foreach (var problem in problems)
        {
            LogSettingReplaced(_logger, config.CallId, problem);
        }

        _lines = ConversationLines.For(settings.Language);
        _callerLanguage = CallerLanguages.FromCode(settings.Language);
        _phoneFieldKey = config.LeadFields?.FirstOrDefault(f => string.Equals(f.Type, "phone", StringComparison.OrdinalIgnoreCase))?.Key ?? "phone";
    }

    public bool DecidesResponses => true;

    /// <summary>The state machine as it stands (null before the call started).</summary>
    public CallStateMachine? Machine => _machine;

    public async ValueTask OnEventAsync(CallEvent callEvent, ICallHandle call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callEvent);
        ArgumentNullException.ThrowIfNull(call);
        var received = Stopwatch.GetTimestamp();
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = Now(callEvent, call);
            if (callEvent is CallStarted)
            {
                await StartAsync(call, now, cancellationToken).ConfigureAwait(false);
                return;
            }

            if (_machine is null)
            {
                return;
            }

            switch (callEvent)
            {
                case CallerSpeechStarted started:
                    OnSpeechStarted(started, now);
                    break;
                case CallerSpeechStopped stopped:
                    OnSpeechStopped(stopped, now);
                    break;
                case CallerTranscript transcript:
                    await OnCallerTranscriptAsync(transcript, call, now, received, cancellationToken).ConfigureAwait(false);
                    break;
                case AssistantTranscript transcript:
                    await OnAssistantTranscriptAsync(transcript, call, now, cancellationToken).ConfigureAwait(false);
                    break;
                case ToolCalled tool:
                    StartAnswering(tool, call);
                    break;
                case ResponseFinished finished:
                    OnResponseFinished(finished);
                    break;
                case DtmfPressed key:
                    await OnKeyAsync(key, call, now, cancellationToken).ConfigureAwait(false);
                    break;
                case SilenceTick tick:
                    await OnTickAsync(tick, call, now, cancellationToken).ConfigureAwait(false);
                    break;
                case AiSessionReopened:
                    _orderSentAtMs = null;
                    if (_answerPending && Phase == CallPhase.Active)
                    {
                        await OrderAsync(Order.Respond(null), call, now, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                case StreamStopped stopped:
                    Feed(new CallInput.StreamStopped(now, CallMediaRules.TryParseMediaEndReason(stopped.Reason, out var reason) ? reason : CallEndReason.StreamLost));
                    _orders.Clear();
                    return;
            }

            await FlushAsync(call, now, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    private CallPhase Phase => _machine?.Phase ?? CallPhase.Warmup;

    private bool Closing => Phase is CallPhase.Closing or CallPhase.Ended;

    private async ValueTask StartAsync(ICallHandle call, TimeSpan now, CancellationToken cancellationToken)
    {
        if (_machine is not null)
        {
            return;
        }

        _baseInstructions = call.Instructions;
        var step = CallStateMachine.Start(_settings, now);
        _machine = step.Machine;
        await ExecuteAsync(step.Decisions, call, now, cancellationToken).ConfigureAwait(false);
        if (_settings.KeypadMenu is { } menu)
        {
            // Announced after the greeting (or at once when the caller is to speak first).
            await OrderAsync(Order.Say(menu.SpokenText), call, now, cancellationToken).ConfigureAwait(false);
        }
    }

    // ---- The caller's turns -------------------------------------------------------------------------------------------

    private void OnSpeechStarted(CallerSpeechStarted started, TimeSpan now)
    {
        var id = started.ItemId ?? $"turn-{++_anonymousTurns}";
        ForgetOldTurns(now);
        var turn = new CallerTurn(id, now) { InterruptedAssistant = started.InterruptedAssistant };
        _turns[id] = turn;
        _speaking = turn;
        if (started.InterruptedAssistant)
        {
            _orderSentAtMs = null; // the bridge cancelled what the assistant was saying or about to say
        }
    }

    private void OnSpeechStopped(CallerSpeechStopped stopped, TimeSpan now)
    {
        var turn = stopped.ItemId is { } id && _turns.TryGetValue(id, out var known) ? known : _speaking;
        if (turn is null)
        {
            return;
        }

        turn.StoppedAt = now;
        turn.Audio = stopped.Audio ?? turn.Audio;
        if (!turn.Confirmed && stopped.Audio is not { GateOpened: false })
        {
            Confirm(turn);
        }

        if (turn.Confirmed && !turn.StopFed)
        {
            turn.StopFed = true;
            Feed(new CallInput.CallerSpeechStopped(now));
        }

        if (ReferenceEquals(_speaking, turn))
        {
            _speaking = null;
        }
    }

    /// <summary>The turn is the caller's speech: its start counts (the call is active, the silence count stops).</summary>
    private void Confirm(CallerTurn turn)
    {
        if (turn.Confirmed)
        {
            return;
        }

        turn.Confirmed = true;
        Feed(new CallInput.CallerSpeechStarted(turn.StartedAt));
        if (turn.StoppedAt is { } stoppedAt && !turn.StopFed && !ReferenceEquals(_speaking, turn))
        {
            turn.StopFed = true;
            Feed(new CallInput.CallerSpeechStopped(stoppedAt));
        }

        // A silence warning not said yet is out of date: the caller is talking.
        DropOrders(static o => o.DropIfCallerSpeaks);
    }

    private async ValueTask OnCallerTranscriptAsync(CallerTranscript transcript, ICallHandle call, TimeSpan now, long received,
        CancellationToken cancellationToken)
    {
        _turns.Remove(transcript.ItemId, out var turn);
        if (turn is not null && ReferenceEquals(_speaking, turn))
        {
            _speaking = null;
        }

        var audio = transcript.Audio ?? turn?.Audio;
        var verdict = audio is { GateOpened: false }
            ? new TranscriptDecision(TranscriptVerdict.Drop, TranscriptReason.SilentAudio)
            : TranscriptionFilter.Evaluate(transcript.Text, _callerLanguage, audio is { } a ? new SpeechAudio(a.Duration, a.MeanLevel) : null);
        if (!verdict.Keep)
        {
            await SetAsideAsync(transcript, turn, audio, verdict, call, now, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (verdict.RequestedLanguage is { } language && language != _callerLanguage)
        {
            LogLanguageChanged(_logger, _config.CallId, language);
            _callerLanguage = language;
        }

        if (turn is not null && !turn.Confirmed)
        {
            Confirm(turn); // a kept transcript is the caller's speech, whatever the gate said of its start
        }

        var text = transcript.Text.Trim();
        var digits = _machine!.NumberEntry is not null ? HebrewNumbers.ExtractPhoneDigits(text) : null;
        await FeedAsync(new CallInput.CallerTranscript(now, text, HebrewGoodbye.Detect(text), digits), call, now, cancellationToken).ConfigureAwait(false);
        if (_awaitingConfirmation)
        {
            _awaitingConfirmation = false;
            if (HebrewConfirmation.Detect(text, answersQuestion: true) == ConfirmationKind.Confirmed)
            {
                await FeedAsync(new CallInput.DetailsConfirmed(now), call, now, cancellationToken).ConfigureAwait(false);
            }
        }

        if (Closing || call.IsEnding || turn?.Answered == true)
        {
            return;
        }

        if (turn is not null)
        {
            turn.Answered = true;
        }

        if (_faq.Find(text) is { } faq)
        {
            await OrderAsync(Order.FaqAnswer(faq, received), call, now, cancellationToken).ConfigureAwait(false);
            return;
        }

        _answerPending = true;
        await OrderAsync(Order.Respond(null), call, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A transcript that is not the caller's speech: kept from the Api and unanswered; a barge-in it caused is undone.</summary>
    private async ValueTask SetAsideAsync(CallerTranscript transcript, CallerTurn? turn, CallerAudio? audio, TranscriptDecision verdict,
        ICallHandle call, TimeSpan now, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(transcript.Text))
        {
            call.DiscardCallerTranscript(transcript.ItemId);
        }

        LogTranscriptSetAside(_logger, _config.CallId, transcript.ItemId, verdict.Reason, audio?.MeanLevel, audio?.GateOpened);
        if (turn is { InterruptedAssistant: true, Answered: false } && !Closing && !call.IsEnding)
        {
            // The assistant was cut off by noise or its own echo: it goes on where it stopped.
            turn.Answered = true;
            await OrderAsync(Order.Respond(_lines.ResumeInstructions), call, now, cancellationToken).ConfigureAwait(false);
        }
    }

    private void ForgetOldTurns(TimeSpan now)
    {
        foreach (var (id, turn) in _turns.Where(t => now - t.Value.StartedAt > TimeSpan.FromMinutes(1)).ToList())
        {
            _turns.Remove(id);
            if (ReferenceEquals(_speaking, turn))
            {
                _speaking = null;
            }
        }
    }

    // ---- The assistant's words ----------------------------------------------------------------------------------------

    private async ValueTask OnAssistantTranscriptAsync(AssistantTranscript transcript, ICallHandle call, TimeSpan now, CancellationToken cancellationToken)
    {
        var text = transcript.Text;
        var own = IsOwnLine(text);
        _answerPending = false;
        await FeedAsync(new CallInput.AssistantTranscriptDone(now, text, !own && HebrewGoodbye.Detect(text), transcript.Interrupted), call, now,
            cancellationToken).ConfigureAwait(false);
        if (!call.IsAssistantSpeaking)
        {
            await FeedAsync(new CallInput.AssistantAudioDone(now), call, now, cancellationToken).ConfigureAwait(false);
        }

        if (transcript.Interrupted)
        {
            _awaitingConfirmation = false;
            return;
        }

        if (own || Closing)
        {
            return;
        }

        _awaitingConfirmation = AssistantCues.AsksToConfirmDetails(text);
        if (_machine!.NumberEntry is null && AssistantCues.AsksForPhoneNumber(text))
        {
            await FeedAsync(new CallInput.NumberRequested(now), call, now, cancellationToken).ConfigureAwait(false);
        }

        _assistantUtterances.Add(text);
        if (_assistantUtterances.Count > _options.Loops.Window)
        {
            _assistantUtterances.RemoveAt(0);
        }

        switch (SemanticLoopDetector.Assess(_assistantUtterances, _options.Loops))
        {
            case LoopVerdict.ChangeTack:
                LogLoop(_logger, _config.CallId, LoopVerdict.ChangeTack);
                await AddRuleAsync(_lines.ChangeTackRule, call, cancellationToken).ConfigureAwait(false);
                break;
            case LoopVerdict.Escalate when !_escalated:
                LogLoop(_logger, _config.CallId, LoopVerdict.Escalate);
                _escalated = true;
                await AddRuleAsync(_lines.EscalateRule, call, cancellationToken).ConfigureAwait(false);
                await OrderAsync(Order.Say(_lines.CallbackOffer), call, now, cancellationToken).ConfigureAwait(false);
                break;
        }

        var claims = _tools.UnbackedClaims(text).Distinct().ToList();
        if (claims.Count > 0)
        {
            LogUnbackedClaims(_logger, _config.CallId, string.Join(", ", claims));
            await AddRuleAsync(_lines.ClaimRule, call, cancellationToken).ConfigureAwait(false);
            var correction = string.Join(' ', claims.Select(_lines.CorrectionOf));
            await OrderAsync(Order.Say(correction), call, now, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The assistant's words were a line the behaviour had it say (a warning, a correction, a FAQ answer): the model may
    /// render it a little differently, so a close match counts.
    /// </summary>
    private bool IsOwnLine(string text)
    {
        var normalized = HebrewText.Normalize(text);
        return _ownLines.Contains(normalized) || _ownLines.Any(line => SemanticLoopDetector.Similarity(line, normalized) >= OwnLineSimilarity);
    }

    private const double OwnLineSimilarity = 0.8;

    private async ValueTask AddRuleAsync(string rule, ICallHandle call, CancellationToken cancellationToken)
    {
        if (_rules.Contains(rule))
        {
            return;
        }

        _rules.Add(rule);
        await call.UpdateInstructionsAsync(_baseInstructions + "\n\n" + string.Join("\n\n", _rules), cancellationToken).ConfigureAwait(false);
    }

    // ---- Tools --------------------------------------------------------------------------------------------------------

    private void StartAnswering(ToolCalled tool, ICallHandle call)
    {
        _toolsOutstanding++;
        // Started here, in the order of the call's events: the answerer ties the tool to the response under way now.
        var answering = StartAnswer(tool, call);
        _ = Task.Run(async () =>
        {
            CallToolOutcome outcome;
            try
            {
                outcome = await answering.ConfigureAwait(false);
            }
            catch (Exception e)
            {
                LogToolFailed(_logger, e, _config.CallId, tool.Name, tool.ToolCallId);
                outcome = CallToolOutcome.Refused;
            }

            await _lock.WaitAsync().ConfigureAwait(false);
            try
            {
                _toolsOutstanding--;
                if (_machine is not null && !call.IsEnding)
                {
                    await OnToolAnsweredAsync(tool, outcome, call).ConfigureAwait(false);
                }
            }
            catch (Exception e)
            {
                LogToolFailed(_logger, e, _config.CallId, tool.Name, tool.ToolCallId);
            }
            finally
            {
                _lock.Release();
            }
        });
    }

    private Task<CallToolOutcome> StartAnswer(ToolCalled tool, ICallHandle call)
    {
        try
        {
            return _tools.AnswerAsync(tool, call, CancellationToken.None).AsTask();
        }
        catch (Exception e)
        {
            return Task.FromException<CallToolOutcome>(e);
        }
    }

    private async ValueTask OnToolAnsweredAsync(ToolCalled tool, CallToolOutcome outcome, ICallHandle call)
    {
        var now = call.Elapsed;
        LogToolAnswered(_logger, _config.CallId, tool.Name, outcome.Ok, outcome.EndCall);
        if (outcome.LeadCaptured)
        {
            await FeedAsync(new CallInput.LeadCaptured(now), call, now, CancellationToken.None).ConfigureAwait(false);
        }

        if (outcome.EndCall is { } end && !Closing)
        {
            var reason = end == MediaEndReasons.TransferredToHuman ? CallEndReason.TransferredToHuman : CallEndReason.AssistantEnded;
            _toolEndReason = end;
            _toolEndWhileSpeaking = call.IsAssistantSpeaking;
            await FeedAsync(new CallInput.HangupRequested(now, reason, _toolEndWhileSpeaking ? null : outcome.Farewell), call, now,
                CancellationToken.None).ConfigureAwait(false);
        }

        await FlushAsync(call, now, CancellationToken.None).ConfigureAwait(false);
    }

    private void OnResponseFinished(ResponseFinished finished)
    {
        _tools.OnResponseFinished(finished);
        _orderSentAtMs = null;
        if (_machine is { GreetingPending: true })
        {
            _greetingResponseDone = true;
        }

        if (finished.Status is "completed")
        {
            _answerPending = false;
        }
    }

    // ---- Keys, time ---------------------------------------------------------------------------------------------------

    private async ValueTask OnKeyAsync(DtmfPressed key, ICallHandle call, TimeSpan now, CancellationToken cancellationToken)
    {
        if (!CallInput.KeyPressed.Keys.Contains(key.Digit))
        {
            return;
        }

        if (_machine!.NumberEntry is null && _settings.KeypadMenu is null && char.IsAsciiDigit(key.Digit))
        {
            // Digits keyed with no menu to choose from: the caller is keying a number.
            await FeedAsync(new CallInput.NumberRequested(now), call, now, cancellationToken).ConfigureAwait(false);
        }

        DropOrders(static o => o.DropIfCallerSpeaks);
        await FeedAsync(new CallInput.KeyPressed(now, key.Digit), call, now, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask OnTickAsync(SilenceTick tick, ICallHandle call, TimeSpan now, CancellationToken cancellationToken)
    {
        if (_speaking is { Confirmed: false } pending && tick.CallerLevel >= _options.SpeakingLevel)
        {
            Confirm(pending);
        }

        foreach (var turn in _turns.Values.Where(t => t is { Confirmed: true, Answered: false, StoppedAt: not null }).ToList())
        {
            if (now - turn.StoppedAt!.Value >= _options.TranscriptWait && !Closing && !call.IsEnding)
            {
                LogAnsweredWithoutTranscript(_logger, _config.CallId, turn.Id);
                turn.Answered = true;
                _answerPending = true;
                await OrderAsync(Order.Respond(null), call, now, cancellationToken).ConfigureAwait(false);
            }
        }

        var speaking = call.IsAssistantSpeaking;
        if (_machine!.GreetingPending && _greetingResponseDone && !speaking && tick.AssistantSilentFor > TimeSpan.Zero)
        {
            // The greeting's words never came back as a transcript; its audio is over all the same.
            await FeedAsync(new CallInput.GreetingFinished(now), call, now, cancellationToken).ConfigureAwait(false);
        }

        var quietAssistant = !speaking && tick.AssistantSilentFor > TimeSpan.Zero && _toolsOutstanding == 0 && !OrderAboutToStart(now);
        await FeedAsync(new CallInput.SilenceTick(now, !quietAssistant), call, now, cancellationToken).ConfigureAwait(false);
    }

    // ---- The state machine and its decisions --------------------------------------------------------------------------

    private IReadOnlyList<CallDecision> Feed(CallInput input)
    {
        var step = _machine!.Handle(input);
        _machine = step.Machine;
        return step.Decisions;
    }

    private async ValueTask FeedAsync(CallInput input, ICallHandle call, TimeSpan now, CancellationToken cancellationToken) =>
        await ExecuteAsync(Feed(input), call, now, cancellationToken).ConfigureAwait(false);

    private async ValueTask ExecuteAsync(IReadOnlyList<CallDecision> decisions, ICallHandle call, TimeSpan now, CancellationToken cancellationToken)
    {
        foreach (var decision in decisions)
        {
            switch (decision)
            {
                case CallDecision.Say say:
                    await OrderAsync(Order.Say(say.Text), call, now, cancellationToken).ConfigureAwait(false);
                    break;
                case CallDecision.WarnSilence warn:
                    LogSilenceWarning(_logger, _config.CallId, warn.Number);
                    await OrderAsync(Order.Say(warn.Text) with { DropIfCallerSpeaks = true }, call, now, cancellationToken).ConfigureAwait(false);
                    break;
                case CallDecision.BeginClosing closing:
                    LogClosing(_logger, _config.CallId, closing.Reason);
                    DropOrders(static o => o.Kind != OrderKind.Say || o.DropIfCallerSpeaks);
                    break;
                case CallDecision.HangUpAfterSpeech hangUp:
                {
                    var reason = MediaReason(hangUp.Reason);
                    var farewell = _toolEndWhileSpeaking ? null : hangUp.Farewell;
                    if (farewell is null)
                    {
                        call.EndCall(reason, afterPlayback: true);
                    }
                    else
                    {
                        await OrderAsync(Order.Say(farewell) with { EndReason = reason }, call, now, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                }

                case CallDecision.HangUpNow hangUp:
                    call.EndCall(MediaReason(hangUp.Reason), afterPlayback: false);
                    break;
                case CallDecision.HangupRefused:
                    LogHangupRefused(_logger, _config.CallId);
                    _toolEndReason = null;
                    _toolEndWhileSpeaking = false;
                    await OrderAsync(Order.Respond(_lines.HangupRefusedInstructions), call, now, cancellationToken).ConfigureAwait(false);
                    break;
                case CallDecision.MenuChosen chosen:
                    LogMenuChosen(_logger, _config.CallId, chosen.Entry.Key, chosen.Entry.Action);
                    if (chosen.Entry.Action is not (KeypadAction.Repeat or KeypadAction.CustomText))
                    {
                        await OrderAsync(Order.Respond(string.Format(System.Globalization.CultureInfo.InvariantCulture, _lines.MenuChoiceInstructions,
                            chosen.Entry.SpokenLabel)), call, now, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                case CallDecision.NumberCaptured captured:
                    LogNumberCaptured(_logger, _config.CallId, captured.Source);
                    await call.ReportAsync(new FieldsCollectedCommand(Guid.CreateVersion7(), _clock.GetUtcNow(),
                        new Dictionary<string, string> { [_phoneFieldKey] = captured.E164 }), cancellationToken).ConfigureAwait(false);
                    if (captured.Source == NumberSource.Keypad)
                    {
                        var national = captured.E164.StartsWith("+972", StringComparison.Ordinal) ? "0" + captured.E164[4..] : captured.E164;
                        await OrderAsync(Order.Respond(string.Format(System.Globalization.CultureInfo.InvariantCulture, _lines.KeyedNumberInstructions,
                            string.Join(' ', national.ToCharArray()))), call, now, cancellationToken).ConfigureAwait(false);
                    }

                    break;
                case CallDecision.NumberRejected rejected:
                    LogNumberNotTaken(_logger, _config.CallId, rejected.Source, "rejected");
                    break;
                case CallDecision.NumberAbandoned abandoned:
                    LogNumberNotTaken(_logger, _config.CallId, abandoned.Source, "abandoned");
                    break;
            }
        }
    }

    /// <summary>The media host's end reason for the machine's: the model's own end-call reason when it gave one.</summary>
    private string MediaReason(CallEndReason reason) => reason switch
    {
        CallEndReason.UserGoodbye => MediaEndReasons.UserGoodbye,
        CallEndReason.Silence => MediaEndReasons.Silence,
        CallEndReason.MaxDuration => MediaEndReasons.MaxDuration,
        CallEndReason.TransferredToHuman => MediaEndReasons.TransferredToHuman,
        CallEndReason.AssistantEnded when _toolEndReason == MediaEndReasons.UserGoodbye => MediaEndReasons.UserGoodbye,
        _ => MediaEndReasons.AssistantEnded,
    };

    // ---- Orders -------------------------------------------------------------------------------------------------------

    private async ValueTask OrderAsync(Order order, ICallHandle call, TimeSpan now, CancellationToken cancellationToken)
    {
        _orders.Enqueue(order);
        await FlushAsync(call, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends what waits, in order, while the assistant is silent; one at a time (each begins a response).</summary>
    private async ValueTask FlushAsync(ICallHandle call, TimeSpan now, CancellationToken cancellationToken)
    {
        while (_orders.Count > 0 && !call.IsEnding && !Busy(call, now))
        {
            var order = _orders.Dequeue();
            if (order.Kind == OrderKind.Respond && Closing)
            {
                continue; // nothing new once the call is closing
            }

            _orderSentAtMs = (long)now.TotalMilliseconds;
            switch (order.Kind)
            {
                case OrderKind.Respond:
                    await call.RespondAsync(order.Text, cancellationToken).ConfigureAwait(false);
                    break;
                case OrderKind.Say:
                    _ownLines.Add(HebrewText.Normalize(order.Text));
                    await call.SayAsync(order.Text!, cancellationToken).ConfigureAwait(false);
                    if (order.Faq is { } faq)
                    {
                        var ms = Stopwatch.GetElapsedTime(order.ReceivedTicks).TotalMilliseconds;
                        FaqAnswerTime.Record(ms);
                        LogFaqAnswered(_logger, _config.CallId, faq.MatchedOn, faq.Score, ms);
                    }

                    if (order.EndReason is { } reason)
                    {
                        EndAfterSpeechStarts(call, reason);
                    }

                    break;
            }
        }
    }

    /// <summary>The assistant is speaking, or a response we asked for has not begun yet.</summary>
    private bool Busy(ICallHandle call, TimeSpan now)
    {
        if (call.IsAssistantSpeaking)
        {
            _orderSentAtMs = null; // what we asked for has begun (its audio keeps the assistant speaking)
            return true;
        }

        return OrderAboutToStart(now);
    }

    private bool OrderAboutToStart(TimeSpan now) =>
        _orderSentAtMs is { } sent && now.TotalMilliseconds - sent < _options.ResponseStartWait.TotalMilliseconds;

    private void DropOrders(Func<Order, bool> drop)
    {
        if (_orders.Count == 0)
        {
            return;
        }

        var kept = _orders.Where(o => !drop(o)).ToList();
        _orders.Clear();
        foreach (var order in kept)
        {
            _orders.Enqueue(order);
        }
    }

    /// <summary>The line closes once the farewell has begun and then played (the session waits for the playback, at most 15 s).</summary>
    private void EndAfterSpeechStarts(ICallHandle call, string reason)
    {
        var wait = _options.ResponseStartWait;
        _ = Task.Run(async () =>
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(wait.TotalSeconds * Stopwatch.Frequency);
            while (!call.IsAssistantSpeaking && !call.IsEnding && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(20).ConfigureAwait(false);
            }

            call.EndCall(reason, afterPlayback: true);
        });
    }

    private static TimeSpan Now(CallEvent callEvent, ICallHandle call) =>
        TimeSpan.FromMilliseconds(Math.Max(callEvent.OffsetMs, (long)call.Elapsed.TotalMilliseconds));

    /// <summary>A caller's turn as the service's speech detection reported it.</summary>
    private sealed class CallerTurn(string id, TimeSpan startedAt)
    {
        public string Id { get; } = id;

        public TimeSpan StartedAt { get; } = startedAt;

        public TimeSpan? StoppedAt { get; set; }

        public CallerAudio? Audio { get; set; }

        public bool InterruptedAssistant { get; init; }

        /// <summary>Taken for the caller's speech (the state machine has its start).</summary>
        public bool Confirmed { get; set; }

        public bool StopFed { get; set; }

        /// <summary>Answered (or resumed over): nothing more is asked for it.</summary>
        public bool Answered { get; set; }
    }

    private enum OrderKind
    {
        Say,
        Respond,
    }

    /// <summary>Something the assistant is to say (word for word) or a response to ask for (with instructions for it only).</summary>
    private sealed record Order(OrderKind Kind, string? Text)
    {
        public bool DropIfCallerSpeaks { get; init; }

        /// <summary>The line closes with this reason once the words have played.</summary>
        public string? EndReason { get; init; }

        public CallFaqAnswer? Faq { get; init; }

        public long ReceivedTicks { get; init; }

        public static Order Say(string text) => new(OrderKind.Say, text);

        public static Order Respond(string? instructions) => new(OrderKind.Respond, instructions);

        public static Order FaqAnswer(CallFaqAnswer answer, long receivedTicks) =>
            new(OrderKind.Say, answer.Answer) { Faq = answer, ReceivedTicks = receivedTicks };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: the call's setting {Problem} cannot run a call; its default is used")]
    private static partial void LogSettingReplaced(ILogger logger, Guid callId, string problem);

    [LoggerMessage(Level = LogLevel.Debug,
        Message = "Call {CallId}: caller transcript {ItemId} set aside ({Reason}; level {Level}, gate opened {GateOpened})")]
    private static partial void LogTranscriptSetAside(ILogger logger, Guid callId, string itemId, TranscriptReason reason, double? level, bool? gateOpened);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: the caller asked for {Language}")]
    private static partial void LogLanguageChanged(ILogger logger, Guid callId, CallerLanguage language);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: FAQ answer ({MatchedOn}, score {Score:0.00}) ordered {ElapsedMs:0.0} ms after the caller's transcript")]
    private static partial void LogFaqAnswered(ILogger logger, Guid callId, string matchedOn, double score, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: no transcript of caller turn {ItemId} in time; answered without it")]
    private static partial void LogAnsweredWithoutTranscript(ILogger logger, Guid callId, string itemId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: the assistant repeats itself ({Verdict})")]
    private static partial void LogLoop(ILogger logger, Guid callId, LoopVerdict verdict);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: the assistant claimed what no tool confirmed ({Claims}); corrected")]
    private static partial void LogUnbackedClaims(ILogger logger, Guid callId, string claims);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: tool {Tool} answered (ok: {Ok}, end: {EndCall})")]
    private static partial void LogToolAnswered(ILogger logger, Guid callId, string tool, bool ok, string? endCall);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId}: tool {Tool} ({ToolCallId}) could not be answered")]
    private static partial void LogToolFailed(ILogger logger, Exception exception, Guid callId, string tool, string toolCallId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: silence warning {Number}")]
    private static partial void LogSilenceWarning(ILogger logger, Guid callId, int number);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: closing ({Reason})")]
    private static partial void LogClosing(ILogger logger, Guid callId, CallEndReason reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: the model's end of the call was refused (no conversation yet)")]
    private static partial void LogHangupRefused(ILogger logger, Guid callId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: keypad menu {Key} ({Action})")]
    private static partial void LogMenuChosen(ILogger logger, Guid callId, char key, KeypadAction action);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: phone number captured ({Source})")]
    private static partial void LogNumberCaptured(ILogger logger, Guid callId, NumberSource source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: phone number entry {Outcome} ({Source})")]
    private static partial void LogNumberNotTaken(ILogger logger, Guid callId, NumberSource source, string outcome);
}

/// <summary>A <see cref="ConversationBehaviour"/> per call, with the call's tool answerer and FAQ.</summary>
public sealed class ConversationBehaviourFactory(
    ICallToolAnswererFactory tools, ICallFaqSource faq, ILoggerFactory loggers, TimeProvider clock, ConversationOptions? options = null)
    : ICallBehaviourFactory
{
    public ICallBehaviour Create(CallConfig config) =>
        new ConversationBehaviour(config, tools.Create(config), faq.For(config), loggers.CreateLogger<ConversationBehaviour>(), options, clock: clock);
}
