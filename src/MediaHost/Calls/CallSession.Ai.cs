using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Audio;
using ProSaaS.MediaHost.Behaviour;
using ProSaaS.MediaHost.Realtime;

namespace ProSaaS.MediaHost.Calls;

public sealed partial class CallSession
{
    // The current AI session, guarded by _gate; _aiReady completes when the next one is open.
    private RealtimeConnection? _ai;
    private TaskCompletionSource<RealtimeConnection> _aiReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _firstSessionOpen = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _aiReadyTicks;
    private long _aiAudioStartMs = -1;
    private int _pendingCallerTranscripts;

    // Read and written by the AI supervisor only.
    private readonly byte[] _carry = new byte[MuLaw.FrameBytes];
    private readonly Dictionary<string, long> _callerItemOffsets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CallerAudio> _callerItemAudio = new(StringComparer.Ordinal);
    private int _carryLength;
    private string? _deltaItem;
    private byte[] _deltaItemUtf8 = [];
    private byte[] _deltaResponseUtf8 = [];
    private string? _deltaResponse;
    private byte[] _cancelledResponseUtf8 = [];

    /// <summary>
    /// Caller audio to the current AI session, in order. While a session is being (re)opened nothing is taken from the
    /// queue, so the latest second of the caller's audio (the queue's size) reaches the new session without a gap.
    /// </summary>
    private async Task ForwardToAiAsync()
    {
        var reader = _inbound.Reader;
        RealtimeConnection? last = null;
        RealtimeConnection? failed = null;
        try
        {
            while (true)
            {
                var connection = await CurrentAiAsync(_stopping.Token).ConfigureAwait(false);
                if (ReferenceEquals(connection, failed))
                {
                    // Lost under a send; the supervisor is about to notice and reopen it.
                    await Task.Delay(5, _stopping.Token).ConfigureAwait(false);
                    continue;
                }

                if (!await reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
                {
                    return;
                }

                while (reader.TryRead(out var frame))
                {
                    try
                    {
                        if (!ReferenceEquals(connection, last))
                        {
                            last = connection;
                            Volatile.Write(ref _aiAudioStartMs, frame.TimestampMs);
                        }

                        await connection.SendAudioAsync(frame.Buffer.AsMemory(0, frame.Length), _stopping.Token).ConfigureAwait(false);
                        if (frame.ReceivedTicks >= Volatile.Read(ref _aiReadyTicks))
                        {
                            // Frames that waited for a session to open are the outage's latency, not the bridge's.
                            _twilioToAi.Record(Stopwatch.GetElapsedTime(frame.ReceivedTicks).TotalMilliseconds);
                        }
                    }
                    catch (Exception e) when (e is WebSocketException or ObjectDisposedException or IOException
                        || (e is OperationCanceledException && !_stopping.IsCancellationRequested))
                    {
                        // An aborted socket fails its sends with OperationCanceledException too.
                        if (!_ending)
                        {
                            Interlocked.Increment(ref _framesDropped); // a frame the session lost under it (not the call's end)
                        }

                        failed = connection;
                        break;
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(frame.Buffer);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private ValueTask<RealtimeConnection> CurrentAiAsync(CancellationToken cancellationToken)
    {
        Task<RealtimeConnection> ready;
        lock (_gate)
        {
            if (_ai is { } open)
            {
                return ValueTask.FromResult(open);
            }

            ready = _aiReady.Task;
        }

        return new ValueTask<RealtimeConnection>(ready.WaitAsync(cancellationToken));
    }

    /// <summary>
    /// Opens the AI session, reads it, and when it is lost mid-call reopens it (within <c>AiReconnectSeconds</c>) with the
    /// conversation so far; when it cannot be opened the caller hears the fallback message and the call ends.
    /// </summary>
    private async Task SuperviseAiAsync()
    {
        if (_configUnavailable)
        {
            await PlayFallbackAndEndAsync().ConfigureAwait(false);
            return;
        }

        var reopen = false;
        while (!_ending)
        {
            var connection = await OpenSessionAsync(reopen).ConfigureAwait(false);
            if (connection is null)
            {
                if (!_ending)
                {
                    LogAiUnavailable(_logger, CallId, reopen);
                    await PlayFallbackAndEndAsync().ConfigureAwait(false);
                }

                return;
            }

            TaskCompletionSource<RealtimeConnection> ready;
            lock (_gate)
            {
                _ai = connection;
                ready = _aiReady;
            }

            Volatile.Write(ref _aiReadyTicks, Stopwatch.GetTimestamp());
            ready.TrySetResult(connection);
            _control.Writer.TryWrite(ControlItem.Of(reopen ? new AiSessionReopened(OffsetMs, _aiReconnects) : new CallStarted(OffsetMs, Config)));
            _firstSessionOpen.TrySetResult();

            var lost = await ReadAiAsync(connection).ConfigureAwait(false);
            SessionClosed();
            await connection.DisposeAsync().ConfigureAwait(false);
            if (!lost || _ending)
            {
                return;
            }

            reopen = true;
            Interlocked.Increment(ref _aiReconnects);
            LogAiLost(_logger, CallId, _aiReconnects);
        }
    }

    /// <summary>Tries to open a session until the reconnection time runs out; null when it could not.</summary>
    private async Task<RealtimeConnection?> OpenSessionAsync(bool reopen)
    {
        var config = SessionConfig(reopen);
        var deadline = Stopwatch.GetTimestamp() + (long)(_options.AiReconnectSeconds * Stopwatch.Frequency);
        for (var attempt = 1; !_ending; attempt++)
        {
            var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            attemptTimeout.CancelAfter(remaining);
            try
            {
                return await _services.Connector.ConnectAsync(config, CallId, attemptTimeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or HttpRequestException or IOException)
            {
                LogAiAttemptFailed(_logger, CallId, attempt, e.Message);
            }

            remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            var pause = TimeSpan.FromMilliseconds(Math.Min(100 * attempt, 400));
            if (remaining <= pause)
            {
                break;
            }

            try
            {
                await Task.Delay(pause, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return null;
    }

    private RealtimeSessionConfig SessionConfig(bool reopen)
    {
        string instructions;
        lock (_gate)
        {
            instructions = reopen && _conversation.Count > 0 ? ConversationContext.Compose(_instructions, _conversation) : _instructions;
        }

        var vad = Config.TurnDetection;
        return new RealtimeSessionConfig(
            instructions,
            Config.Voice,
            _services.Connector.Model,
            _services.Connector.TranscriptionModel,
            string.IsNullOrWhiteSpace(Config.Language) ? "he" : Config.Language,
            // The bridge interrupts responses itself (see BargeInAsync).
            // A behaviour that decides every response itself gets none from the service's turn detection.
            new RealtimeTurnDetection(vad.Threshold, vad.PrefixPaddingMs, vad.SilenceDurationMs, CreateResponse: Behaviour?.DecidesResponses != true,
                InterruptResponse: false, vad.Type, vad.Eagerness),
            Config.Tools.Select(t => new RealtimeTool(t.Name, t.Description,
                t.Parameters.ValueKind == System.Text.Json.JsonValueKind.Object ? t.Parameters.GetRawText() : """{"type":"object","properties":{}}""")).ToList());
    }

    /// <summary>Reads the session until it is lost (true) or the call ends (false).</summary>
    private async Task<bool> ReadAiAsync(RealtimeConnection connection)
    {
        try
        {
            while (true)
            {
                var message = await connection.ReceiveAsync(_stopping.Token).ConfigureAwait(false);
                if (message is not { } json)
                {
                    return !_ending;
                }

                var received = Stopwatch.GetTimestamp();
                var kind = RealtimeServerEvents.PeekKind(json.Span);
                if (kind == RealtimeServerEventKind.AudioDelta)
                {
                    await OnAudioDeltaAsync(json, received).ConfigureAwait(false);
                }
                else if (kind != RealtimeServerEventKind.Unknown)
                {
                    await OnAiEventAsync(connection, RealtimeServerEvents.Parse(json.Span), received).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or IOException or OperationCanceledException)
        {
            // An aborted socket fails a pending receive with OperationCanceledException too: only the call's end is not a loss.
            return !_ending && !_stopping.IsCancellationRequested;
        }
    }

    private async ValueTask OnAudioDeltaAsync(ReadOnlyMemory<byte> json, long received)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(FrameBytes + RealtimeServerEvents.MaxAudioDeltaBytes(json.Length));
        if (!RealtimeServerEvents.TryReadAudioDelta(json.Span, buffer.AsSpan(FrameBytes), out var decoded, out var itemRange, out var responseRange)
            || decoded == 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return;
        }

        if (_cancelledResponseUtf8.Length > 0 && json.Span[responseRange].SequenceEqual(_cancelledResponseUtf8))
        {
            ArrayPool<byte>.Shared.Return(buffer); // the caller interrupted this response: nothing more of it is played
            return;
        }

        if (!json.Span[responseRange].IsEmpty && !json.Span[responseRange].SequenceEqual(_deltaResponseUtf8))
        {
            // A response the service did not announce with response.created is in flight from its first delta.
            _deltaResponseUtf8 = json.Span[responseRange].ToArray();
            _deltaResponse = Encoding.UTF8.GetString(_deltaResponseUtf8);
            lock (_gate)
            {
                _responseInFlight ??= _deltaResponse;
            }
        }

        if (_deltaItem is null || !json.Span[itemRange].SequenceEqual(_deltaItemUtf8))
        {
            var nextUtf8 = json.Span[itemRange].ToArray();
            await FlushCarryAsync(received).ConfigureAwait(false);
            _deltaItem = nextUtf8.Length == 0 ? "item" : Encoding.UTF8.GetString(nextUtf8);
            _deltaItemUtf8 = nextUtf8;
            lock (_gate)
            {
                Item(_deltaItem).ResponseId ??= _deltaResponse;
            }
        }

        lock (_gate)
        {
            if (_assistantItems.TryGetValue(_deltaItem, out var known) && known.Interrupted)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                return;
            }
        }

        // Whole frames only: what is left over waits for the item's next delta (or its end, padded with silence).
        var start = FrameBytes - _carryLength;
        _carry.AsSpan(0, _carryLength).CopyTo(buffer.AsSpan(start));
        var total = _carryLength + decoded;
        var whole = total / FrameBytes * FrameBytes;
        _carryLength = total - whole;
        buffer.AsSpan(start + whole, _carryLength).CopyTo(_carry);
        if (whole == 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return;
        }

        await EnqueueOutboundAsync(buffer, start, whole, whole, _deltaItem, received).ConfigureAwait(false);
    }

    /// <summary>The current item's last partial frame, padded with silence (the padding is not counted as played audio).</summary>
    private async ValueTask FlushCarryAsync(long received)
    {
        if (_carryLength == 0 || _deltaItem is null)
        {
            _carryLength = 0;
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(FrameBytes);
        _carry.AsSpan(0, _carryLength).CopyTo(buffer);
        buffer.AsSpan(_carryLength, FrameBytes - _carryLength).Fill(MuLaw.Silence);
        var real = _carryLength;
        _carryLength = 0;
        await EnqueueOutboundAsync(buffer, 0, FrameBytes, real, _deltaItem, received).ConfigureAwait(false);
    }

    private async ValueTask EnqueueOutboundAsync(byte[] buffer, int offset, int length, int realLength, string itemId, long received)
    {
        int generation;
        var frames = length / FrameBytes;
        lock (_gate)
        {
            generation = _generation;
            Item(itemId).QueuedFrames += frames;
        }

        var audio = new OutboundAudio(buffer, offset, length, realLength, itemId, generation, received);
        var queued = Interlocked.Add(ref _outboundQueuedFrames, frames);
        if (queued > _outboundHighWater)
        {
            _outboundHighWater = queued;
        }

        try
        {
            if (!_outbound.Writer.TryWrite(audio))
            {
                // Full: the AI socket is read no further until Twilio's side has taken some (nothing is dropped).
                await _outbound.Writer.WriteAsync(audio, _stopping.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or System.Threading.Channels.ChannelClosedException)
        {
            Interlocked.Add(ref _outboundQueuedFrames, -frames);
            ArrayPool<byte>.Shared.Return(buffer);
            throw new OperationCanceledException("The call is ending.", e);
        }
    }

    private async ValueTask OnAiEventAsync(RealtimeConnection connection, RealtimeServerEvent e, long received)
    {
        switch (e.Kind)
        {
            case RealtimeServerEventKind.SpeechStarted:
            {
                var offset = AudioOffset(e.AudioStartMs);
                if (e.ItemId is { } item && _callerItemOffsets.TryAdd(item, offset))
                {
                    Interlocked.Increment(ref _pendingCallerTranscripts);
                }

                Interlocked.Exchange(ref _awaitingResponseSince, 0);
                _callerSpeaking = true;
                var bargedIn = await BargeInAsync(connection, received).ConfigureAwait(false);
                _control.Writer.TryWrite(ControlItem.Of(new CallerSpeechStarted(offset, bargedIn, e.ItemId)));
                break;
            }

            case RealtimeServerEventKind.SpeechStopped:
            {
                _callerSpeaking = false;
                Volatile.Write(ref _callerSilentSinceMs, OffsetMs);
                Interlocked.Exchange(ref _awaitingResponseSince, received);
                var audio = MeasureCallerTurn(e.ItemId, e.AudioEndMs);
                _control.Writer.TryWrite(ControlItem.Of(new CallerSpeechStopped(OffsetMs, e.ItemId, audio)));
                break;
            }

            case RealtimeServerEventKind.InputTranscriptCompleted:
            {
                var text = e.Transcript?.Trim();
                var item = e.ItemId ?? string.Empty;
                var offset = OffsetMs;
                if (_callerItemOffsets.Remove(item, out var at))
                {
                    offset = at;
                    Interlocked.Decrement(ref _pendingCallerTranscripts);
                }

                _callerItemAudio.Remove(item, out var heard);
                if (!string.IsNullOrEmpty(text))
                {
                    AddTurn(TranscriptTurnCommand.Caller, item, text, offset, interrupted: false, heard);
                }
                else
                {
                    // No words: nothing to report, but the behaviour learns that the turn's transcript came.
                    _control.Writer.TryWrite(ControlItem.Of(new CallerTranscript(offset, item, string.Empty, heard)));
                }

                break;
            }

            case RealtimeServerEventKind.ResponseCreated:
                lock (_gate)
                {
                    _responseInFlight = e.ResponseId ?? string.Empty;
                }

                break;

            case RealtimeServerEventKind.AudioDone:
                await FlushCarryAsync(received).ConfigureAwait(false);
                if (e.ItemId is { } doneItem)
                {
                    UpdateItem(doneItem, static i => i.AudioDone = true);
                }

                break;

            case RealtimeServerEventKind.AudioTranscriptDelta when e.ItemId is not null && !string.IsNullOrEmpty(e.Transcript):
                UpdateItem(e.ItemId, i =>
                {
                    i.ResponseId ??= e.ResponseId;
                    (i.Text ??= new StringBuilder()).Append(e.Transcript);
                }, emit: false);
                break;

            case RealtimeServerEventKind.AudioTranscriptDone when e.ItemId is not null:
                UpdateItem(e.ItemId, i =>
                {
                    i.ResponseId ??= e.ResponseId;
                    i.FinalText = e.Transcript;
                    i.TranscriptDone = true;
                });
                break;

            case RealtimeServerEventKind.FunctionCallArgumentsDone when e.CallId is not null && e.Name is not null:
                _control.Writer.TryWrite(ControlItem.Of(new ToolCalled(OffsetMs, e.CallId, e.Name, e.Arguments ?? "{}")));
                break;

            case RealtimeServerEventKind.ResponseDone:
                await FlushCarryAsync(received).ConfigureAwait(false);
                ResponseEnded(e.ResponseId);
                _control.Writer.TryWrite(ControlItem.Of(new ResponseFinished(OffsetMs, e.ResponseId, e.ResponseStatus)));
                break;

            case RealtimeServerEventKind.Error:
                LogAiError(_logger, CallId, e.ErrorType, e.ErrorCode, e.ErrorMessage);
                break;
        }
    }

    /// <summary>
    /// The caller started speaking (PROTOCOLS.md §2). When the assistant's audio is still playing at Twilio (marks
    /// pending): <c>clear</c> at once, then truncate the item at what was played. When a response is still being
    /// generated: <c>response.cancel</c>. Either way everything of it still queued here is dropped, and its further deltas
    /// too. The session is configured with <c>interrupt_response: false</c> so that this is the one place a response is
    /// interrupted: the service cancelling on its own as well would race the cancel sent here and answer it with an error.
    /// </summary>
    private async ValueTask<bool> BargeInAsync(RealtimeConnection connection, long speechStartedTicks)
    {
        string? itemId = null;
        long audioEndMs = 0;
        string? cancel;
        bool playing;
        List<AssistantTurn>? turns = null;
        lock (_gate)
        {
            playing = _tracker.IsPlaying;
            cancel = _responseInFlight;
            if (!playing && cancel is null)
            {
                return false;
            }

            if (playing)
            {
                (itemId, audioEndMs) = _tracker.Interrupt();
                _assistantLastPlayedMs = OffsetMs;
            }

            _generation++;
            _responseInFlight = null;
            foreach (var (id, each) in _assistantItems)
            {
                // Nothing queued is played any more; what the cancelled response has not finished is cut short too.
                each.QueuedFrames = 0;
                if (!each.Emitted && ((itemId is not null && id == itemId) || (cancel is { Length: > 0 } && each.ResponseId == cancel)))
                {
                    each.Interrupted = true;
                }
            }

            if (itemId is not null && _assistantItems.TryGetValue(itemId, out var item) && _recording is not null && item.StartSample >= 0)
            {
                var cut = item.StartSample + audioEndMs * BytesPerMs;
                _recording.Truncate(RecordingChannel.Assistant, cut);
                _assistantCursorSamples = cut;
            }

            CollectFinished(ref turns);
        }

        if (cancel is { Length: > 0 })
        {
            _cancelledResponseUtf8 = Encoding.UTF8.GetBytes(cancel);
        }

        _carryLength = 0;
        if (playing)
        {
            _bargeIns++;
            try
            {
                await SendClearAsync().ConfigureAwait(false);
                _bargeInReaction.Record(Stopwatch.GetElapsedTime(speechStartedTicks).TotalMilliseconds);
            }
            catch (Exception e) when (e is WebSocketException or ObjectDisposedException or IOException
                || (e is OperationCanceledException && !_stopping.IsCancellationRequested))
            {
                // The caller's side is gone; the Twilio reader ends the call.
            }

            if (itemId is not null && itemId != FallbackItem)
            {
                await connection.SendTruncateAsync(itemId, audioEndMs, _stopping.Token).ConfigureAwait(false);
            }
        }

        if (cancel is not null)
        {
            await connection.SendResponseCancelAsync(_stopping.Token).ConfigureAwait(false);
        }

        Emit(turns);
        LogBargeIn(_logger, CallId, itemId, audioEndMs, cancel is not null);
        return true;
    }

    /// <summary>The caller's audio under the turn that just ended (the AI supervisor's): kept for the turn's transcript.</summary>
    private CallerAudio? MeasureCallerTurn(string? itemId, long audioEndMs)
    {
        if (itemId is null || !_callerItemOffsets.TryGetValue(itemId, out var start))
        {
            return null;
        }

        var end = audioEndMs >= 0 ? AudioOffset(audioEndMs) : OffsetMs;
        CallerAudio audio;
        lock (_gate)
        {
            audio = _callerLine.Measure(start, end);
        }

        _callerItemAudio[itemId] = audio;
        return audio;
    }

    private long AudioOffset(long audioStartMs)
    {
        var start = Volatile.Read(ref _aiAudioStartMs);
        return start >= 0 ? start + audioStartMs : OffsetMs;
    }

    private void ResponseEnded(string? responseId)
    {
        List<AssistantTurn>? turns = null;
        lock (_gate)
        {
            if (responseId is null || _responseInFlight is null || _responseInFlight == responseId || _responseInFlight.Length == 0)
            {
                _responseInFlight = null;
            }

            // Everything the response produced is complete now, whatever the service sent before.
            foreach (var item in _assistantItems.Values)
            {
                if (responseId is null || item.ResponseId is null || item.ResponseId == responseId)
                {
                    item.AudioDone = true;
                    item.TranscriptDone = true;
                }
            }

            CollectFinished(ref turns);
        }

        Emit(turns);
    }

    /// <summary>The session is gone: nothing of it is generated any more; what it said is kept.</summary>
    private void SessionClosed()
    {
        List<AssistantTurn>? turns = null;
        lock (_gate)
        {
            _ai = null;
            _aiReady = new TaskCompletionSource<RealtimeConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
            _responseInFlight = null;
            foreach (var item in _assistantItems.Values)
            {
                item.AudioDone = true;
                item.TranscriptDone = true;
            }

            CollectFinished(ref turns);
        }

        Emit(turns);
        _carryLength = 0;
        _deltaItem = null;
        _deltaItemUtf8 = [];
        _deltaResponseUtf8 = [];
        _deltaResponse = null;
        _callerItemOffsets.Clear();
        _callerItemAudio.Clear();
        Volatile.Write(ref _pendingCallerTranscripts, 0);
    }

    private AssistantItem Item(string itemId)
    {
        if (!_assistantItems.TryGetValue(itemId, out var item))
        {
            item = new AssistantItem();
            _assistantItems[itemId] = item;
        }

        return item;
    }

    private void UpdateItem(string itemId, Action<AssistantItem> update, bool emit = true)
    {
        List<AssistantTurn>? turns = null;
        lock (_gate)
        {
            update(Item(itemId));
            if (emit)
            {
                CollectFinished(ref turns);
            }
        }

        Emit(turns);
    }

    /// <summary>
    /// Under the lock: the assistant items that are finished — transcript and audio complete and nothing of them still
    /// queued or playing, or cut short by the caller — as turns to report (each once).
    /// </summary>
    private void CollectFinished(ref List<AssistantTurn>? turns)
    {
        foreach (var (itemId, item) in _assistantItems)
        {
            if (item.Emitted || !item.TranscriptDone)
            {
                continue;
            }

            var playing = _tracker.IsPlaying && _tracker.ItemId == itemId;
            if (!item.Interrupted && (!item.AudioDone || item.QueuedFrames > 0 || playing))
            {
                continue;
            }

            item.Emitted = true;
            var text = (item.FinalText ?? item.Text?.ToString())?.Trim();
            if (!string.IsNullOrEmpty(text))
            {
                (turns ??= []).Add(new AssistantTurn(itemId, text, item.OffsetMs >= 0 ? item.OffsetMs : OffsetMs, item.Interrupted));
            }
        }
    }

    /// <summary>At the call's end: what the assistant said and was not reported yet (cut short when it was still playing).</summary>
    private void FlushAssistantTurns()
    {
        List<AssistantTurn>? turns = null;
        lock (_gate)
        {
            foreach (var (itemId, item) in _assistantItems)
            {
                if (item.Emitted)
                {
                    continue;
                }

                var text = (item.FinalText ?? item.Text?.ToString())?.Trim();
                item.Emitted = true;
                if (!string.IsNullOrEmpty(text))
                {
                    var unfinished = item.Interrupted || item.QueuedFrames > 0 || (_tracker.IsPlaying && _tracker.ItemId == itemId) || !item.TranscriptDone;
                    (turns ??= []).Add(new AssistantTurn(itemId, text, item.OffsetMs >= 0 ? item.OffsetMs : OffsetMs, unfinished));
                }
            }
        }

        Emit(turns);
    }

    private void Emit(List<AssistantTurn>? turns)
    {
        if (turns is null)
        {
            return;
        }

        turns.Sort(static (a, b) => a.OffsetMs.CompareTo(b.OffsetMs));
        foreach (var turn in turns)
        {
            AddTurn(TranscriptTurnCommand.Assistant, turn.ItemId, turn.Text, turn.OffsetMs, turn.Interrupted);
        }
    }

    /// <summary>
    /// A finished utterance: to the conversation kept for a reopened session, to the Api (transcript turn) and to the
    /// behaviour. A caller's utterance goes to the behaviour first, which may set it aside as not speech; then it is reported.
    /// </summary>
    private void AddTurn(string speaker, string itemId, string text, long offsetMs, bool interrupted, CallerAudio? audio = null)
    {
        lock (_gate)
        {
            _conversation.Add((speaker, text));
        }

        var turn = new TranscriptTurnCommand(Guid.CreateVersion7(), _services.Clock.GetUtcNow(), speaker, text, offsetMs, interrupted);
        if (speaker == TranscriptTurnCommand.Caller)
        {
            _control.Writer.TryWrite(new ControlItem(new CallerTranscript(offsetMs, itemId, text, audio), turn));
            return;
        }

        _control.Writer.TryWrite(ControlItem.Of(turn));
        _control.Writer.TryWrite(ControlItem.Of(new AssistantTranscript(offsetMs, itemId, text, interrupted)));
    }

    private readonly record struct AssistantTurn(string ItemId, string Text, long OffsetMs, bool Interrupted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: the AI session could not be opened (reopening: {Reopen})")]
    private static partial void LogAiUnavailable(ILogger logger, Guid callId, bool reopen);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: the AI session was lost; reopening it (reconnect {Reconnects})")]
    private static partial void LogAiLost(ILogger logger, Guid callId, int reconnects);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Call {CallId}: opening the AI session failed (attempt {Attempt}): {Reason}")]
    private static partial void LogAiAttemptFailed(ILogger logger, Guid callId, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: the AI service reported an error: {ErrorType} {ErrorCode} {ErrorMessage}")]
    private static partial void LogAiError(ILogger logger, Guid callId, string? errorType, string? errorCode, string? errorMessage);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Call {CallId}: barge-in; item {ItemId} truncated at {AudioEndMs} ms; response cancelled: {Cancelled}")]
    private static partial void LogBargeIn(ILogger logger, Guid callId, string? itemId, long audioEndMs, bool cancelled);
}
