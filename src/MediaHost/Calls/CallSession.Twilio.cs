using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Audio;
using ProSaaS.MediaHost.Behaviour;
using ProSaaS.MediaHost.Twilio;

namespace ProSaaS.MediaHost.Calls;

public sealed partial class CallSession
{
    private const int MaxTwilioMessageBytes = 64 * 1024;

    /// <summary>The fallback message's "item" in the playback tracker (never truncated at the AI service).</summary>
    private const string FallbackItem = "fallback";

    // The Twilio socket's sends: one at a time (media, marks, clear), with one reused writer.
    private readonly SemaphoreSlim _twilioSendLock = new(1, 1);
    private readonly ArrayBufferWriter<byte> _twilioBuffer = new(1024);
    private readonly Utf8JsonWriter _twilioWriter;
    private readonly byte[] _markName = new byte[PlaybackTracker.MaxMarkNameBytes];
    private byte[] _twilioReceiveBuffer = [];
    private long _lastTwilioMessageTicks = Stopwatch.GetTimestamp();

    /// <summary>Caller frames, marks, DTMF and <c>stop</c>, until the stream ends.</summary>
    private async Task ReceiveFromTwilioAsync()
    {
        _twilioReceiveBuffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            while (true)
            {
                var length = await ReceiveTwilioMessageAsync().ConfigureAwait(false);
                if (length < 0)
                {
                    // Twilio sends stop before it closes; a close without it is a lost stream.
                    RequestEnd(_stopReceived ? MediaEndReasons.CallerHungUp : MediaEndReasons.StreamLost);
                    return;
                }

                var received = Stopwatch.GetTimestamp();
                Volatile.Write(ref _lastTwilioMessageTicks, received);
                var message = _twilioReceiveBuffer.AsSpan(0, length);
                switch (TwilioStreamMessages.PeekKind(message))
                {
                    case TwilioStreamEventKind.Media:
                        OnCallerFrame(message, received);
                        break;
                    case TwilioStreamEventKind.Mark:
                        if (TwilioStreamMessages.TryReadMarkName(message, out var name))
                        {
                            OnMarkEchoed(name);
                        }

                        break;
                    case TwilioStreamEventKind.Dtmf:
                        var dtmf = TwilioStreamMessages.Parse(message);
                        if (dtmf.Digit is [var digit])
                        {
                            _control.Writer.TryWrite(ControlItem.Of(new DtmfPressed(OffsetMs, digit)));
                        }

                        break;
                    case TwilioStreamEventKind.Stop:
                        _stopReceived = true;
                        RequestEnd(MediaEndReasons.CallerHungUp);
                        break;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            RequestEnd(_stopReceived ? MediaEndReasons.CallerHungUp : MediaEndReasons.StreamLost);
        }
        finally
        {
            var buffer = Interlocked.Exchange(ref _twilioReceiveBuffer, []);
            if (buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>The next text message's length in <see cref="_twilioReceiveBuffer"/>; -1 when the stream closed.</summary>
    private async ValueTask<int> ReceiveTwilioMessageAsync()
    {
        var filled = 0;
        while (true)
        {
            if (filled == _twilioReceiveBuffer.Length)
            {
                if (filled >= MaxTwilioMessageBytes)
                {
                    throw new WebSocketException(WebSocketError.Faulted, "A media stream message was larger than the limit.");
                }

                var larger = ArrayPool<byte>.Shared.Rent(filled * 2);
                _twilioReceiveBuffer.AsSpan(0, filled).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_twilioReceiveBuffer);
                _twilioReceiveBuffer = larger;
            }

            var result = await _twilio.ReceiveAsync(_twilioReceiveBuffer.AsMemory(filled), _stopping.Token).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return -1;
            }

            filled += result.Count;
            if (result.EndOfMessage)
            {
                if (result.MessageType == WebSocketMessageType.Text)
                {
                    return filled;
                }

                filled = 0;
            }
        }
    }

    private void OnCallerFrame(ReadOnlySpan<byte> message, long receivedTicks)
    {
        var frame = ArrayPool<byte>.Shared.Rent(FrameBytes);
        if (!TwilioStreamMessages.TryReadMedia(message, frame, out var timestampMs, out var length) || length == 0)
        {
            ArrayPool<byte>.Shared.Return(frame);
            return;
        }

        Interlocked.Increment(ref _framesIn);
        Volatile.Write(ref _lastInboundTimestampMs, timestampMs);
        var level = MuLaw.Rms(frame.AsSpan(0, length));
        lock (_gate)
        {
            _levelSum += level;
            _levelFrames++;
            _callerLine.Add(timestampMs, level, _tracker.IsPlaying);
            _recording?.Write(RecordingChannel.Caller, timestampMs * BytesPerMs, frame.AsSpan(0, length));
        }

        if (!_inbound.Writer.TryWrite(new InboundFrame(frame, length, timestampMs, receivedTicks)))
        {
            ArrayPool<byte>.Shared.Return(frame);
            return;
        }

        var queued = _inbound.Reader.Count;
        if (queued > _inboundHighWater)
        {
            _inboundHighWater = queued;
        }
    }

    private void OnMarkEchoed(ReadOnlySpan<byte> name)
    {
        List<AssistantTurn>? turns = null;
        lock (_gate)
        {
            if (_tracker.MarkEchoed(name) && !_tracker.IsPlaying)
            {
                _assistantLastPlayedMs = OffsetMs;
                CollectFinished(ref turns);
            }
        }

        Emit(turns);
    }

    /// <summary>Assistant audio to the caller: whole frames, a mark after each <c>FramesPerMark</c> of them.</summary>
    private async Task SendToTwilioAsync()
    {
        var reader = _outbound.Reader;
        var chunkBytes = _options.FramesPerMark * FrameBytes;
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var audio))
                {
                    Interlocked.Add(ref _outboundQueuedFrames, -audio.Length / FrameBytes);
                    try
                    {
                        await SendAudioToTwilioAsync(audio, chunkBytes).ConfigureAwait(false);
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(audio.Buffer);
                    }
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The stream is gone or the call is ending; the reader reports why.
        }
    }

    private async ValueTask SendAudioToTwilioAsync(OutboundAudio audio, int chunkBytes)
    {
        var realLeft = audio.RealLength;
        for (var offset = 0; offset < audio.Length; offset += chunkBytes)
        {
            var length = Math.Min(chunkBytes, audio.Length - offset);
            var real = Math.Min(length, realLeft);
            realLeft -= real;
            await _twilioSendLock.WaitAsync(_stopping.Token).ConfigureAwait(false);
            try
            {
                long mark;
                var first = false;
                List<AssistantTurn>? turns = null;
                lock (_gate)
                {
                    if (audio.Generation != _generation)
                    {
                        return; // interrupted by a barge-in or the call's end: never heard
                    }

                    if (!ReferenceEquals(_tracker.ItemId, audio.ItemId) && _tracker.ItemId != audio.ItemId)
                    {
                        StartPlaying(audio.ItemId);
                        CollectFinished(ref turns); // the previous item has been sent in full
                        first = true;
                    }

                    mark = _tracker.AudioSentMark(real);
                    Item(audio.ItemId).QueuedFrames -= length / FrameBytes;
                    _recording?.Write(RecordingChannel.Assistant, _assistantCursorSamples, audio.Buffer.AsSpan(audio.Offset + offset, real));
                    _assistantCursorSamples += real;
                }

                Emit(turns);

                var nameLength = PlaybackTracker.FormatMarkName(mark, _markName);
                _twilioBuffer.ResetWrittenCount();
                _twilioWriter.Reset(_twilioBuffer);
                TwilioStreamMessages.WriteMedia(_twilioWriter, _streamSid, audio.Buffer.AsSpan(audio.Offset + offset, length));
                _twilioWriter.Flush();
                await _twilio.SendAsync(_twilioBuffer.WrittenMemory, WebSocketMessageType.Text, true, _stopping.Token).ConfigureAwait(false);
                var sent = Stopwatch.GetTimestamp();
                _twilioBuffer.ResetWrittenCount();
                _twilioWriter.Reset(_twilioBuffer);
                TwilioStreamMessages.WriteMark(_twilioWriter, _streamSid, _markName.AsSpan(0, nameLength));
                _twilioWriter.Flush();
                await _twilio.SendAsync(_twilioBuffer.WrittenMemory, WebSocketMessageType.Text, true, _stopping.Token).ConfigureAwait(false);

                Interlocked.Add(ref _framesOut, length / FrameBytes);
                if (offset == 0)
                {
                    _aiToTwilio.Record(Stopwatch.GetElapsedTime(audio.ReceivedTicks, sent).TotalMilliseconds);
                }

                if (first)
                {
                    var since = Interlocked.Exchange(ref _awaitingResponseSince, 0);
                    if (since != 0)
                    {
                        _responseLatency.Record(Stopwatch.GetElapsedTime(since, sent).TotalMilliseconds);
                    }
                }
            }
            finally
            {
                _twilioSendLock.Release();
            }
        }
    }

    /// <summary>The first audio of an assistant item goes out (under the lock): where it starts, for the transcript and the recording.</summary>
    private void StartPlaying(string itemId)
    {
        _tracker.StartResponse(itemId);
        var now = OffsetMs;
        _assistantCursorSamples = Math.Max(_assistantCursorSamples, now * BytesPerMs);
        if (!_assistantItems.TryGetValue(itemId, out var item))
        {
            item = new AssistantItem();
            _assistantItems[itemId] = item;
        }

        if (item.OffsetMs < 0)
        {
            item.OffsetMs = now;
            item.StartSample = _assistantCursorSamples;
        }
    }

    /// <summary>Sends <c>clear</c>: Twilio drops the audio it has not played yet. Returns when it has been sent.</summary>
    private async ValueTask SendClearAsync()
    {
        await _twilioSendLock.WaitAsync(_stopping.Token).ConfigureAwait(false);
        try
        {
            _twilioBuffer.ResetWrittenCount();
            _twilioWriter.Reset(_twilioBuffer);
            TwilioStreamMessages.WriteClear(_twilioWriter, _streamSid);
            _twilioWriter.Flush();
            await _twilio.SendAsync(_twilioBuffer.WrittenMemory, WebSocketMessageType.Text, true, _stopping.Token).ConfigureAwait(false);
        }
        finally
        {
            _twilioSendLock.Release();
        }
    }

    /// <summary>
    /// The AI service cannot be reached: whatever is still playing is cleared, the fallback message is played, and once
    /// Twilio has played it (its mark echoed, or its length and 3 s more) the call ends with <c>ai_unavailable</c>.
    /// </summary>
    private async Task PlayFallbackAndEndAsync()
    {
        var clip = FallbackClip.MuLawAudio;
        long lastMark;
        try
        {
            await _twilioSendLock.WaitAsync(_stopping.Token).ConfigureAwait(false);
            try
            {
                lock (_gate)
                {
                    _generation++;
                    _tracker.StartResponse(FallbackItem);
                    _assistantCursorSamples = Math.Max(_assistantCursorSamples, OffsetMs * BytesPerMs);
                    _recording?.Write(RecordingChannel.Assistant, _assistantCursorSamples, clip.Span);
                    _assistantCursorSamples += clip.Length;
                }

                _twilioBuffer.ResetWrittenCount();
                _twilioWriter.Reset(_twilioBuffer);
                TwilioStreamMessages.WriteClear(_twilioWriter, _streamSid);
                _twilioWriter.Flush();
                await _twilio.SendAsync(_twilioBuffer.WrittenMemory, WebSocketMessageType.Text, true, _stopping.Token).ConfigureAwait(false);

                lastMark = 0;
                const int Second = MuLaw.SampleRate;
                for (var offset = 0; offset < clip.Length; offset += Second)
                {
                    var length = Math.Min(Second, clip.Length - offset);
                    lock (_gate)
                    {
                        lastMark = _tracker.AudioSentMark(length);
                    }

                    _twilioBuffer.ResetWrittenCount();
                    _twilioWriter.Reset(_twilioBuffer);
                    TwilioStreamMessages.WriteMedia(_twilioWriter, _streamSid, clip.Span.Slice(offset, length));
                    _twilioWriter.Flush();
                    await _twilio.SendAsync(_twilioBuffer.WrittenMemory, WebSocketMessageType.Text, true, _stopping.Token).ConfigureAwait(false);
                    var nameLength = PlaybackTracker.FormatMarkName(lastMark, _markName);
                    _twilioBuffer.ResetWrittenCount();
                    _twilioWriter.Reset(_twilioBuffer);
                    TwilioStreamMessages.WriteMark(_twilioWriter, _streamSid, _markName.AsSpan(0, nameLength));
                    _twilioWriter.Flush();
                    await _twilio.SendAsync(_twilioBuffer.WrittenMemory, WebSocketMessageType.Text, true, _stopping.Token).ConfigureAwait(false);
                    Interlocked.Add(ref _framesOut, length / FrameBytes);
                }
            }
            finally
            {
                _twilioSendLock.Release();
            }

            LogFallbackPlayed(_logger, CallId);
            var deadline = Stopwatch.GetTimestamp() + (long)((FallbackClip.Duration.TotalSeconds + 3) * Stopwatch.Frequency);
            while (!_ending && Stopwatch.GetTimestamp() < deadline)
            {
                lock (_gate)
                {
                    if (!_tracker.IsPlaying)
                    {
                        break;
                    }
                }

                await Task.Delay(20, _stopping.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The caller is gone already.
        }

        RequestEnd(MediaEndReasons.AiUnavailable);
    }

    /// <summary>
    /// Closes the stream from this side (Twilio ends the call's <c>&lt;Connect&gt;</c>), answering Twilio's close when it
    /// closed first, and lets the reader see the close before anything is cancelled (cancelling a receive aborts the socket).
    /// </summary>
    private async Task CloseTwilioAsync(Task reader)
    {
        if (_stopReceived)
        {
            // Twilio closes the socket itself right after stop; answer its close rather than cross it.
            await CompletesWithinAsync(reader, TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }

        var locked = false;
        try
        {
            locked = await _twilioSendLock.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            if (_twilio.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _twilio.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "call ended", timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
        }
        finally
        {
            if (locked)
            {
                _twilioSendLock.Release();
            }
        }

        await WaitQuietlyAsync(TimeSpan.FromSeconds(2), reader).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: the AI service is unavailable; the fallback message was sent to the caller")]
    private static partial void LogFallbackPlayed(ILogger logger, Guid callId);
}
