using System.Diagnostics;
using System.Net.WebSockets;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Behaviour;

namespace ProSaaS.MediaHost.Calls;

public sealed partial class CallSession
{
    private static readonly TimeSpan EndAfterPlaybackLimit = TimeSpan.FromSeconds(15);

    // Cancelled only when the behaviour overstays the call's end.
    private readonly CancellationTokenSource _behaviourStopping = new();

    /// <summary>
    /// The behaviour's events, one at a time, and the call's facts to the outbox, in the order they happened. Events before
    /// <see cref="CallStarted"/> (a key pressed while the AI session opens) wait for it; a call whose AI session never opened
    /// gives the behaviour nothing. A caller's transcript turn is reported once the behaviour has handled its
    /// <see cref="CallerTranscript"/>, unless the behaviour set it aside.
    /// </summary>
    private async Task RunControlAsync()
    {
        List<CallEvent>? early = [];
        await foreach (var item in _control.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (item.Event is not { } callEvent || Behaviour is null)
            {
                if (item.Command is { } command)
                {
                    await ReportAsync(command).ConfigureAwait(false);
                }

                continue;
            }

            if (early is not null)
            {
                if (callEvent is not CallStarted)
                {
                    if (item.Command is { } before)
                    {
                        await ReportAsync(before).ConfigureAwait(false); // nothing can set it aside before the call started
                    }

                    early.Add(callEvent);
                    continue;
                }

                await DeliverAsync(callEvent).ConfigureAwait(false);
                foreach (var waiting in early)
                {
                    if (waiting is not StreamStopped)
                    {
                        await DeliverAsync(waiting).ConfigureAwait(false);
                    }
                }

                early = null;
                continue;
            }

            await DeliverAsync(callEvent).ConfigureAwait(false);
            if (item.Command is { } turn)
            {
                await ReportTurnAsync(callEvent, turn).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A caller's transcript turn after the behaviour handled it: reported, or forgotten when it was set aside.</summary>
    private async ValueTask ReportTurnAsync(CallEvent callEvent, CallCommand turn)
    {
        bool discarded;
        lock (_gate)
        {
            discarded = callEvent is CallerTranscript transcript && _discardedTranscripts.Contains(transcript.ItemId);
            _discardedTranscripts.Clear();
            if (discarded && turn is TranscriptTurnCommand { Speaker: var speaker, Text: var text })
            {
                var index = _conversation.FindLastIndex(t => t.Speaker == speaker && t.Text == text);
                if (index >= 0)
                {
                    _conversation.RemoveAt(index);
                }
            }
        }

        if (discarded)
        {
            LogTranscriptDiscarded(_logger, CallId, ((CallerTranscript)callEvent).ItemId);
            return;
        }

        await ReportAsync(turn).ConfigureAwait(false);
    }

    private async ValueTask DeliverAsync(CallEvent callEvent)
    {
        try
        {
            await Behaviour!.OnEventAsync(callEvent, Handle, _behaviourStopping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !_behaviourStopping.IsCancellationRequested)
        {
            LogBehaviourFailed(_logger, e, CallId, callEvent.GetType().Name);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>A <see cref="SilenceTick"/> every second from the moment the call started.</summary>
    private async Task TickAsync()
    {
        try
        {
            await _firstSessionOpen.Task.WaitAsync(_stopping.Token).ConfigureAwait(false);
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), _services.Clock);
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                double level;
                bool speaking;
                long lastPlayed;
                lock (_gate)
                {
                    level = _levelFrames > 0 ? _levelSum / _levelFrames : 0;
                    _levelSum = 0;
                    _levelFrames = 0;
                    speaking = AssistantSpeaking();
                    lastPlayed = _assistantLastPlayedMs;
                }

                if (_options.StreamIdleSeconds > 0
                    && Stopwatch.GetElapsedTime(Volatile.Read(ref _lastTwilioMessageTicks)).TotalSeconds >= _options.StreamIdleSeconds)
                {
                    LogStreamIdle(_logger, CallId, _options.StreamIdleSeconds);
                    RequestEnd(MediaEndReasons.StreamLost);
                    return;
                }

                var now = OffsetMs;
                var callerSilent = _callerSpeaking ? 0 : Math.Max(0, now - Volatile.Read(ref _callerSilentSinceMs));
                var assistantSilent = speaking ? 0 : Math.Max(0, now - lastPlayed);
                _control.Writer.TryWrite(ControlItem.Of(new SilenceTick(now, TimeSpan.FromMilliseconds(callerSilent),
                    TimeSpan.FromMilliseconds(assistantSilent), Math.Round(level, 1))));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Under the lock: a response is being generated or its audio is still playing.</summary>
    private bool AssistantSpeaking() => _responseInFlight is not null || _tracker.IsPlaying;

    /// <summary>Waits (a little) for the caller's last words to be transcribed before the AI session is closed.</summary>
    private async Task WaitForCallerTranscriptsAsync(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (Volatile.Read(ref _pendingCallerTranscripts) > 0 && DateTime.UtcNow < deadline && Volatile.Read(ref _ai) is not null)
        {
            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    private async ValueTask SendToAiAsync<TState>(TState state, Func<RealtimeConnectionSender, TState, ValueTask> send, CancellationToken cancellationToken)
    {
        if (_ending)
        {
            return;
        }

        try
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, cancellationToken);
            wait.CancelAfter(TimeSpan.FromSeconds(_options.AiReconnectSeconds + 1));
            var connection = await CurrentAiAsync(wait.Token).ConfigureAwait(false);
            await send(new RealtimeConnectionSender(connection, _stopping.Token), state).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException or TimeoutException or IOException)
        {
            LogOrderDropped(_logger, CallId);
        }
    }

    /// <summary>A session and the token its sends use, handed to an order.</summary>
    private readonly record struct RealtimeConnectionSender(Realtime.RealtimeConnection Connection, CancellationToken Token);

    /// <summary>The behaviour's view of the call.</summary>
    private sealed class CallHandle(CallSession session) : ICallHandle
    {
        public Guid CallId => session.CallId;

        public string TenantId => session.TenantId;

        public CallConfig Config => session.Config;

        public string Instructions
        {
            get
            {
                lock (session._gate)
                {
                    return session._instructions;
                }
            }
        }

        public TimeSpan Elapsed => TimeSpan.FromMilliseconds(session.OffsetMs);

        public bool IsAssistantSpeaking
        {
            get
            {
                lock (session._gate)
                {
                    return session.AssistantSpeaking();
                }
            }
        }

        public bool IsEnding => session._ending;

        public ValueTask RespondAsync(string? instructions = null, CancellationToken cancellationToken = default) =>
            session.SendToAiAsync(instructions, static (s, i) => s.Connection.SendResponseCreateAsync(i, s.Token), cancellationToken);

        public ValueTask SayAsync(string text, CancellationToken cancellationToken = default) =>
            RespondAsync($"אמור למתקשר את המשפט הבא, מילה במילה, ואל תוסיף עליו דבר: \"{text}\"", cancellationToken);

        public ValueTask SendToolResultAsync(string toolCallId, string outputJson, bool respond = true, CancellationToken cancellationToken = default) =>
            session.SendToAiAsync((toolCallId, outputJson, respond), static async (s, r) =>
            {
                await s.Connection.SendFunctionCallOutputAsync(r.toolCallId, r.outputJson, s.Token).ConfigureAwait(false);
                if (r.respond)
                {
                    await s.Connection.SendResponseCreateAsync(null, s.Token).ConfigureAwait(false);
                }
            }, cancellationToken);

        public ValueTask UpdateInstructionsAsync(string instructions, CancellationToken cancellationToken = default)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(instructions);
            lock (session._gate)
            {
                session._instructions = instructions;
            }

            return session.SendToAiAsync(session, static (s, owner) => s.Connection.SendSessionUpdateAsync(owner.SessionConfig(reopen: false), s.Token),
                cancellationToken);
        }

        public ValueTask ReportAsync(CallCommand command, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(command);
            return session.ReportAsync(command);
        }

        public void DiscardCallerTranscript(string itemId)
        {
            ArgumentException.ThrowIfNullOrEmpty(itemId);
            lock (session._gate)
            {
                session._discardedTranscripts.Add(itemId);
            }
        }

        public void EndCall(string reason, bool afterPlayback = true)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(reason);
            if (!afterPlayback)
            {
                session.RequestEnd(reason);
                return;
            }

            _ = Task.Run(async () =>
            {
                var deadline = DateTime.UtcNow + EndAfterPlaybackLimit;
                try
                {
                    while (!session._ending && IsAssistantSpeaking && DateTime.UtcNow < deadline)
                    {
                        await Task.Delay(20, session._stopping.Token).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException)
                {
                }

                session.RequestEnd(reason);
            });
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId}: the call's behaviour failed on {EventType}; the call goes on")]
    private static partial void LogBehaviourFailed(ILogger logger, Exception exception, Guid callId, string eventType);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Call {CallId}: the caller's transcript {ItemId} was set aside by the behaviour (not reported)")]
    private static partial void LogTranscriptDiscarded(ILogger logger, Guid callId, string itemId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: Twilio sent nothing for {Seconds} s; the stream is taken as lost")]
    private static partial void LogStreamIdle(ILogger logger, Guid callId, int seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: an order to the AI session was dropped (no session, or the call is ending)")]
    private static partial void LogOrderDropped(ILogger logger, Guid callId);
}
