using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ProSaaS.Sandbox;

/// <summary>
/// Twilio's side of a bidirectional Media Stream (PROTOCOLS.md §1) over a real WebSocket: it connects to the media
/// server, sends <c>connected</c> and <c>start</c>, then one 160-byte µ-law <c>media</c> frame every 20 ms (chunk +1,
/// timestamp +20) taken from the <see cref="MediaScript"/>s given to <see cref="PlayAsync"/> (silence in between),
/// <c>dtmf</c> when the script says so, and <c>stop</c> when the caller hangs up.
/// <para>
/// Audio the server sends is queued and "played" at 8 bytes per millisecond; a <c>mark</c> is echoed once the audio
/// queued before it has played; <c>clear</c> drops the queued audio and echoes every pending mark at once. Everything is
/// recorded with <see cref="FakeClock"/> times: what was played and when (<see cref="HeardAudio"/>,
/// <see cref="HeardRuns"/>), every message received and sent, clears and mark echoes. Anything Twilio would refuse
/// (binary frames, unknown events, a wrong stream sid, a bad payload) is recorded in <see cref="ProtocolErrors"/>,
/// which tests expect to stay empty.
/// </para>
/// <see cref="FakeTwilioCallOptions.Speed"/> runs the whole call faster than real time (both the frames sent and the
/// playback), or as fast as possible.
/// </summary>
public sealed class FakeTwilioMediaClient : IAsyncDisposable
{
    /// <summary>The <see cref="FakeTwilioCallOptions.Speed"/> that sends frames back to back and plays audio instantly.</summary>
    public const double AsFastAsPossible = double.PositiveInfinity;

    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly WebSocket _socket;
    private readonly object _gate = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ArrayBufferWriter<byte> _sendBuffer = new(1024);
    private readonly Utf8JsonWriter _writer;
    private readonly ChangeSignal _changed = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly ConcurrentQueue<PendingScript> _scripts = new();
    private readonly SemaphoreSlim _senderWake = new(0);
    private readonly SemaphoreSlim _playerWake = new(0);
    private readonly double _frameIntervalMs;
    private readonly double _playRate;

    // Everything below is guarded by _gate.
    private readonly List<TwilioReceivedMessage> _received = [];
    private readonly List<TwilioSentMessage> _sent = [];
    private readonly List<TwilioClear> _clears = [];
    private readonly List<TwilioMarkEcho> _echoes = [];
    private readonly List<ScriptLabel> _labels = [];
    private readonly List<string> _protocolErrors = [];
    private readonly List<HeardRun> _runs = [];
    private readonly ArrayBufferWriter<byte> _heard = new(8192);
    private readonly LinkedList<QueuedItem> _queue = new();
    private readonly List<(string Name, double ReceivedAt, bool Cleared)> _dueEchoes = [];
    private double _cursor;
    private double _lastHeardEnd = double.NaN;
    private long _bytesPlayed;
    private long _bytesDropped;
    private long _bytesReceived;
    private long _mediaMessagesReceived;
    private long _framesSent;
    private long _sequence;
    private bool _started;
    private bool _stopSent;
    private bool _hungUp;
    private bool _closeSent;
    private bool _dropped;
    private TwilioStreamClosure? _closure;

    private Task _receiveLoop = Task.CompletedTask;
    private Task _playerLoop = Task.CompletedTask;
    private Task _sendLoop = Task.CompletedTask;
    private readonly TaskCompletionSource<TwilioStreamClosure> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeTwilioMediaClient(WebSocket socket, FakeTwilioCallOptions options)
    {
        if (!(options.Speed > 0) || options.PlaybackSpeed is <= 0 or double.NaN)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Speeds must be positive (or AsFastAsPossible).");
        }

        _socket = socket;
        _writer = new Utf8JsonWriter(_sendBuffer, WriterOptions);
        Options = options;
        _frameIntervalMs = FakeAudio.FrameMilliseconds / options.Speed;
        _playRate = FakeAudio.BytesPerMillisecond * (options.PlaybackSpeed ?? options.Speed);
    }

    /// <summary>The options the stream was opened with (sids, custom parameters, speed).</summary>
    public FakeTwilioCallOptions Options { get; }

    /// <summary>The stream sid the server must put on every message.</summary>
    public string StreamSid => Options.StreamSid;

    /// <summary>The call sid of <c>start</c> and <c>stop</c>.</summary>
    public string CallSid => Options.CallSid;

    /// <summary>Completes when the socket has closed, however it closed.</summary>
    public Task<TwilioStreamClosure> Closed => _closed.Task;

    /// <summary>How the stream ended, or <see cref="TwilioStreamEnd.Open"/>.</summary>
    public TwilioStreamEnd End
    {
        get
        {
            lock (_gate)
            {
                return _closure?.End ?? TwilioStreamEnd.Open;
            }
        }
    }

    /// <summary>Every message received, in order, with its receive time.</summary>
    public IReadOnlyList<TwilioReceivedMessage> Received => Snapshot(_received);

    /// <summary>Every message sent, in order (media frames only when <see cref="FakeTwilioCallOptions.RecordMediaMessages"/>).</summary>
    public IReadOnlyList<TwilioSentMessage> Sent => Snapshot(_sent);

    /// <summary>Every <c>clear</c> received.</summary>
    public IReadOnlyList<TwilioClear> Clears => Snapshot(_clears);

    /// <summary>Every mark echoed back, in order.</summary>
    public IReadOnlyList<TwilioMarkEcho> EchoedMarks => Snapshot(_echoes);

    /// <summary>The labels of the scripts reached so far.</summary>
    public IReadOnlyList<ScriptLabel> Labels => Snapshot(_labels);

    /// <summary>What the server sent that Twilio would refuse or warn about; empty when the server behaves.</summary>
    public IReadOnlyList<string> ProtocolErrors => Snapshot(_protocolErrors);

    /// <summary>The stretches of contiguous playback, in order (see <see cref="HeardAudio"/>).</summary>
    public IReadOnlyList<HeardRun> HeardRuns
    {
        get
        {
            lock (_gate)
            {
                Advance(FakeClock.NowMilliseconds);
                return _runs.ToList();
            }
        }
    }

    /// <summary><c>media</c> frames sent so far.</summary>
    public long FramesSent => Interlocked.Read(ref _framesSent);

    /// <summary><c>media</c> messages received so far.</summary>
    public long MediaMessagesReceived => Interlocked.Read(ref _mediaMessagesReceived);

    /// <summary>µ-law bytes received in <c>media</c> messages so far.</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>µ-law bytes played so far.</summary>
    public long BytesPlayed => Locked(() => _bytesPlayed);

    /// <summary>How much audio has been played so far.</summary>
    public TimeSpan AudioHeard => TimeSpan.FromMilliseconds(BytesPlayed / (double)FakeAudio.BytesPerMillisecond);

    /// <summary>µ-law bytes queued and not yet played.</summary>
    public long BytesQueued => Locked(() => _queue.Where(i => i.Audio is not null).Sum(i => (long)(i.Audio!.Length - i.Offset)));

    /// <summary>µ-law bytes dropped by <c>clear</c>s so far.</summary>
    public long BytesDropped => Locked(() => _bytesDropped);

    /// <summary>The marks received whose audio has not finished playing yet, in order.</summary>
    public IReadOnlyList<string> PendingMarks => Locked(() => _queue.Where(i => i.Mark is not null).Select(i => i.Mark!).ToList());

    /// <summary>The <c>timestamp</c> of the last media frame sent (ms of stream time).</summary>
    public long LastTimestampMs => Math.Max(0, (FramesSent - 1) * FakeAudio.FrameMilliseconds);

    /// <summary>
    /// Opens a media stream to <paramref name="mediaUri"/> (e.g. <c>ws://127.0.0.1:5000/media</c>) over a
    /// <see cref="ClientWebSocket"/>; unless <see cref="FakeTwilioCallOptions.AutoStart"/> is off, sends <c>connected</c>
    /// and <c>start</c> and starts streaming silence until a script is played.
    /// </summary>
    public static async Task<FakeTwilioMediaClient> ConnectAsync(Uri mediaUri, FakeTwilioCallOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeTwilioCallOptions();
        var socket = new ClientWebSocket();
        foreach (var (name, value) in options.Headers)
        {
            socket.Options.SetRequestHeader(name, value);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(mediaUri, timeout.Token).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return await AttachAsync(socket, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the media stream over a WebSocket that is already open (e.g. one from <c>TestServer.CreateWebSocketClient()</c>);
    /// otherwise as <see cref="ConnectAsync"/>. The fake owns the socket from now on.
    /// </summary>
    public static async Task<FakeTwilioMediaClient> AttachAsync(WebSocket socket, FakeTwilioCallOptions? options = null, CancellationToken cancellationToken = default)
    {
        var client = new FakeTwilioMediaClient(socket, options ?? new FakeTwilioCallOptions());
        client._receiveLoop = Task.Run(client.ReceiveLoopAsync, CancellationToken.None);
        client._playerLoop = Task.Run(client.PlayerLoopAsync, CancellationToken.None);
        if (client.Options.AutoStart)
        {
            await client.StartStreamAsync(cancellationToken).ConfigureAwait(false);
        }

        return client;
    }

    /// <summary>
    /// Sends <c>connected</c> and <c>start</c> (with the options' sids, tracks, µ-law 8 kHz mono format and custom
    /// parameters) and starts the media frames. Done by <see cref="ConnectAsync"/> unless <see cref="FakeTwilioCallOptions.AutoStart"/> is off.
    /// </summary>
    public async Task StartStreamAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_started)
            {
                throw new InvalidOperationException("The stream has already started.");
            }

            _started = true;
        }

        await SendAsync("connected", w =>
        {
            w.WriteString("event", "connected");
            w.WriteString("protocol", "Call");
            w.WriteString("version", "1.0.0");
        }, sequenced: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        await SendAsync("start", w =>
        {
            w.WriteString("event", "start");
            w.WriteString("sequenceNumber", Next());
            w.WriteStartObject("start");
            w.WriteString("accountSid", Options.AccountSid);
            w.WriteString("streamSid", Options.StreamSid);
            w.WriteString("callSid", Options.CallSid);
            w.WriteStartArray("tracks");
            foreach (var track in Options.Tracks)
            {
                w.WriteStringValue(track);
            }

            w.WriteEndArray();
            w.WriteStartObject("mediaFormat");
            w.WriteString("encoding", "audio/x-mulaw");
            w.WriteNumber("sampleRate", 8000);
            w.WriteNumber("channels", 1);
            w.WriteEndObject();
            w.WriteStartObject("customParameters");
            foreach (var (name, value) in Options.CustomParameters)
            {
                w.WriteString(name, value);
            }

            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteString("streamSid", Options.StreamSid);
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        _sendLoop = Task.Run(SendLoopAsync, CancellationToken.None);
    }

    /// <summary>
    /// Queues a script after any script still playing; the task completes when its last frame (and event) has been sent,
    /// and is cancelled if the stream ends first.
    /// </summary>
    public Task PlayAsync(MediaScript script, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        if (End != TwilioStreamEnd.Open || Volatile.Read(ref _stopSent))
        {
            return Task.FromException(new InvalidOperationException("The media stream has ended."));
        }

        var pending = new PendingScript(script.Segments.ToList(), cancellationToken);
        _scripts.Enqueue(pending);
        _senderWake.Release();
        return pending.Completion.Task;
    }

    /// <summary>Sends a <c>dtmf</c> message now (between two frames).</summary>
    public Task SendDtmfAsync(char digit, CancellationToken cancellationToken = default)
    {
        if (!"0123456789*#ABCD".Contains(digit, StringComparison.Ordinal))
        {
            throw new ArgumentOutOfRangeException(nameof(digit), digit, "A DTMF digit is 0-9, *, #, or A-D.");
        }

        return SendDtmfCoreAsync(digit, cancellationToken);
    }

    /// <summary>Sends any text as one WebSocket message (to test how the server handles what Twilio never sends).</summary>
    public Task SendRawAsync(string text, CancellationToken cancellationToken = default) =>
        SendBytesAsync("raw", Encoding.UTF8.GetBytes(text), null, cancellationToken);

    /// <summary>
    /// The caller hangs up, as Twilio reports it: sends <c>stop</c> (no more media after it), closes the socket and waits
    /// up to <paramref name="closeTimeout"/> (default 5 s) for the server's close before dropping it. Scripts still queued
    /// are cancelled.
    /// </summary>
    public async Task<TwilioStreamClosure> StopAsync(TimeSpan? closeTimeout = null, CancellationToken cancellationToken = default)
    {
        await SendStopAndCloseAsync(cancellationToken).ConfigureAwait(false);
        return await AwaitClosureAsync(closeTimeout ?? TimeSpan.FromSeconds(5)).ConfigureAwait(false);
    }

    /// <summary>Closes the socket with a close handshake but without <c>stop</c> (what Twilio never does; for tests of the server).</summary>
    public async Task<TwilioStreamClosure> CloseAsync(WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure, TimeSpan? closeTimeout = null)
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_closeSent && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                _closeSent = true;
                Volatile.Write(ref _stopSent, true);
                await _socket.CloseOutputAsync(status, "", CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
        {
        }
        finally
        {
            _sendLock.Release();
        }

        return await AwaitClosureAsync(closeTimeout ?? TimeSpan.FromSeconds(5)).ConfigureAwait(false);
    }

    /// <summary>Loses the socket abruptly: no <c>stop</c>, no close handshake (a network failure as the server sees it).</summary>
    public void Drop()
    {
        lock (_gate)
        {
            _dropped = true;
        }

        _socket.Abort();
        _lifetime.Cancel();
    }

    /// <summary>Every byte played so far, in order (empty when <see cref="FakeTwilioCallOptions.RecordHeardAudio"/> is off).</summary>
    public byte[] HeardAudio()
    {
        lock (_gate)
        {
            Advance(FakeClock.NowMilliseconds);
            return _heard.WrittenSpan.ToArray();
        }
    }

    /// <summary>Bytes played between two <see cref="FakeClock"/> times (start included, end excluded).</summary>
    public long BytesPlayedBetween(TimeSpan from, TimeSpan to)
    {
        lock (_gate)
        {
            Advance(FakeClock.NowMilliseconds);
            double total = 0;
            foreach (var run in _runs)
            {
                var start = run.StartedAt.TotalMilliseconds;
                if (double.IsPositiveInfinity(run.BytesPerMillisecond))
                {
                    total += start >= from.TotalMilliseconds && start < to.TotalMilliseconds ? run.Length : 0;
                    continue;
                }

                var end = start + run.Length / run.BytesPerMillisecond;
                var overlap = Math.Min(end, to.TotalMilliseconds) - Math.Max(start, from.TotalMilliseconds);
                total += overlap > 0 ? Math.Min(run.Length, overlap * run.BytesPerMillisecond) : 0;
            }

            return (long)Math.Round(total);
        }
    }

    /// <summary>Bytes played from <paramref name="from"/> until now.</summary>
    public long BytesPlayedSince(TimeSpan from) => BytesPlayedBetween(from, TimeSpan.MaxValue);

    /// <summary>Bytes played after a <c>clear</c> (audio the server sent after it included).</summary>
    public long BytesPlayedAfter(TwilioClear clear) => BytesPlayed - clear.BytesPlayedBefore;

    /// <summary>Waits until at least <paramref name="audio"/> of the server's audio has been played in total.</summary>
    public Task WaitForHeardAsync(TimeSpan audio, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var needed = (long)Math.Ceiling(audio.TotalMilliseconds * FakeAudio.BytesPerMillisecond);
        return _changed.WaitAsync(
            () => BytesPlayed >= needed ? this : null,
            timeout ?? DefaultWait, $"{audio.TotalMilliseconds:0} ms of audio heard (heard {AudioHeard.TotalMilliseconds:0} ms)", cancellationToken,
            recheckAfter: () => Locked(() => TimeUntilPlayed(needed)));
    }

    /// <summary>Waits until everything queued has been played (and every mark echoed).</summary>
    public Task WaitForPlaybackIdleAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _changed.WaitAsync(
            () => Locked(() => { Advance(FakeClock.NowMilliseconds); return _queue.Count == 0 && _dueEchoes.Count == 0; }) ? this : null,
            timeout ?? DefaultWait, "the playback queue to empty", cancellationToken,
            recheckAfter: () => Locked(() => TimeUntilPlayed(_bytesPlayed + _queue.Where(i => i.Audio is not null).Sum(i => (long)(i.Audio!.Length - i.Offset)))));

    /// <summary>Waits for the <paramref name="count"/>-th <c>clear</c> (1 = the first) and returns it.</summary>
    public Task<TwilioClear> WaitForClearAsync(int count = 1, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _changed.WaitAsync(() => Locked(() => _clears.Count >= count ? _clears[count - 1] : null), timeout ?? DefaultWait, $"clear #{count}", cancellationToken);

    /// <summary>Waits for a received message of this event (<c>media</c>, <c>mark</c>, <c>clear</c>) matching the predicate.</summary>
    public Task<TwilioReceivedMessage> WaitForMessageAsync(string @event, Func<TwilioReceivedMessage, bool>? predicate = null, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) =>
        _changed.WaitAsync(
            () => Locked(() => _received.FirstOrDefault(m => m.Event == @event && (predicate is null || predicate(m)))),
            timeout ?? DefaultWait, $"a '{@event}' message", cancellationToken);

    /// <summary>Waits until the echo of the named mark has been sent.</summary>
    public Task<TwilioMarkEcho> WaitForMarkEchoAsync(string name, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _changed.WaitAsync(() => Locked(() => _echoes.FirstOrDefault(e => e.Name == name)), timeout ?? DefaultWait, $"the echo of mark '{name}'", cancellationToken);

    /// <summary>Waits until the stream reached the named label of a script.</summary>
    public Task<ScriptLabel> WaitForLabelAsync(string name, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _changed.WaitAsync(() => Locked(() => _labels.FirstOrDefault(l => l.Name == name)), timeout ?? DefaultWait, $"label '{name}'", cancellationToken);

    /// <summary>Waits until the socket has closed (e.g. the server ended the call).</summary>
    public Task<TwilioStreamClosure> WaitForClosedAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _closed.Task.WaitAsync(timeout ?? DefaultWait, cancellationToken);

    /// <summary>Waits until <paramref name="condition"/> holds, re-checked on every change of the fake's state.</summary>
    public Task WaitUntilAsync(Func<FakeTwilioMediaClient, bool> condition, string description, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _changed.WaitAsync(() => condition(this) ? this : null, timeout ?? DefaultWait, description, cancellationToken,
            recheckAfter: () => TimeSpan.FromMilliseconds(5));

    public async ValueTask DisposeAsync()
    {
        if (End == TwilioStreamEnd.Open)
        {
            Drop();
        }

        _lifetime.Cancel();
        try
        {
            await Task.WhenAll(_receiveLoop, _playerLoop, _sendLoop).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The loops end on their own once the socket is gone; a slow one is not worth failing a test's cleanup.
        }

        _socket.Dispose();
        _writer.Dispose();
    }

    private async Task SendLoopAsync()
    {
        var token = _lifetime.Token;
        var frame = new byte[FakeAudio.FrameBytes];
        var paced = !double.IsPositiveInfinity(Options.Speed);
        var origin = FakeClock.NowMilliseconds;
        long scheduled = 0;
        PendingScript? script = null;
        // One reusable timer ticking at the frame pace (cheaper than a delay per frame with hundreds of streams); a frame
        // is never sent before its time (origin + n × interval), and late frames catch up at once.
        var ticks = paced ? new PeriodicTimer(TimeSpan.FromMilliseconds(_frameIntervalMs)) : null;
        try
        {
            while (!token.IsCancellationRequested && !Volatile.Read(ref _stopSent))
            {
                var filled = 0;
                PendingScript? completesWithFrame = null;
                while (filled < frame.Length)
                {
                    if (script is null)
                    {
                        if (!_scripts.TryDequeue(out script))
                        {
                            break;
                        }

                        if (script.Cancellation.IsCancellationRequested)
                        {
                            script.Completion.TrySetCanceled(script.Cancellation);
                            script = null;
                            continue;
                        }
                    }

                    if (script.Index == script.Segments.Count)
                    {
                        if (filled > 0)
                        {
                            completesWithFrame = script;
                        }
                        else
                        {
                            script.Completion.TrySetResult();
                        }

                        script = null;
                        if (filled > 0)
                        {
                            break;
                        }

                        continue;
                    }

                    var segment = script.Segments[script.Index];
                    if (segment is AudioSegment audio)
                    {
                        var take = Math.Min(frame.Length - filled, audio.Audio.Length - script.Offset);
                        audio.Audio.AsSpan(script.Offset, take).CopyTo(frame.AsSpan(filled));
                        filled += take;
                        script.Offset += take;
                        if (script.Offset == audio.Audio.Length)
                        {
                            script.Index++;
                            script.Offset = 0;
                        }

                        continue;
                    }

                    if (filled > 0)
                    {
                        break; // the event comes right after this frame
                    }

                    script.Index++;
                    if (!await RunEventAsync(segment, token).ConfigureAwait(false))
                    {
                        script.Completion.TrySetResult();
                        return;
                    }
                }

                if (filled == 0)
                {
                    if (!paced || !Options.SendSilenceWhenIdle)
                    {
                        await _senderWake.WaitAsync(token).ConfigureAwait(false);
                        origin = FakeClock.NowMilliseconds;
                        scheduled = 0;
                        if (ticks is not null)
                        {
                            ticks.Dispose();
                            ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(_frameIntervalMs));
                        }

                        continue;
                    }
                }

                frame.AsSpan(filled).Fill(FakeAudio.SilenceByte);
                if (ticks is not null)
                {
                    var due = origin + scheduled * _frameIntervalMs;
                    while (FakeClock.NowMilliseconds < due)
                    {
                        if (!await ticks.WaitForNextTickAsync(token).ConfigureAwait(false))
                        {
                            return;
                        }
                    }

                    scheduled++;
                }

                await SendMediaAsync(frame, token).ConfigureAwait(false);
                completesWithFrame?.Completion.TrySetResult();
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
        }
        finally
        {
            ticks?.Dispose();
            script?.Completion.TrySetCanceled();
            while (_scripts.TryDequeue(out var left))
            {
                left.Completion.TrySetCanceled();
            }
        }
    }

    /// <summary>Runs a script event; false when the stream ends with it.</summary>
    private async Task<bool> RunEventAsync(MediaSegment segment, CancellationToken token)
    {
        switch (segment)
        {
            case DtmfSegment dtmf:
                await SendDtmfCoreAsync(dtmf.Digit, token).ConfigureAwait(false);
                return true;
            case LabelSegment label:
                lock (_gate)
                {
                    _labels.Add(new ScriptLabel(label.Name, FakeClock.Now, FramesSent * FakeAudio.FrameMilliseconds));
                }

                _changed.Pulse();
                return true;
            case StopSegment:
                await SendStopAndCloseAsync(CancellationToken.None).ConfigureAwait(false);
                _ = AwaitClosureAsync(TimeSpan.FromSeconds(5));
                return false;
            case DropSegment:
                Drop();
                return false;
            default:
                throw new InvalidOperationException($"Unknown script segment {segment}.");
        }
    }

    private async Task SendMediaAsync(byte[] frame, CancellationToken token)
    {
        await _sendLock.WaitAsync(token).ConfigureAwait(false);
        try
        {
            if (_stopSent || _closeSent)
            {
                return;
            }

            var chunk = FramesSent + 1;
            var timestamp = (chunk - 1) * FakeAudio.FrameMilliseconds;
            var sequence = Interlocked.Increment(ref _sequence);
            _sendBuffer.Clear();
            _writer.Reset(_sendBuffer);
            {
                var w = _writer;
                w.WriteStartObject();
                w.WriteString("event", "media");
                w.WriteString("sequenceNumber", sequence.ToString(CultureInfo.InvariantCulture));
                w.WriteStartObject("media");
                w.WriteString("track", "inbound");
                w.WriteString("chunk", chunk.ToString(CultureInfo.InvariantCulture));
                w.WriteString("timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
                w.WriteBase64String("payload", frame);
                w.WriteEndObject();
                w.WriteString("streamSid", Options.StreamSid);
                w.WriteEndObject();
                w.Flush();
            }

            var at = FakeClock.Now;
            await _socket.SendAsync(_sendBuffer.WrittenMemory, WebSocketMessageType.Text, true, token).ConfigureAwait(false);
            Interlocked.Increment(ref _framesSent);
            if (Options.RecordMediaMessages)
            {
                lock (_gate)
                {
                    _sent.Add(new TwilioSentMessage(at, "media", sequence, chunk, timestamp));
                }
            }
        }
        finally
        {
            _sendLock.Release();
        }

        _changed.Pulse();
    }

    private Task SendDtmfCoreAsync(char digit, CancellationToken cancellationToken) =>
        SendAsync("dtmf", w =>
        {
            w.WriteString("event", "dtmf");
            w.WriteString("streamSid", Options.StreamSid);
            w.WriteString("sequenceNumber", Next());
            w.WriteStartObject("dtmf");
            w.WriteString("track", "inbound_track");
            w.WriteString("digit", digit.ToString());
            w.WriteEndObject();
        }, detail: digit.ToString(), cancellationToken: cancellationToken);

    private async Task SendStopAndCloseAsync(CancellationToken cancellationToken)
    {
        await SendAsync("stop", w =>
        {
            w.WriteString("event", "stop");
            w.WriteString("sequenceNumber", Next());
            w.WriteStartObject("stop");
            w.WriteString("accountSid", Options.AccountSid);
            w.WriteString("callSid", Options.CallSid);
            w.WriteEndObject();
            w.WriteString("streamSid", Options.StreamSid);
        }, cancellationToken: cancellationToken, afterSend: () =>
        {
            Volatile.Write(ref _hungUp, true);
            Volatile.Write(ref _stopSent, true);
        }).ConfigureAwait(false);

        await _sendLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            Volatile.Write(ref _stopSent, true);
            if (!_closeSent && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                _closeSent = true;
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
        {
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task<TwilioStreamClosure> AwaitClosureAsync(TimeSpan timeout)
    {
        try
        {
            return await _closed.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _socket.Abort();
            return await _closed.Task.ConfigureAwait(false);
        }
    }

    private string Next() => Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);

    /// <summary>Writes one message and sends it under the send lock; numbered messages take their number inside the lock.</summary>
    private async Task<bool> SendAsync(string @event, Action<Utf8JsonWriter> write, bool sequenced = true, string? detail = null,
        Action? afterSend = null, CancellationToken cancellationToken = default)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_stopSent || _closeSent)
            {
                return false;
            }

            _sendBuffer.Clear();
            _writer.Reset(_sendBuffer);
            {
                var w = _writer;
                w.WriteStartObject();
                write(w);
                w.WriteEndObject();
                w.Flush();
            }

            await _socket.SendAsync(_sendBuffer.WrittenMemory, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
            afterSend?.Invoke();
            lock (_gate)
            {
                _sent.Add(new TwilioSentMessage(FakeClock.Now, @event, sequenced ? Interlocked.Read(ref _sequence) : 0, Detail: detail));
            }
        }
        finally
        {
            _sendLock.Release();
        }

        _changed.Pulse();
        return true;
    }

    private async Task SendBytesAsync(string @event, byte[] message, string? detail, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(message, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                _sent.Add(new TwilioSentMessage(FakeClock.Now, @event, 0, Detail: detail ?? Encoding.UTF8.GetString(message)));
            }
        }
        finally
        {
            _sendLock.Release();
        }

        _changed.Pulse();
    }

    private async Task ReceiveLoopAsync()
    {
        var reader = new WebSocketMessageReader(_socket, 16 * 1024);
        TwilioStreamClosure? closure = null;
        try
        {
            while (true)
            {
                var type = await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false);
                if (type == WebSocketMessageType.Close)
                {
                    var end = Volatile.Read(ref _hungUp) ? TwilioStreamEnd.Stopped
                        : Volatile.Read(ref _closeSent) ? TwilioStreamEnd.ClosedByCaller
                        : TwilioStreamEnd.ClosedByServer;
                    await AnswerCloseAsync().ConfigureAwait(false);
                    closure = new TwilioStreamClosure(end, FakeClock.Now, _socket.CloseStatus, _socket.CloseStatusDescription);
                    break;
                }

                if (type == WebSocketMessageType.Binary)
                {
                    AddProtocolError($"binary frame of {reader.Message.Length} bytes (Twilio warning 31950: only text messages are read)");
                    continue;
                }

                Handle(reader.Message.Span);
            }
        }
        catch (Exception e)
        {
            bool dropped;
            lock (_gate)
            {
                dropped = _dropped;
            }

            closure = new TwilioStreamClosure(dropped ? TwilioStreamEnd.Dropped : TwilioStreamEnd.Lost, FakeClock.Now, null, e.Message);
        }
        finally
        {
            closure ??= new TwilioStreamClosure(TwilioStreamEnd.Lost, FakeClock.Now, null, null);
            lock (_gate)
            {
                // The stream is over: what is still queued is never played, and pending marks are never echoed.
                Advance(FakeClock.NowMilliseconds);
                closure = closure with { BytesUnplayed = _queue.Where(i => i.Audio is not null).Sum(i => (long)(i.Audio!.Length - i.Offset)) };
                _queue.Clear();
                _closure = closure;
            }

            _lifetime.Cancel();
            _senderWake.Release();
            _closed.TrySetResult(closure);
            _changed.Pulse();
        }
    }

    private async Task AnswerCloseAsync()
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_closeSent && _socket.State == WebSocketState.CloseReceived)
            {
                _closeSent = true;
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
        {
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private void Handle(ReadOnlySpan<byte> message)
    {
        var now = FakeClock.NowMilliseconds;
        string? @event = null, streamSid = null, markName = null;
        byte[]? payload = null;
        var payloadPresent = false;
        try
        {
            var reader = new Utf8JsonReader(message);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("not a JSON object");
            }

            string? section = null;
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                if (reader.CurrentDepth == 1)
                {
                    var name = reader.GetString();
                    reader.Read();
                    section = null;
                    switch (name)
                    {
                        case "event" when reader.TokenType == JsonTokenType.String:
                            @event = reader.GetString();
                            break;
                        case "streamSid" when reader.TokenType == JsonTokenType.String:
                            streamSid = reader.GetString();
                            break;
                        case "media" or "mark" when reader.TokenType == JsonTokenType.StartObject:
                            section = name;
                            break;
                        default:
                            reader.Skip();
                            break;
                    }
                }
                else if (reader.CurrentDepth == 2)
                {
                    var name = reader.GetString();
                    reader.Read();
                    if (section == "media" && name == "payload")
                    {
                        payloadPresent = true;
                        if (reader.TokenType != JsonTokenType.String || !reader.TryGetBytesFromBase64(out payload))
                        {
                            payload = null;
                        }
                    }
                    else if (section == "mark" && name == "name" && reader.TokenType == JsonTokenType.String)
                    {
                        markName = reader.GetString();
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
        }
        catch (JsonException e)
        {
            lock (_gate)
            {
                _received.Add(new TwilioReceivedMessage(TimeSpan.FromMilliseconds(now), null, null, null, 0, Encoding.UTF8.GetString(message)));
            }

            AddProtocolError($"malformed JSON ({e.Message}): {Truncate(message)}");
            return;
        }

        var json = @event == "media" ? null : Encoding.UTF8.GetString(message);
        lock (_gate)
        {
            if (@event != "media" || Options.RecordMediaMessages)
            {
                _received.Add(new TwilioReceivedMessage(TimeSpan.FromMilliseconds(now), @event, streamSid, markName, payload?.Length ?? 0, json));
            }

            string? error = null;
            if (@event is not ("media" or "mark" or "clear"))
            {
                error = @event is null
                    ? $"a message without an event: {Truncate(message)}"
                    : $"unknown event '{@event}' (Twilio error 31924: only media, mark and clear are accepted)";
            }
            else if (!_started)
            {
                error = $"'{@event}' before the stream started";
            }
            else if (streamSid != Options.StreamSid)
            {
                error = $"'{@event}' with streamSid '{streamSid}' instead of '{Options.StreamSid}'";
            }
            else if (@event == "media" && payload is null)
            {
                error = payloadPresent ? "media with a payload that is not valid base64" : "media without media.payload";
            }
            else if (@event == "mark" && string.IsNullOrEmpty(markName))
            {
                error = "mark without mark.name";
            }

            if (error is not null)
            {
                _protocolErrors.Add(error);
            }
            else
            {
                switch (@event)
                {
                    case "media":
                        Interlocked.Increment(ref _mediaMessagesReceived);
                        Interlocked.Add(ref _bytesReceived, payload!.Length);
                        EnqueueAudio(payload, now);
                        break;
                    case "mark":
                        EnqueueMark(markName!, now);
                        break;
                    case "clear":
                        Clear(now);
                        break;
                }
            }
        }

        _changed.Pulse();
    }

    private void AddProtocolError(string error)
    {
        lock (_gate)
        {
            _protocolErrors.Add(error);
        }

        _changed.Pulse();
    }

    private static string Truncate(ReadOnlySpan<byte> message)
    {
        var text = Encoding.UTF8.GetString(message[..Math.Min(message.Length, 200)]);
        return message.Length > 200 ? text + "…" : text;
    }

    // ---- Playback (all under _gate) ----

    private void EnqueueAudio(byte[] audio, double now)
    {
        if (audio.Length == 0)
        {
            return;
        }

        Advance(now);
        if (_queue.Count == 0)
        {
            _cursor = now;
        }

        _queue.AddLast(new QueuedItem(audio, null, now));
        if (double.IsPositiveInfinity(_playRate))
        {
            Advance(now);
        }
    }

    private void EnqueueMark(string name, double now)
    {
        Advance(now);
        if (_queue.Count == 0)
        {
            _dueEchoes.Add((name, now, false));
        }
        else
        {
            _queue.AddLast(new QueuedItem(null, name, now));
        }

        _playerWake.Release();
    }

    private void Clear(double now)
    {
        Advance(now);
        var played = _bytesPlayed;
        long dropped = 0;
        var marks = new List<string>();
        foreach (var item in _queue)
        {
            if (item.Audio is not null)
            {
                dropped += item.Audio.Length - item.Offset;
            }
            else
            {
                marks.Add(item.Mark!);
                _dueEchoes.Add((item.Mark!, item.ReceivedAt, true));
            }
        }

        _queue.Clear();
        _bytesDropped += dropped;
        _clears.Add(new TwilioClear(TimeSpan.FromMilliseconds(now), played, dropped, marks));
        _playerWake.Release();
    }

    /// <summary>Plays the queue up to <paramref name="now"/>: records the bytes heard and makes marks reached due for echo.</summary>
    private void Advance(double now)
    {
        while (_queue.First is { } node)
        {
            var item = node.Value;
            if (item.Mark is not null)
            {
                _queue.RemoveFirst();
                _dueEchoes.Add((item.Mark, item.ReceivedAt, false));
                if (_dueEchoes.Count == 1)
                {
                    _playerWake.Release();
                }

                continue;
            }

            var remaining = item.Audio!.Length - item.Offset;
            if (double.IsPositiveInfinity(_playRate))
            {
                Heard(item.Audio.AsSpan(item.Offset), now);
                _queue.RemoveFirst();
                continue;
            }

            var playable = (now - _cursor) * _playRate;
            if (playable >= remaining - 1e-6)
            {
                Heard(item.Audio.AsSpan(item.Offset), _cursor);
                _cursor += remaining / _playRate;
                _queue.RemoveFirst();
                continue;
            }

            var bytes = (int)Math.Floor(playable);
            if (bytes > 0)
            {
                Heard(item.Audio.AsSpan(item.Offset, bytes), _cursor);
                item.Offset += bytes;
                _cursor += bytes / _playRate;
            }

            break;
        }
    }

    private void Heard(ReadOnlySpan<byte> audio, double startedAt)
    {
        if (audio.IsEmpty)
        {
            return;
        }

        var contiguous = _runs.Count > 0 && Math.Abs(startedAt - _lastHeardEnd) < 1e-6;
        if (contiguous)
        {
            var last = _runs[^1];
            _runs[^1] = last with { Length = last.Length + audio.Length };
        }
        else
        {
            _runs.Add(new HeardRun(TimeSpan.FromMilliseconds(startedAt), _bytesPlayed, audio.Length, _playRate));
        }

        _lastHeardEnd = double.IsPositiveInfinity(_playRate) ? startedAt : startedAt + audio.Length / _playRate;
        _bytesPlayed += audio.Length;
        if (Options.RecordHeardAudio)
        {
            _heard.Write(audio);
        }
    }

    /// <summary>How long until <paramref name="totalBytes"/> will have been played with what is queued now; null if never.</summary>
    private TimeSpan? TimeUntilPlayed(long totalBytes)
    {
        var now = FakeClock.NowMilliseconds;
        Advance(now);
        var missing = totalBytes - _bytesPlayed;
        if (missing <= 0)
        {
            return TimeSpan.Zero;
        }

        var queued = _queue.Where(i => i.Audio is not null).Sum(i => (long)(i.Audio!.Length - i.Offset));
        if (queued < missing || double.IsPositiveInfinity(_playRate))
        {
            return null;
        }

        return TimeSpan.FromMilliseconds(Math.Max(0, _cursor + missing / _playRate - now) + 0.5);
    }

    /// <summary>When the first queued mark will be reached (ms on the fake clock); null when no mark is queued.</summary>
    private double? NextMarkDue()
    {
        double bytes = 0;
        foreach (var item in _queue)
        {
            if (item.Mark is not null)
            {
                return _cursor + bytes / _playRate;
            }

            bytes += item.Audio!.Length - item.Offset;
        }

        return null;
    }

    private async Task PlayerLoopAsync()
    {
        var token = _lifetime.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                List<(string Name, double ReceivedAt, bool Cleared)> echoes;
                double? due;
                lock (_gate)
                {
                    Advance(FakeClock.NowMilliseconds);
                    echoes = _dueEchoes.ToList();
                    _dueEchoes.Clear();
                    due = NextMarkDue();
                }

                foreach (var (name, receivedAt, cleared) in echoes)
                {
                    var sent = await SendAsync("mark", w =>
                    {
                        w.WriteString("event", "mark");
                        w.WriteString("sequenceNumber", Next());
                        w.WriteString("streamSid", Options.StreamSid);
                        w.WriteStartObject("mark");
                        w.WriteString("name", name);
                        w.WriteEndObject();
                    }, detail: name, cancellationToken: token).ConfigureAwait(false);
                    if (!sent)
                    {
                        continue;
                    }

                    lock (_gate)
                    {
                        _echoes.Add(new TwilioMarkEcho(name, TimeSpan.FromMilliseconds(receivedAt), FakeClock.Now, cleared));
                    }

                    _changed.Pulse();
                }

                if (echoes.Count > 0)
                {
                    continue;
                }

                if (due is { } at)
                {
                    var wait = at - FakeClock.NowMilliseconds;
                    if (wait > 0)
                    {
                        await _playerWake.WaitAsync(TimeSpan.FromMilliseconds(wait), token).ConfigureAwait(false);
                    }
                }
                else
                {
                    await _playerWake.WaitAsync(token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
        }
    }

    private T Locked<T>(Func<T> read)
    {
        lock (_gate)
        {
            Advance(FakeClock.NowMilliseconds);
            return read();
        }
    }

    private IReadOnlyList<T> Snapshot<T>(List<T> list)
    {
        lock (_gate)
        {
            return list.ToList();
        }
    }

    private sealed class QueuedItem(byte[]? audio, string? mark, double receivedAt)
    {
        public byte[]? Audio { get; } = audio;

        public string? Mark { get; } = mark;

        public double ReceivedAt { get; } = receivedAt;

        public int Offset { get; set; }
    }

    private sealed class PendingScript(List<MediaSegment> segments, CancellationToken cancellation)
    {
        public List<MediaSegment> Segments { get; } = segments;

        public CancellationToken Cancellation { get; } = cancellation;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Index { get; set; }

        public int Offset { get; set; }
    }
}
