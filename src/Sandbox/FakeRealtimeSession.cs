using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ProSaaS.Sandbox;

/// <summary>
/// One connection to the <see cref="FakeRealtimeServer"/>: a realtime session with its own configuration, audio buffer,
/// speech detection, conversation and responses — nothing is shared between sessions. Every client event is handled in
/// order, as the real service does, and everything is recorded with <see cref="FakeClock"/> times: the client events,
/// the server events, the audio both ways, the caller turns, the responses (with how much of their audio was sent), the
/// truncations, the <c>error</c> events and the <see cref="Problems"/> (what the fake noticed that a correct client
/// never does). Tests expect <see cref="Errors"/> and <see cref="Problems"/> to stay empty unless they provoke them.
/// <para>
/// Speech detection: each 20 ms frame of appended µ-law whose RMS reaches <see cref="FakeRealtimeOptions.SpeechRmsThreshold"/>
/// is voiced; <see cref="FakeRealtimeOptions.SpeechStartFrames"/> voiced frames in a row start speech
/// (<c>input_audio_buffer.speech_started</c>, <c>audio_start_ms</c> = the first voiced frame minus
/// <c>prefix_padding_ms</c>); <c>silence_duration_ms</c> of unvoiced frames stop it
/// (<c>speech_stopped</c>, <c>audio_end_ms</c> = the end of that silence), after which the buffer is committed, the
/// turn transcribed (when the session has input transcription) and answered (when <c>create_response</c>). Speech
/// starting while a response is in progress cancels it when <c>interrupt_response</c> is true
/// (<c>response.done</c> with status <c>cancelled</c>, reason <c>turn_detected</c>).
/// </para>
/// </summary>
public sealed class FakeRealtimeSession
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly HashSet<string> SessionKeys =
        ["type", "model", "output_modalities", "instructions", "audio", "tools", "tool_choice", "max_output_tokens", "tracing", "prompt", "include", "truncation"];

    private static readonly HashSet<string> BetaSessionKeys =
    [
        "modalities", "voice", "input_audio_format", "output_audio_format", "input_audio_transcription", "turn_detection",
        "input_audio_noise_reduction", "max_response_output_tokens", "temperature", "speed",
    ];

    private static readonly string[] ClientEventTypes =
    [
        "session.update", "input_audio_buffer.append", "input_audio_buffer.commit", "input_audio_buffer.clear",
        "conversation.item.create", "conversation.item.retrieve", "conversation.item.truncate", "conversation.item.delete",
        "response.create", "response.cancel", "output_audio_buffer.clear",
    ];

    private readonly FakeRealtimeServer _server;
    private readonly HttpContext _context;
    private readonly WebSocket _socket;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly object _gate = new();
    private readonly ChangeSignal _changed = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource<RealtimeSessionClosure> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Records, guarded by _gate.
    private readonly List<RealtimeClientEventRecord> _clientEvents = [];
    private readonly List<RealtimeServerEventRecord> _serverEvents = [];
    private readonly List<FakeRealtimeTurn> _turns = [];
    private readonly List<FakeRealtimeResponse> _responses = [];
    private readonly List<ResponseRun> _runs = [];
    private readonly List<FakeRealtimeTruncation> _truncations = [];
    private readonly List<FakeRealtimeError> _errors = [];
    private readonly List<FakeRealtimeClientItem> _clientItems = [];
    private readonly List<string> _problems = [];
    private readonly ArrayBufferWriter<byte> _audioIn = new(16 * 1024);
    private readonly ArrayBufferWriter<byte> _audioOut = new(16 * 1024);
    private long _audioBytesIn;
    private long _audioBytesOut;
    private RealtimeSessionSettings _settings;
    private string _configJson;
    private int _sessionUpdates;
    private RealtimeSessionClosure? _closure;

    // Session state, guarded by _turn (the session handles one thing at a time, in order).
    private readonly JsonObject _config;
    private readonly byte[] _frame = new byte[FakeAudio.FrameBytes];
    private readonly Dictionary<string, AssistantItem> _assistantItems = new(StringComparer.Ordinal);
    private readonly HashSet<string> _items = new(StringComparer.Ordinal);
    private readonly HashSet<string> _callIds = new(StringComparer.Ordinal);
    private readonly Queue<FakeRealtimeTurn> _queuedTurnResponses = new();
    private readonly string _conversationId = NewId("conv");
    private int _frameFill;
    private long _framesProcessed;
    private long _bufferedBytes;
    private int _voicedRun;
    private long _onsetMs;
    private bool _inSpeech;
    private int _silentMs;
    private int _speakingTurn = -1;
    private string? _lastItemId;
    private int _responseCreates;
    private ResponseRun? _active;
    private bool _warnedInputFormat;
    private bool _dropped;
    private bool _closeSent;

    internal FakeRealtimeSession(FakeRealtimeServer server, int index, HttpContext context, WebSocket socket, string? model, string? subprotocol, string? betaHeader)
    {
        _server = server;
        _context = context;
        _socket = socket;
        Index = index;
        Model = model;
        Subprotocol = subprotocol;
        BetaHeader = betaHeader;
        OpenedAt = FakeClock.Now;
        Authorization = context.Request.Headers.Authorization.ToString();
        RequestHeaders = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _config = DefaultConfig(Id, model ?? "gpt-realtime");
        _configJson = _config.ToJsonString(JsonOptions);
        _settings = ReadSettings(_config);
        Script = server.Options.ScriptFor?.Invoke(this) ?? server.Options.Script;
    }

    /// <summary>Position among the server's sessions (0 = the first opened).</summary>
    public int Index { get; }

    /// <summary>The session id sent in <c>session.created</c> (<c>sess_…</c>).</summary>
    public string Id { get; } = NewId("sess");

    /// <summary>The <c>model</c> query parameter of the connection, if any.</summary>
    public string? Model { get; }

    /// <summary>The subprotocol accepted (<c>realtime</c>), or null when the client asked for none.</summary>
    public string? Subprotocol { get; }

    /// <summary>The <c>OpenAI-Beta</c> header of the connection (a GA client sends none).</summary>
    public string? BetaHeader { get; }

    /// <summary>The <c>Authorization</c> header of the connection.</summary>
    public string Authorization { get; }

    /// <summary>When the connection was accepted.</summary>
    public TimeSpan OpenedAt { get; }

    /// <summary>The headers of the WebSocket upgrade request (names compared without case).</summary>
    public IReadOnlyDictionary<string, string> RequestHeaders { get; }

    /// <summary>The script this session follows.</summary>
    public RealtimeScript Script { get; }

    /// <summary>The configuration as last updated (parsed).</summary>
    public RealtimeSessionSettings Settings => Read(() => _settings);

    /// <summary>The full session object as last sent in <c>session.created</c>/<c>session.updated</c>.</summary>
    public string ConfigJson => Read(() => _configJson);

    /// <summary>Accepted <c>session.update</c>s so far.</summary>
    public int SessionUpdates => Read(() => _sessionUpdates);

    /// <summary>Every client event received, in order.</summary>
    public IReadOnlyList<RealtimeClientEventRecord> ClientEvents => Read(() => _clientEvents.ToList());

    /// <summary>Every server event sent, in order.</summary>
    public IReadOnlyList<RealtimeServerEventRecord> ServerEvents => Read(() => _serverEvents.ToList());

    /// <summary>The caller turns detected or committed, in order.</summary>
    public IReadOnlyList<FakeRealtimeTurn> Turns => Read(() => _turns.ToList());

    /// <summary>The responses started, in order.</summary>
    public IReadOnlyList<FakeRealtimeResponse> Responses => Read(() => _responses.ToList());

    /// <summary>Every <c>conversation.item.truncate</c> received, accepted or not.</summary>
    public IReadOnlyList<FakeRealtimeTruncation> Truncations => Read(() => _truncations.ToList());

    /// <summary>Every <c>error</c> event sent.</summary>
    public IReadOnlyList<FakeRealtimeError> Errors => Read(() => _errors.ToList());

    /// <summary>The items the client created (messages, function outputs).</summary>
    public IReadOnlyList<FakeRealtimeClientItem> ClientItems => Read(() => _clientItems.ToList());

    /// <summary>What the fake noticed that a correct GA client never does (beta header, a format other than <c>audio/pcmu</c>, …).</summary>
    public IReadOnlyList<string> Problems => Read(() => _problems.ToList());

    /// <summary>µ-law bytes received in <c>input_audio_buffer.append</c>s.</summary>
    public long AudioBytesReceived => Read(() => _audioBytesIn);

    /// <summary>µ-law bytes sent in audio deltas.</summary>
    public long AudioBytesSent => Read(() => _audioBytesOut);

    /// <summary>How the session ended, or <see cref="RealtimeSessionEnd.Open"/>.</summary>
    public RealtimeSessionEnd End => Read(() => _closure?.End ?? RealtimeSessionEnd.Open);

    /// <summary>Completes when the socket has closed, however it closed.</summary>
    public Task<RealtimeSessionClosure> Closed => _closed.Task;

    /// <summary>Every µ-law byte the client appended, in order (unless <see cref="FakeRealtimeOptions.RecordAudio"/> is off).</summary>
    public byte[] AudioReceived() => Read(() => _audioIn.WrittenSpan.ToArray());

    /// <summary>Every µ-law byte sent in audio deltas, in order, all responses (unless <see cref="FakeRealtimeOptions.RecordAudio"/> is off).</summary>
    public byte[] AudioSent() => Read(() => _audioOut.WrittenSpan.ToArray());

    /// <summary>
    /// The µ-law sent so far for the <paramref name="responseIndex"/>-th response (0 = the first): compare it with what a
    /// caller heard using <see cref="FakeAudio.HeardPrefixLength"/>.
    /// </summary>
    public byte[] AudioSentFor(int responseIndex) => Read(() => _runs[responseIndex].Audio.AsSpan(0, (int)_runs[responseIndex].BytesSent).ToArray());

    /// <summary>Waits for a client event of this type (the first one matching <paramref name="predicate"/>).</summary>
    public Task<RealtimeClientEventRecord> WaitForClientEventAsync(string type, Func<RealtimeClientEventRecord, bool>? predicate = null, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) =>
        _changed.WaitAsync(() => Read(() => _clientEvents.FirstOrDefault(e => e.Type == type && (predicate is null || predicate(e)))),
            timeout ?? DefaultWait, $"client event '{type}' in session #{Index}", cancellationToken);

    /// <summary>Waits for a server event of this type (the first one matching <paramref name="predicate"/>).</summary>
    public Task<RealtimeServerEventRecord> WaitForServerEventAsync(string type, Func<RealtimeServerEventRecord, bool>? predicate = null, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) =>
        _changed.WaitAsync(() => Read(() => _serverEvents.FirstOrDefault(e => e.Type == type && (predicate is null || predicate(e)))),
            timeout ?? DefaultWait, $"server event '{type}' in session #{Index}", cancellationToken);

    /// <summary>Waits until the <paramref name="index"/>-th turn (0 = the first) has been committed.</summary>
    public Task<FakeRealtimeTurn> WaitForTurnAsync(int index = 0, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _changed.WaitAsync(() => Read(() => index < _turns.Count && _turns[index].CommittedAt is not null ? _turns[index] : null),
            timeout ?? DefaultWait, $"turn #{index} committed in session #{Index}", cancellationToken);

    /// <summary>Waits until the <paramref name="index"/>-th response (0 = the first) is done (completed or cancelled).</summary>
    public Task<FakeRealtimeResponse> WaitForResponseDoneAsync(int index = 0, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _changed.WaitAsync(() => Read(() => index < _responses.Count && _responses[index].DoneAt is not null ? _responses[index] : null),
            timeout ?? DefaultWait, $"response #{index} done in session #{Index}", cancellationToken);

    /// <summary>Waits for the <paramref name="index"/>-th <c>conversation.item.truncate</c> (0 = the first).</summary>
    public Task<FakeRealtimeTruncation> WaitForTruncationAsync(int index = 0, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _changed.WaitAsync(() => Read(() => index < _truncations.Count ? _truncations[index] : null),
            timeout ?? DefaultWait, $"truncate #{index} in session #{Index}", cancellationToken);

    /// <summary>Waits until the socket has closed.</summary>
    public Task<RealtimeSessionClosure> WaitForClosedAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _closed.Task.WaitAsync(timeout ?? DefaultWait, cancellationToken);

    /// <summary>Waits until <paramref name="condition"/> holds, re-checked on every change of the session.</summary>
    public Task WaitUntilAsync(Func<FakeRealtimeSession, bool> condition, string description, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _changed.WaitAsync(() => condition(this) ? this : null, timeout ?? DefaultWait, description, cancellationToken);

    /// <summary>Drops the socket abruptly, as a network failure or a crashed service would (no close handshake).</summary>
    public void Drop()
    {
        lock (_gate)
        {
            if (_closure is not null)
            {
                return;
            }

            _dropped = true;
        }

        _lifetime.Cancel();
        try
        {
            _context.Abort();
        }
        catch (ObjectDisposedException)
        {
            // The connection has already ended.
        }
    }

    /// <summary>Closes the socket with a close handshake from the server and waits for the client's answer.</summary>
    public async Task<RealtimeSessionClosure> CloseAsync(WebSocketCloseStatus status = WebSocketCloseStatus.NormalClosure, string description = "",
        TimeSpan? timeout = null)
    {
        await _turn.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_closeSent && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                _closeSent = true;
                await _socket.CloseOutputAsync(status, description, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
        {
        }
        finally
        {
            _turn.Release();
        }

        try
        {
            return await _closed.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Drop();
            return await _closed.Task.ConfigureAwait(false);
        }
    }

    /// <summary>Sends any server event as it is (e.g. one the fake never sends by itself); it is recorded like the others.</summary>
    public async Task SendRawAsync(string json)
    {
        await _turn.WaitAsync().ConfigureAwait(false);
        try
        {
            string type;
            try
            {
                using var document = JsonDocument.Parse(json);
                type = document.RootElement.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
            }
            catch (JsonException)
            {
                type = "";
            }

            await SendTextAsync(json, type, null, null, 0).ConfigureAwait(false);
        }
        finally
        {
            _turn.Release();
        }
    }

    internal async Task RunAsync()
    {
        await _turn.WaitAsync().ConfigureAwait(false);
        try
        {
            await SendAsync(Event("session.created", new JsonObject { ["session"] = _config.DeepClone() })).ConfigureAwait(false);
            if (BetaHeader is not null)
            {
                Problem($"the connection sent the beta header 'OpenAI-Beta: {BetaHeader}'; a GA client sends none");
                await ErrorAsync("invalid_request_error", "beta_api_shape_not_supported",
                    "This server speaks the GA Realtime API only; do not send the 'OpenAI-Beta: realtime=v1' header.", null, null).ConfigureAwait(false);
            }

            if (Model is null)
            {
                Problem("the connection URL has no 'model' query parameter");
            }
        }
        finally
        {
            _turn.Release();
        }

        _server.Changed();
        var reader = new WebSocketMessageReader(_socket, 64 * 1024);
        RealtimeSessionClosure? closure = null;
        try
        {
            while (true)
            {
                var type = await reader.ReadAsync(_lifetime.Token).ConfigureAwait(false);
                if (type == WebSocketMessageType.Close)
                {
                    var end = Volatile.Read(ref _closeSent) ? RealtimeSessionEnd.ClosedByServer : RealtimeSessionEnd.ClosedByClient;
                    await AnswerCloseAsync().ConfigureAwait(false);
                    closure = new RealtimeSessionClosure(end, FakeClock.Now, _socket.CloseStatus, _socket.CloseStatusDescription);
                    break;
                }

                await HandleAsync(reader.Message, type == WebSocketMessageType.Binary).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            bool dropped;
            lock (_gate)
            {
                dropped = _dropped;
            }

            closure = new RealtimeSessionClosure(dropped ? RealtimeSessionEnd.Dropped : RealtimeSessionEnd.Lost, FakeClock.Now, null, e.Message);
        }
        finally
        {
            _lifetime.Cancel();
            lock (_gate)
            {
                _closure = closure;
            }

            _closed.TrySetResult(closure!);
            Changed();
        }
    }

    private async Task AnswerCloseAsync()
    {
        await _turn.WaitAsync().ConfigureAwait(false);
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
            _turn.Release();
        }
    }

    // ---- Client events ----

    private async Task HandleAsync(ReadOnlyMemory<byte> message, bool binary)
    {
        var at = FakeClock.Now;
        if (binary)
        {
            Record(new RealtimeClientEventRecord(at, null, null, 0, null));
            await UnderTurnAsync(() => ErrorAsync("invalid_request_error", "invalid_json",
                "The server expects JSON text messages; a binary message was received.", null, null)).ConfigureAwait(false);
            return;
        }

        var (type, eventId) = PeekType(message.Span);
        if (type == "input_audio_buffer.append")
        {
            var audio = ReadAudio(message.Span, out var present);
            Record(new RealtimeClientEventRecord(at, type, eventId, audio?.Length ?? 0,
                _server.Options.RecordAudioEvents ? Encoding.UTF8.GetString(message.Span) : null));
            await UnderTurnAsync(() => AppendAsync(audio, present, eventId)).ConfigureAwait(false);
            return;
        }

        var json = Encoding.UTF8.GetString(message.Span);
        Record(new RealtimeClientEventRecord(at, type, eventId, 0, json));
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(message);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            await UnderTurnAsync(() => ErrorAsync("invalid_request_error", "invalid_json",
                $"We could not parse the JSON body of your request. ({e.Message})", null, null)).ConfigureAwait(false);
            return;
        }

        await UnderTurnAsync(() => DispatchAsync(type, eventId, root)).ConfigureAwait(false);
    }

    private Task DispatchAsync(string? type, string? eventId, JsonElement root) => type switch
    {
        null => ErrorAsync("invalid_request_error", "missing_required_parameter", "Missing required parameter: 'type'.", "type", eventId),
        "session.update" => SessionUpdateAsync(root, eventId),
        "input_audio_buffer.commit" => CommitRequestedAsync(eventId),
        "input_audio_buffer.clear" => ClearBufferAsync(),
        "conversation.item.create" => ItemCreateAsync(root, eventId),
        "conversation.item.truncate" => TruncateAsync(root, eventId),
        "conversation.item.delete" => ItemDeleteAsync(root, eventId),
        "response.create" => ResponseCreateAsync(root, eventId),
        "response.cancel" => ResponseCancelAsync(root, eventId),
        "conversation.item.retrieve" or "output_audio_buffer.clear" => NotSupportedAsync(type),
        _ => ErrorAsync("invalid_request_error", "invalid_value",
            $"Invalid value: '{type}'. Supported values are: {string.Join(", ", ClientEventTypes.Select(t => $"'{t}'"))}.", "type", eventId),
    };

    private Task NotSupportedAsync(string type)
    {
        Problem($"'{type}' is a real client event the fake does not implement (MediaHost has no use for it)");
        return Task.CompletedTask;
    }

    private async Task SessionUpdateAsync(JsonElement root, string? eventId)
    {
        if (!root.TryGetProperty("session", out var session) || session.ValueKind != JsonValueKind.Object)
        {
            await ErrorAsync("invalid_request_error", "missing_required_parameter", "Missing required parameter: 'session'.", "session", eventId).ConfigureAwait(false);
            return;
        }

        if (ValidateSession(session) is { } invalid)
        {
            await ErrorAsync("invalid_request_error", invalid.Code, invalid.Message, invalid.Param, eventId).ConfigureAwait(false);
            return;
        }

        Merge(_config, JsonNode.Parse(session.GetRawText())!.AsObject());
        var settings = ReadSettings(_config);
        lock (_gate)
        {
            _settings = settings;
            _configJson = _config.ToJsonString(JsonOptions);
            _sessionUpdates++;
        }

        if (settings.OutputFormat != "audio/pcmu")
        {
            Problem($"session.audio.output.format is '{settings.OutputFormat}'; Twilio plays audio/pcmu (G.711 µ-law) without resampling");
        }

        await SendAsync(Event("session.updated", new JsonObject { ["session"] = _config.DeepClone() })).ConfigureAwait(false);
    }

    private async Task AppendAsync(byte[]? audio, bool present, string? eventId)
    {
        if (audio is null)
        {
            await ErrorAsync("invalid_request_error", present ? "invalid_value" : "missing_required_parameter",
                present ? "Invalid 'audio'. Expected base64-encoded audio bytes." : "Missing required parameter: 'audio'.", "audio", eventId).ConfigureAwait(false);
            return;
        }

        if (!_warnedInputFormat && _settings.InputFormat != "audio/pcmu")
        {
            _warnedInputFormat = true;
            Problem($"audio appended while session.audio.input.format is '{_settings.InputFormat}'; Twilio's audio is audio/pcmu");
        }

        lock (_gate)
        {
            _audioBytesIn += audio.Length;
            if (_server.Options.RecordAudio)
            {
                _audioIn.Write(audio);
            }
        }

        _bufferedBytes += audio.Length;
        var detection = _settings.TurnDetection;
        var offset = 0;
        while (offset < audio.Length)
        {
            var take = Math.Min(_frame.Length - _frameFill, audio.Length - offset);
            audio.AsSpan(offset, take).CopyTo(_frame.AsSpan(_frameFill));
            _frameFill += take;
            offset += take;
            if (_frameFill < _frame.Length)
            {
                break;
            }

            _frameFill = 0;
            var startMs = _framesProcessed * FakeAudio.FrameMilliseconds;
            _framesProcessed++;
            if (detection is not null)
            {
                await DetectAsync(FakeAudio.Rms(_frame) >= _server.Options.SpeechRmsThreshold, startMs, detection).ConfigureAwait(false);
                detection = _settings.TurnDetection;
            }
        }

        Changed();
    }

    private async Task DetectAsync(bool voiced, long startMs, RealtimeTurnDetectionSettings detection)
    {
        var endMs = startMs + FakeAudio.FrameMilliseconds;
        if (!_inSpeech)
        {
            if (!voiced)
            {
                _voicedRun = 0;
                return;
            }

            if (_voicedRun++ == 0)
            {
                _onsetMs = startMs;
            }

            if (_voicedRun >= _server.Options.SpeechStartFrames)
            {
                await SpeechStartedAsync(detection).ConfigureAwait(false);
            }

            return;
        }

        if (voiced)
        {
            _silentMs = 0;
            return;
        }

        _silentMs += FakeAudio.FrameMilliseconds;
        if (_silentMs >= (detection.SilenceDurationMs ?? _server.Options.DefaultSilenceDurationMs))
        {
            await SpeechStoppedAsync(endMs, detection).ConfigureAwait(false);
        }
    }

    private async Task SpeechStartedAsync(RealtimeTurnDetectionSettings detection)
    {
        _inSpeech = true;
        _silentMs = 0;
        var itemId = NewId("item");
        var audioStart = Math.Max(0, _onsetMs - (detection.PrefixPaddingMs ?? 300));
        lock (_gate)
        {
            _speakingTurn = _turns.Count;
            _turns.Add(new FakeRealtimeTurn(_turns.Count, itemId, audioStart, null, FakeClock.Now, null, null, null));
        }

        await SendAsync(Event("input_audio_buffer.speech_started", new JsonObject { ["audio_start_ms"] = audioStart, ["item_id"] = itemId }), itemId).ConfigureAwait(false);
        if (_active is { } active && detection.InterruptResponse)
        {
            await CancelAsync(active, "turn_detected").ConfigureAwait(false);
        }
    }

    private async Task SpeechStoppedAsync(long endMs, RealtimeTurnDetectionSettings detection)
    {
        _inSpeech = false;
        _voicedRun = 0;
        _silentMs = 0;
        FakeRealtimeTurn turn;
        lock (_gate)
        {
            turn = _turns[_speakingTurn] with { AudioEndMs = endMs, SpeechStoppedAt = FakeClock.Now };
            _turns[_speakingTurn] = turn;
        }

        await SendAsync(Event("input_audio_buffer.speech_stopped", new JsonObject { ["audio_end_ms"] = endMs, ["item_id"] = turn.ItemId }), turn.ItemId).ConfigureAwait(false);
        await CommitAsync(turn, detection.CreateResponse).ConfigureAwait(false);
    }

    private async Task CommitRequestedAsync(string? eventId)
    {
        var bufferedMs = _bufferedBytes / (double)FakeAudio.BytesPerMillisecond;
        if (bufferedMs < 100)
        {
            await ErrorAsync("invalid_request_error", "input_audio_buffer_commit_empty",
                $"Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has {bufferedMs.ToString("0.00", CultureInfo.InvariantCulture)}ms of audio.",
                null, eventId).ConfigureAwait(false);
            return;
        }

        FakeRealtimeTurn turn;
        lock (_gate)
        {
            if (_inSpeech && _speakingTurn >= 0)
            {
                turn = _turns[_speakingTurn] with { AudioEndMs = _audioBytesIn / FakeAudio.BytesPerMillisecond };
                _turns[_speakingTurn] = turn;
            }
            else
            {
                var audioEnd = _audioBytesIn / FakeAudio.BytesPerMillisecond;
                turn = new FakeRealtimeTurn(_turns.Count, NewId("item"), audioEnd - (long)bufferedMs, audioEnd, null, null, null, null);
                _turns.Add(turn);
            }
        }

        _inSpeech = false;
        _voicedRun = 0;
        await CommitAsync(turn, createResponse: false).ConfigureAwait(false);
    }

    private async Task CommitAsync(FakeRealtimeTurn turn, bool createResponse)
    {
        var previous = _lastItemId;
        _bufferedBytes = 0;
        await SendAsync(Event("input_audio_buffer.committed", new JsonObject { ["previous_item_id"] = previous, ["item_id"] = turn.ItemId }), turn.ItemId).ConfigureAwait(false);
        var item = new JsonObject
        {
            ["id"] = turn.ItemId, ["type"] = "message", ["object"] = "realtime.item", ["status"] = "completed", ["role"] = "user",
            ["content"] = new JsonArray(new JsonObject { ["type"] = "input_audio", ["transcript"] = null }),
        };
        await SendAsync(Event("conversation.item.added", new JsonObject { ["previous_item_id"] = previous, ["item"] = item.DeepClone() }), turn.ItemId).ConfigureAwait(false);
        await SendAsync(Event("conversation.item.done", new JsonObject { ["previous_item_id"] = previous, ["item"] = item }), turn.ItemId).ConfigureAwait(false);
        _lastItemId = turn.ItemId;
        _items.Add(turn.ItemId);

        var transcript = Script.Transcribe?.Invoke(this, turn)
                         ?? (turn.Index < Script.Turns.Count ? Script.Turns[turn.Index].Transcript : Script.DefaultTranscript);
        lock (_gate)
        {
            turn = _turns[turn.Index] with { CommittedAt = FakeClock.Now, Transcript = transcript };
            _turns[turn.Index] = turn;
        }

        if (_settings.TranscriptionModel is not null)
        {
            var delay = _server.Options.TranscriptionDelay;
            if (delay <= TimeSpan.Zero)
            {
                await TranscribeAsync(turn).ConfigureAwait(false);
            }
            else
            {
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await Task.Delay(delay, _lifetime.Token).ConfigureAwait(false);
                        await UnderTurnAsync(() => TranscribeAsync(turn)).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                });
            }
        }

        if (createResponse)
        {
            if (_active is null)
            {
                await StartResponseAsync(RealtimeResponseTrigger.Turn, null, null, turn).ConfigureAwait(false);
            }
            else
            {
                _queuedTurnResponses.Enqueue(turn);
            }
        }

        Changed();
    }

    private async Task TranscribeAsync(FakeRealtimeTurn turn)
    {
        var transcript = turn.Transcript ?? "";
        await SendAsync(Event("conversation.item.input_audio_transcription.delta",
            new JsonObject { ["item_id"] = turn.ItemId, ["content_index"] = 0, ["delta"] = transcript }), turn.ItemId).ConfigureAwait(false);
        var seconds = (long)Math.Max(1, Math.Ceiling(((turn.AudioEndMs ?? 0) - turn.AudioStartMs) / 1000.0));
        await SendAsync(Event("conversation.item.input_audio_transcription.completed", new JsonObject
        {
            ["item_id"] = turn.ItemId, ["content_index"] = 0, ["transcript"] = transcript,
            ["usage"] = new JsonObject { ["type"] = "duration", ["seconds"] = seconds },
        }), turn.ItemId).ConfigureAwait(false);
    }

    private async Task ClearBufferAsync()
    {
        _bufferedBytes = 0;
        _frameFill = 0;
        _voicedRun = 0;
        if (_inSpeech)
        {
            _inSpeech = false;
            lock (_gate)
            {
                _turns.RemoveAt(_speakingTurn);
            }
        }

        await SendAsync(Event("input_audio_buffer.cleared", new JsonObject())).ConfigureAwait(false);
    }

    private async Task ItemCreateAsync(JsonElement root, string? eventId)
    {
        if (!root.TryGetProperty("item", out var item) || item.ValueKind != JsonValueKind.Object)
        {
            await ErrorAsync("invalid_request_error", "missing_required_parameter", "Missing required parameter: 'item'.", "item", eventId).ConfigureAwait(false);
            return;
        }

        var type = String(item, "type");
        var id = String(item, "id") ?? NewId("item");
        string? role = null, text = null, callId = null, output = null;
        switch (type)
        {
            case "message":
            {
                role = String(item, "role");
                if (role is not ("user" or "system" or "assistant"))
                {
                    await ErrorAsync("invalid_request_error", "invalid_value",
                        $"Invalid value: '{role}'. Supported values are: 'user', 'system', and 'assistant'.", "item.role", eventId).ConfigureAwait(false);
                    return;
                }

                var allowed = role == "assistant" ? new[] { "output_text", "output_audio" } : ["input_text", "input_audio", "input_image"];
                var texts = new List<string>();
                if (item.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array)
                {
                    var index = 0;
                    foreach (var part in content.EnumerateArray())
                    {
                        var partType = String(part, "type");
                        if (!allowed.Contains(partType))
                        {
                            await ErrorAsync("invalid_request_error", "invalid_value",
                                $"Invalid value: '{partType}'. Supported values are: {string.Join(", ", allowed.Select(a => $"'{a}'"))}.",
                                $"item.content[{index}].type", eventId).ConfigureAwait(false);
                            return;
                        }

                        if (String(part, "text") is { } partText)
                        {
                            texts.Add(partText);
                        }

                        index++;
                    }
                }

                text = string.Join("\n", texts);
                break;
            }

            case "function_call_output":
                callId = String(item, "call_id");
                output = String(item, "output");
                if (callId is null || output is null)
                {
                    var missing = callId is null ? "item.call_id" : "item.output";
                    await ErrorAsync("invalid_request_error", "missing_required_parameter", $"Missing required parameter: '{missing}'.", missing, eventId).ConfigureAwait(false);
                    return;
                }

                if (!_callIds.Contains(callId))
                {
                    await ErrorAsync("invalid_request_error", "invalid_value",
                        $"No function call with call_id '{callId}' found in the conversation.", "item.call_id", eventId).ConfigureAwait(false);
                    return;
                }

                break;
            case "function_call":
                callId = String(item, "call_id");
                if (callId is not null)
                {
                    _callIds.Add(callId);
                }

                break;
            default:
                await ErrorAsync("invalid_request_error", "invalid_value",
                    $"Invalid value: '{type}'. Supported values are: 'message', 'function_call', and 'function_call_output'.", "item.type", eventId).ConfigureAwait(false);
                return;
        }

        var previous = String(root, "previous_item_id") ?? _lastItemId;
        var node = JsonNode.Parse(item.GetRawText())!.AsObject();
        node["id"] = id;
        node["object"] = "realtime.item";
        node["status"] = "completed";
        await SendAsync(Event("conversation.item.added", new JsonObject { ["previous_item_id"] = previous, ["item"] = node.DeepClone() }), id).ConfigureAwait(false);
        await SendAsync(Event("conversation.item.done", new JsonObject { ["previous_item_id"] = previous, ["item"] = node }), id).ConfigureAwait(false);
        _lastItemId = id;
        _items.Add(id);
        lock (_gate)
        {
            _clientItems.Add(new FakeRealtimeClientItem(FakeClock.Now, id, type!, role, text, callId, output));
        }

        Changed();
    }

    private async Task ItemDeleteAsync(JsonElement root, string? eventId)
    {
        var id = String(root, "item_id");
        if (id is null || !_items.Remove(id))
        {
            await ErrorAsync("invalid_request_error", "invalid_value", $"Conversation item with item_id '{id}' not found.", "item_id", eventId).ConfigureAwait(false);
            return;
        }

        _assistantItems.Remove(id);
        await SendAsync(Event("conversation.item.deleted", new JsonObject { ["item_id"] = id }), id).ConfigureAwait(false);
    }

    private async Task TruncateAsync(JsonElement root, string? eventId)
    {
        var itemId = String(root, "item_id");
        var contentIndex = root.TryGetProperty("content_index", out var ci) && ci.ValueKind == JsonValueKind.Number ? ci.GetInt32() : -1;
        var hasEnd = root.TryGetProperty("audio_end_ms", out var end) && end.ValueKind == JsonValueKind.Number;
        var audioEndMs = hasEnd ? end.GetInt64() : -1;
        long? available = itemId is not null && _assistantItems.TryGetValue(itemId, out var state) ? state.AvailableMs : null;

        (string Code, string Message, string Param)? error = null;
        if (itemId is null || contentIndex < 0 || !hasEnd)
        {
            var missing = itemId is null ? "item_id" : contentIndex < 0 ? "content_index" : "audio_end_ms";
            error = ("missing_required_parameter", $"Missing required parameter: '{missing}'.", missing);
        }
        else if (audioEndMs < 0)
        {
            error = ("integer_below_min_value", $"Invalid 'audio_end_ms': integer below minimum value. Expected a value >= 0, but got {audioEndMs} instead.", "audio_end_ms");
        }
        else if (!_items.Contains(itemId))
        {
            error = ("invalid_value", $"Conversation item with item_id '{itemId}' not found.", "item_id");
        }
        else if (available is null || _assistantItems[itemId].BytesSent == 0)
        {
            error = ("unsupported_content_type", "Only model output audio messages can be truncated", "item_id");
        }
        else if (contentIndex != 0)
        {
            error = ("invalid_value", $"Invalid 'content_index': the item has no content part {contentIndex}.", "content_index");
        }
        else if (audioEndMs > available)
        {
            error = ("invalid_value", $"Audio content of {available}ms is already shorter than {audioEndMs}ms", "audio_end_ms");
        }

        lock (_gate)
        {
            _truncations.Add(new FakeRealtimeTruncation(FakeClock.Now, itemId, contentIndex, audioEndMs, available, error is null, error?.Message));
        }

        if (error is { } e)
        {
            await ErrorAsync("invalid_request_error", e.Code, e.Message, e.Param, eventId).ConfigureAwait(false);
            return;
        }

        var item = _assistantItems[itemId!];
        item.TruncatedMs = audioEndMs;
        UpdateResponse(item.Run, r => r with { TruncatedAtMs = audioEndMs });
        await SendAsync(Event("conversation.item.truncated",
            new JsonObject { ["item_id"] = itemId, ["content_index"] = contentIndex, ["audio_end_ms"] = audioEndMs }), itemId).ConfigureAwait(false);
    }

    private async Task ResponseCreateAsync(JsonElement root, string? eventId)
    {
        if (_active is { } active)
        {
            await ErrorAsync("invalid_request_error", "conversation_already_has_active_response",
                $"Conversation already has an active response in progress: {active.Id}. Wait until the response is finished before creating a new one.",
                null, eventId).ConfigureAwait(false);
            return;
        }

        string? instructions = null;
        IReadOnlyList<string>? modalities = null;
        if (root.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in response.EnumerateObject())
            {
                if (BetaSessionKeys.Contains(property.Name) && property.Name is "modalities" or "voice" or "output_audio_format" or "temperature")
                {
                    await ErrorAsync("invalid_request_error", "unknown_parameter", $"Unknown parameter: 'response.{property.Name}'.", $"response.{property.Name}", eventId)
                        .ConfigureAwait(false);
                    return;
                }
            }

            instructions = String(response, "instructions");
            if (response.TryGetProperty("output_modalities", out var m) && m.ValueKind == JsonValueKind.Array)
            {
                modalities = m.EnumerateArray().Select(x => x.GetString() ?? "").ToList();
            }
        }

        var index = _responseCreates++;
        var scripted = index < Script.OnResponseCreate.Count ? Script.OnResponseCreate[index] : null;
        await StartResponseAsync(RealtimeResponseTrigger.ResponseCreate, instructions, modalities, null, scripted).ConfigureAwait(false);
    }

    private async Task ResponseCancelAsync(JsonElement root, string? eventId)
    {
        var id = String(root, "response_id");
        if (_active is not { } active || (id is not null && id != active.Id))
        {
            await ErrorAsync("invalid_request_error", "response_cancel_not_active", "Cancellation failed: no active response found.", null, eventId).ConfigureAwait(false);
            return;
        }

        await CancelAsync(active, "client_cancelled").ConfigureAwait(false);
    }

    // ---- Responses ----

    private async Task StartResponseAsync(RealtimeResponseTrigger trigger, string? instructions, IReadOnlyList<string>? modalities, FakeRealtimeTurn? turn,
        ScriptedResponse? fromCreateList = null)
    {
        int index;
        lock (_gate)
        {
            index = _responses.Count;
        }

        var context = new RealtimeResponseContext(this, trigger, index, instructions, turn);
        var scripted = Script.Respond?.Invoke(context)
            ?? (trigger == RealtimeResponseTrigger.ResponseCreate
                ? fromCreateList
                : turn is not null && turn.Index < Script.Turns.Count ? Script.Turns[turn.Index].Response : null)
            ?? Script.DefaultResponse;
        var text = (modalities ?? _settings.OutputModalities).SequenceEqual(["text"]);
        var audio = text ? [] : scripted.Audio ?? (scripted.AudioMilliseconds > 0
            ? FakeAudio.Speech(scripted.AudioMilliseconds, 4000, 170 + (Index * 37 + index * 11) % 150, seed: HashCode.Combine(Id, index))
            : []);
        var run = new ResponseRun(NewId("resp"), index, scripted, audio, text, instructions);
        _active = run;
        lock (_gate)
        {
            _runs.Add(run);
            _responses.Add(new FakeRealtimeResponse(index, run.Id, trigger, instructions, null, FakeClock.Now, null, null, "in_progress", null, 0, audio.Length,
                scripted.Transcript, [], null));
        }

        if (!text && _settings.OutputFormat != "audio/pcmu")
        {
            Problem($"a response was created while session.audio.output.format is '{_settings.OutputFormat}'; the fake sends audio/pcmu");
        }

        await SendAsync(Event("response.created", new JsonObject { ["response"] = ResponseObject(run, "in_progress", null) }), null, run.Id).ConfigureAwait(false);
        _ = Task.Run(() => GenerateAsync(run));
    }

    private async Task GenerateAsync(ResponseRun run)
    {
        var options = _server.Options;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token, run.Cancel.Token);
        var token = linked.Token;
        try
        {
            var delay = run.Scripted.Delay ?? options.ResponseDelay;
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, token).ConfigureAwait(false);
            }

            var outputIndex = 0;
            if (run.Audio.Length > 0 || run.Scripted.Transcript.Length > 0)
            {
                if (!await StepAsync(run, () => MessageStartAsync(run, outputIndex)).ConfigureAwait(false))
                {
                    return;
                }

                var chunkBytes = Math.Max(1, run.Scripted.AudioDeltaBytes ?? options.AudioDeltaBytes);
                var interval = run.Scripted.AudioDeltaInterval ?? options.AudioDeltaInterval;
                var chunks = run.Text ? 1 : Math.Max(1, (run.Audio.Length + chunkBytes - 1) / chunkBytes);
                var transcript = run.Scripted.Transcript;
                for (var i = 0; i < chunks; i++)
                {
                    var chunk = i;
                    var textPart = transcript[(transcript.Length * chunk / chunks)..(transcript.Length * (chunk + 1) / chunks)];
                    var offset = chunk * chunkBytes;
                    var bytes = run.Text ? 0 : Math.Min(chunkBytes, run.Audio.Length - offset);
                    if (!await StepAsync(run, () => DeltaAsync(run, outputIndex, offset, bytes, textPart)).ConfigureAwait(false))
                    {
                        return;
                    }

                    if (interval > TimeSpan.Zero && chunk < chunks - 1)
                    {
                        await Task.Delay(interval, token).ConfigureAwait(false);
                    }
                }

                if (!await StepAsync(run, () => MessageDoneAsync(run, outputIndex)).ConfigureAwait(false))
                {
                    return;
                }

                outputIndex++;
            }

            foreach (var call in run.Scripted.FunctionCalls)
            {
                var index = outputIndex++;
                if (!await StepAsync(run, () => FunctionCallAsync(run, index, call)).ConfigureAwait(false))
                {
                    return;
                }
            }

            await StepAsync(run, () => CompleteAsync(run)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Cancelled (its events were sent by whoever cancelled it) or the session ended.
        }
    }

    /// <summary>Runs one step of a response in the session's turn; false once the response has been cancelled or the socket is gone.</summary>
    private async Task<bool> StepAsync(ResponseRun run, Func<Task> step)
    {
        try
        {
            await _turn.WaitAsync(_lifetime.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        try
        {
            if (run.Finished || _lifetime.IsCancellationRequested)
            {
                return false;
            }

            await step().ConfigureAwait(false);
            return !run.Finished;
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task MessageStartAsync(ResponseRun run, int outputIndex)
    {
        run.ItemId = NewId("item");
        run.Outputs.Add(null!);
        _items.Add(run.ItemId);
        var state = new AssistantItem(run);
        _assistantItems[run.ItemId] = state;
        UpdateResponse(run, r => r with { ItemId = run.ItemId });
        var item = MessageItem(run, "in_progress", withContent: false);
        await SendAsync(Event("response.output_item.added", new JsonObject { ["response_id"] = run.Id, ["output_index"] = outputIndex, ["item"] = item.DeepClone() }),
            run.ItemId, run.Id).ConfigureAwait(false);
        await SendAsync(Event("conversation.item.added", new JsonObject { ["previous_item_id"] = _lastItemId, ["item"] = item }), run.ItemId, run.Id).ConfigureAwait(false);
        _lastItemId = run.ItemId;
        await SendAsync(Event("response.content_part.added", new JsonObject
        {
            ["response_id"] = run.Id, ["item_id"] = run.ItemId, ["output_index"] = outputIndex, ["content_index"] = 0,
            ["part"] = run.Text ? new JsonObject { ["type"] = "output_text", ["text"] = "" } : new JsonObject { ["type"] = "output_audio", ["transcript"] = "" },
        }), run.ItemId, run.Id).ConfigureAwait(false);
    }

    private async Task DeltaAsync(ResponseRun run, int outputIndex, int offset, int bytes, string textPart)
    {
        if (run.Text)
        {
            await SendAsync(Event("response.output_text.delta", new JsonObject
            {
                ["response_id"] = run.Id, ["item_id"] = run.ItemId, ["output_index"] = outputIndex, ["content_index"] = 0, ["delta"] = textPart,
            }), run.ItemId, run.Id).ConfigureAwait(false);
            run.TextSent += textPart;
            return;
        }

        if (bytes > 0)
        {
            var chunk = run.Audio.AsMemory(offset, bytes);
            var json = string.Concat(
                "{\"type\":\"response.output_audio.delta\",\"event_id\":\"", NewId("event"), "\",\"response_id\":\"", run.Id, "\",\"item_id\":\"", run.ItemId,
                "\",\"output_index\":", outputIndex.ToString(CultureInfo.InvariantCulture), ",\"content_index\":0,\"delta\":\"", Convert.ToBase64String(chunk.Span), "\"}");
            if (!await SendTextAsync(json, "response.output_audio.delta", run.ItemId, run.Id, bytes).ConfigureAwait(false))
            {
                return;
            }

            lock (_gate)
            {
                _audioBytesOut += bytes;
                if (_server.Options.RecordAudio)
                {
                    _audioOut.Write(chunk.Span);
                }
            }

            var state = _assistantItems.GetValueOrDefault(run.ItemId!);
            if (state is not null)
            {
                state.BytesSent += bytes;
            }

            lock (_gate)
            {
                run.BytesSent += bytes;
            }

            var now = FakeClock.Now;
            UpdateResponse(run, r => r with { AudioBytesSent = run.BytesSent, FirstAudioAt = r.FirstAudioAt ?? now });
        }

        if (textPart.Length > 0)
        {
            await SendAsync(Event("response.output_audio_transcript.delta", new JsonObject
            {
                ["response_id"] = run.Id, ["item_id"] = run.ItemId, ["output_index"] = outputIndex, ["content_index"] = 0, ["delta"] = textPart,
            }), run.ItemId, run.Id).ConfigureAwait(false);
            run.TextSent += textPart;
        }

        if (run.Scripted.DropSocketAfterAudioMs is { } dropAfter && run.BytesSent >= (long)dropAfter * FakeAudio.BytesPerMillisecond)
        {
            Drop();
        }
    }

    private async Task MessageDoneAsync(ResponseRun run, int outputIndex)
    {
        var transcript = run.Scripted.Transcript;
        var common = new Func<JsonObject>(() => new JsonObject
        {
            ["response_id"] = run.Id, ["item_id"] = run.ItemId, ["output_index"] = outputIndex, ["content_index"] = 0,
        });
        if (run.Text)
        {
            var done = common();
            done["text"] = transcript;
            await SendAsync(Event("response.output_text.done", done), run.ItemId, run.Id).ConfigureAwait(false);
        }
        else
        {
            await SendAsync(Event("response.output_audio.done", common()), run.ItemId, run.Id).ConfigureAwait(false);
            var done = common();
            done["transcript"] = transcript;
            await SendAsync(Event("response.output_audio_transcript.done", done), run.ItemId, run.Id).ConfigureAwait(false);
        }

        var part = common();
        part["part"] = run.Text ? new JsonObject { ["type"] = "output_text", ["text"] = transcript } : new JsonObject { ["type"] = "output_audio", ["transcript"] = transcript };
        await SendAsync(Event("response.content_part.done", part), run.ItemId, run.Id).ConfigureAwait(false);
        var item = MessageItem(run, "completed", withContent: true);
        run.Outputs[outputIndex] = item.DeepClone().AsObject();
        await SendAsync(Event("response.output_item.done", new JsonObject { ["response_id"] = run.Id, ["output_index"] = outputIndex, ["item"] = item.DeepClone() }),
            run.ItemId, run.Id).ConfigureAwait(false);
        await SendAsync(Event("conversation.item.done", new JsonObject { ["item"] = item }), run.ItemId, run.Id).ConfigureAwait(false);
    }

    private async Task FunctionCallAsync(ResponseRun run, int outputIndex, ScriptedFunctionCall call)
    {
        var itemId = NewId("item");
        var callId = call.CallId ?? NewId("call");
        _callIds.Add(callId);
        _items.Add(itemId);
        run.CallIds.Add(callId);
        UpdateResponse(run, r => r with { FunctionCallIds = run.CallIds.ToList() });
        JsonObject Item(string status, string arguments) => new()
        {
            ["id"] = itemId, ["type"] = "function_call", ["object"] = "realtime.item", ["status"] = status, ["name"] = call.Name, ["call_id"] = callId,
            ["arguments"] = arguments,
        };

        await SendAsync(Event("response.output_item.added", new JsonObject { ["response_id"] = run.Id, ["output_index"] = outputIndex, ["item"] = Item("in_progress", "") }),
            itemId, run.Id).ConfigureAwait(false);
        await SendAsync(Event("conversation.item.added", new JsonObject { ["previous_item_id"] = _lastItemId, ["item"] = Item("in_progress", "") }), itemId, run.Id)
            .ConfigureAwait(false);
        _lastItemId = itemId;
        await SendAsync(Event("response.function_call_arguments.delta", new JsonObject
        {
            ["response_id"] = run.Id, ["item_id"] = itemId, ["output_index"] = outputIndex, ["call_id"] = callId, ["delta"] = call.Arguments,
        }), itemId, run.Id).ConfigureAwait(false);
        await SendAsync(Event("response.function_call_arguments.done", new JsonObject
        {
            ["response_id"] = run.Id, ["item_id"] = itemId, ["output_index"] = outputIndex, ["call_id"] = callId, ["name"] = call.Name, ["arguments"] = call.Arguments,
        }), itemId, run.Id).ConfigureAwait(false);
        var done = Item("completed", call.Arguments);
        run.Outputs.Add(done.DeepClone().AsObject());
        await SendAsync(Event("response.output_item.done", new JsonObject { ["response_id"] = run.Id, ["output_index"] = outputIndex, ["item"] = done.DeepClone() }),
            itemId, run.Id).ConfigureAwait(false);
        await SendAsync(Event("conversation.item.done", new JsonObject { ["item"] = done }), itemId, run.Id).ConfigureAwait(false);
    }

    private async Task CompleteAsync(ResponseRun run)
    {
        run.Finished = true;
        await SendAsync(Event("response.done", new JsonObject { ["response"] = ResponseObject(run, "completed", null) }), null, run.Id).ConfigureAwait(false);
        await FinishAsync(run, "completed", null).ConfigureAwait(false);
    }

    /// <summary>Cancels the response in progress: no delta follows, its item is left incomplete and <c>response.done</c> says cancelled.</summary>
    private async Task CancelAsync(ResponseRun run, string reason)
    {
        run.Finished = true;
        run.Cancel.Cancel();
        if (run.ItemId is not null && run.Outputs.Count > 0 && run.Outputs[0] is null)
        {
            var item = MessageItem(run, "incomplete", withContent: true);
            run.Outputs[0] = item.DeepClone().AsObject();
            await SendAsync(Event("response.output_item.done", new JsonObject { ["response_id"] = run.Id, ["output_index"] = 0, ["item"] = item.DeepClone() }),
                run.ItemId, run.Id).ConfigureAwait(false);
            await SendAsync(Event("conversation.item.done", new JsonObject { ["item"] = item }), run.ItemId, run.Id).ConfigureAwait(false);
        }

        await SendAsync(Event("response.done", new JsonObject
        {
            ["response"] = ResponseObject(run, "cancelled", new JsonObject { ["type"] = "cancelled", ["reason"] = reason }),
        }), null, run.Id).ConfigureAwait(false);
        await FinishAsync(run, "cancelled", reason).ConfigureAwait(false);
    }

    private async Task FinishAsync(ResponseRun run, string status, string? reason)
    {
        var now = FakeClock.Now;
        UpdateResponse(run, r => r with { Status = status, CancelReason = reason, DoneAt = now, AudioBytesSent = run.BytesSent });
        if (_active == run)
        {
            _active = null;
        }

        Changed();
        if (_active is null && _queuedTurnResponses.TryDequeue(out var turn))
        {
            await StartResponseAsync(RealtimeResponseTrigger.Turn, null, null, turn).ConfigureAwait(false);
        }
    }

    private JsonObject ResponseObject(ResponseRun run, string status, JsonObject? statusDetails)
    {
        var outputMs = run.BytesSent / FakeAudio.BytesPerMillisecond;
        var outputAudioTokens = (int)Math.Ceiling(outputMs / 50.0);
        var outputTextTokens = (int)Math.Ceiling(run.TextSent.Length / 4.0);
        var inputAudioTokens = (int)(_audioBytesIn / FakeAudio.BytesPerMillisecond / 100);
        var inputTextTokens = (int)Math.Ceiling(((_settings.Instructions?.Length ?? 0) + (run.Instructions?.Length ?? 0)) / 4.0);
        var done = status != "in_progress";
        return new JsonObject
        {
            ["object"] = "realtime.response",
            ["id"] = run.Id,
            ["status"] = status,
            ["status_details"] = statusDetails,
            ["output"] = done ? new JsonArray(run.Outputs.Where(o => o is not null).Select(o => (JsonNode)o.DeepClone()).ToArray()) : new JsonArray(),
            ["conversation_id"] = _conversationId,
            ["output_modalities"] = new JsonArray(run.Text ? "text" : "audio"),
            ["max_output_tokens"] = "inf",
            ["audio"] = new JsonObject
            {
                ["output"] = new JsonObject { ["format"] = new JsonObject { ["type"] = _settings.OutputFormat }, ["voice"] = _settings.Voice },
            },
            ["usage"] = done
                ? new JsonObject
                {
                    ["total_tokens"] = inputAudioTokens + inputTextTokens + outputAudioTokens + outputTextTokens,
                    ["input_tokens"] = inputAudioTokens + inputTextTokens,
                    ["output_tokens"] = outputAudioTokens + outputTextTokens,
                    ["input_token_details"] = new JsonObject
                    {
                        ["text_tokens"] = inputTextTokens, ["audio_tokens"] = inputAudioTokens, ["image_tokens"] = 0, ["cached_tokens"] = 0,
                    },
                    ["output_token_details"] = new JsonObject { ["text_tokens"] = outputTextTokens, ["audio_tokens"] = outputAudioTokens },
                }
                : null,
            ["metadata"] = null,
        };
    }

    private static JsonObject MessageItem(ResponseRun run, string status, bool withContent) => new()
    {
        ["id"] = run.ItemId,
        ["type"] = "message",
        ["object"] = "realtime.item",
        ["status"] = status,
        ["role"] = "assistant",
        ["content"] = withContent
            ? new JsonArray(run.Text
                ? new JsonObject { ["type"] = "output_text", ["text"] = run.TextSent }
                : new JsonObject { ["type"] = "output_audio", ["transcript"] = run.TextSent })
            : new JsonArray(),
    };

    private void UpdateResponse(ResponseRun run, Func<FakeRealtimeResponse, FakeRealtimeResponse> update)
    {
        lock (_gate)
        {
            _responses[run.Index] = update(_responses[run.Index]);
        }

        Changed();
    }

    // ---- Sending ----

    private static JsonObject Event(string type, JsonObject body)
    {
        var result = new JsonObject { ["type"] = type, ["event_id"] = NewId("event") };
        foreach (var (name, value) in body.ToList())
        {
            body.Remove(name);
            result[name] = value;
        }

        return result;
    }

    private Task<bool> SendAsync(JsonObject @event, string? itemId = null, string? responseId = null) =>
        SendTextAsync(@event.ToJsonString(JsonOptions), @event["type"]!.GetValue<string>(), itemId, responseId, 0);

    /// <summary>Sends one event (the caller holds the session's turn) and records it; false when the socket is gone.</summary>
    private async Task<bool> SendTextAsync(string json, string type, string? itemId, string? responseId, int audioBytes)
    {
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, _lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            return false;
        }

        var record = audioBytes > 0 && !_server.Options.RecordAudioEvents ? null : json;
        lock (_gate)
        {
            _serverEvents.Add(new RealtimeServerEventRecord(FakeClock.Now, type, itemId, responseId, audioBytes, record));
        }

        Changed();
        return true;
    }

    private async Task ErrorAsync(string type, string? code, string message, string? param, string? clientEventId)
    {
        lock (_gate)
        {
            _errors.Add(new FakeRealtimeError(FakeClock.Now, type, code, message, param, clientEventId));
        }

        await SendAsync(Event("error", new JsonObject
        {
            ["error"] = new JsonObject { ["type"] = type, ["code"] = code, ["message"] = message, ["param"] = param, ["event_id"] = clientEventId },
        })).ConfigureAwait(false);
    }

    private async Task UnderTurnAsync(Func<Task> action)
    {
        await _turn.WaitAsync(_lifetime.Token).ConfigureAwait(false);
        try
        {
            await action().ConfigureAwait(false);
        }
        finally
        {
            _turn.Release();
        }
    }

    // ---- Helpers ----

    private void Record(RealtimeClientEventRecord record)
    {
        lock (_gate)
        {
            _clientEvents.Add(record);
        }

        Changed();
    }

    private void Problem(string problem)
    {
        lock (_gate)
        {
            _problems.Add(problem);
        }

        Changed();
    }

    private void Changed()
    {
        _changed.Pulse();
        _server.Changed();
    }

    private T Read<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }

    private static string NewId(string prefix)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        Span<char> chars = stackalloc char[21];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[Random.Shared.Next(alphabet.Length)];
        }

        return prefix + "_" + new string(chars);
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The top-level <c>type</c> and <c>event_id</c> of a client event, without parsing the rest.</summary>
    private static (string? Type, string? EventId) PeekType(ReadOnlySpan<byte> json)
    {
        string? type = null, eventId = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    if (reader.ValueTextEquals("type"u8))
                    {
                        reader.Read();
                        type = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    }
                    else if (reader.ValueTextEquals("event_id"u8))
                    {
                        reader.Read();
                        eventId = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    }
                    else
                    {
                        reader.Read();
                        reader.Skip();
                    }
                }
            }
        }
        catch (JsonException)
        {
        }

        return (type, eventId);
    }

    private static byte[]? ReadAudio(ReadOnlySpan<byte> json, out bool present)
    {
        present = false;
        try
        {
            var reader = new Utf8JsonReader(json);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    if (reader.ValueTextEquals("audio"u8))
                    {
                        present = true;
                        reader.Read();
                        return reader.TokenType == JsonTokenType.String && reader.TryGetBytesFromBase64(out var audio) ? audio : null;
                    }

                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    private static JsonObject DefaultConfig(string id, string model) => new()
    {
        ["type"] = "realtime",
        ["object"] = "realtime.session",
        ["id"] = id,
        ["model"] = model,
        ["output_modalities"] = new JsonArray("audio"),
        ["instructions"] = "You are a helpful, witty, and friendly AI.",
        ["tools"] = new JsonArray(),
        ["tool_choice"] = "auto",
        ["max_output_tokens"] = "inf",
        ["tracing"] = null,
        ["prompt"] = null,
        ["expires_at"] = DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds(),
        ["audio"] = new JsonObject
        {
            ["input"] = new JsonObject
            {
                ["format"] = new JsonObject { ["type"] = "audio/pcm", ["rate"] = 24000 },
                ["transcription"] = null,
                ["noise_reduction"] = null,
                ["turn_detection"] = new JsonObject
                {
                    ["type"] = "server_vad", ["threshold"] = 0.5, ["prefix_padding_ms"] = 300, ["silence_duration_ms"] = 500, ["idle_timeout_ms"] = null,
                    ["create_response"] = true, ["interrupt_response"] = true,
                },
            },
            ["output"] = new JsonObject { ["format"] = new JsonObject { ["type"] = "audio/pcm", ["rate"] = 24000 }, ["voice"] = "marin", ["speed"] = 1.0 },
        },
        ["include"] = null,
    };

    private static RealtimeSessionSettings ReadSettings(JsonObject config)
    {
        static string? Str(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
        static int? Int(JsonNode? node) => node is JsonValue value && value.TryGetValue<double>(out var d) ? (int)d : null;
        static double? Dbl(JsonNode? node) => node is JsonValue value && value.TryGetValue<double>(out var d) ? d : null;
        static bool? Bool(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var b) ? b : null;

        var input = config["audio"]?["input"];
        var output = config["audio"]?["output"];
        var vad = input?["turn_detection"] as JsonObject;
        var detection = vad is null
            ? null
            : new RealtimeTurnDetectionSettings(Str(vad["type"]) ?? "server_vad", Dbl(vad["threshold"]), Int(vad["prefix_padding_ms"]), Int(vad["silence_duration_ms"]),
                Bool(vad["create_response"]) ?? true, Bool(vad["interrupt_response"]) ?? true, Str(vad["eagerness"]));
        return new RealtimeSessionSettings(
            Str(config["model"]),
            Str(config["instructions"]),
            Str(output?["voice"]),
            Str(input?["format"]?["type"]),
            Str(output?["format"]?["type"]),
            (config["output_modalities"] as JsonArray)?.Select(Str).OfType<string>().ToList() ?? ["audio"],
            Str(input?["transcription"]?["model"]),
            Str(input?["transcription"]?["language"]),
            Str(input?["noise_reduction"]?["type"]),
            detection,
            (config["tools"] as JsonArray)?.Select(t => Str(t?["name"])).OfType<string>().ToList() ?? [],
            Str(config["tool_choice"]));
    }

    /// <summary>Checks a <c>session.update</c>'s session object against the GA shape, as the real service does.</summary>
    private static (string Code, string Message, string Param)? ValidateSession(JsonElement session)
    {
        if (!session.TryGetProperty("type", out var type))
        {
            return ("missing_required_parameter", "Missing required parameter: 'session.type'.", "session.type");
        }

        if (type.ValueKind != JsonValueKind.String || type.GetString() != "realtime")
        {
            return ("invalid_value", $"Invalid value: '{type}'. Supported values are: 'realtime' (this fake has no transcription sessions).", "session.type");
        }

        foreach (var property in session.EnumerateObject())
        {
            if (!SessionKeys.Contains(property.Name))
            {
                return ("unknown_parameter", $"Unknown parameter: 'session.{property.Name}'.", $"session.{property.Name}");
            }
        }

        if (session.TryGetProperty("output_modalities", out var modalities))
        {
            if (modalities.ValueKind != JsonValueKind.Array || modalities.EnumerateArray().Any(m => m.GetString() is not ("audio" or "text")))
            {
                return ("invalid_value", "Invalid 'session.output_modalities': supported values are ['audio'] and ['text'].", "session.output_modalities");
            }
        }

        if (session.TryGetProperty("tools", out var tools))
        {
            if (tools.ValueKind != JsonValueKind.Array)
            {
                return ("invalid_type", "Invalid type for 'session.tools': expected an array.", "session.tools");
            }

            var i = 0;
            foreach (var tool in tools.EnumerateArray())
            {
                if (String(tool, "type") != "function" && String(tool, "type") != "mcp")
                {
                    return ("invalid_value", $"Invalid value: '{String(tool, "type")}'. Supported values are: 'function' and 'mcp'.", $"session.tools[{i}].type");
                }

                if (String(tool, "type") == "function" && String(tool, "name") is null)
                {
                    return ("missing_required_parameter", $"Missing required parameter: 'session.tools[{i}].name'.", $"session.tools[{i}].name");
                }

                i++;
            }
        }

        if (!session.TryGetProperty("audio", out var audio))
        {
            return null;
        }

        if (audio.ValueKind != JsonValueKind.Object)
        {
            return ("invalid_type", "Invalid type for 'session.audio': expected an object.", "session.audio");
        }

        foreach (var side in audio.EnumerateObject())
        {
            var path = "session.audio." + side.Name;
            if (side.Name is not ("input" or "output"))
            {
                return ("unknown_parameter", $"Unknown parameter: '{path}'.", path);
            }

            if (side.Value.ValueKind != JsonValueKind.Object)
            {
                return ("invalid_type", $"Invalid type for '{path}': expected an object.", path);
            }

            var allowed = side.Name == "input" ? new[] { "format", "transcription", "noise_reduction", "turn_detection" } : ["format", "voice", "speed"];
            foreach (var property in side.Value.EnumerateObject())
            {
                if (!allowed.Contains(property.Name))
                {
                    return ("unknown_parameter", $"Unknown parameter: '{path}.{property.Name}'.", $"{path}.{property.Name}");
                }
            }

            if (side.Value.TryGetProperty("format", out var format))
            {
                if (format.ValueKind != JsonValueKind.Object)
                {
                    return ("invalid_type", $"Invalid type for '{path}.format': expected an object, but got a {Kind(format)} instead.", $"{path}.format");
                }

                if (String(format, "type") is not ("audio/pcm" or "audio/pcmu" or "audio/pcma"))
                {
                    return ("invalid_value", $"Invalid value: '{String(format, "type")}'. Supported values are: 'audio/pcm', 'audio/pcmu', and 'audio/pcma'.", $"{path}.format.type");
                }
            }

            if (side.Value.TryGetProperty("turn_detection", out var vad) && vad.ValueKind != JsonValueKind.Null)
            {
                if (vad.ValueKind != JsonValueKind.Object || String(vad, "type") is not ("server_vad" or "semantic_vad"))
                {
                    return ("invalid_value", "Invalid 'session.audio.input.turn_detection.type'. Supported values are: 'server_vad' and 'semantic_vad'.",
                        "session.audio.input.turn_detection.type");
                }

                var vadKeys = String(vad, "type") == "server_vad"
                    ? new[] { "type", "threshold", "prefix_padding_ms", "silence_duration_ms", "create_response", "interrupt_response", "idle_timeout_ms" }
                    : ["type", "eagerness", "create_response", "interrupt_response"];
                foreach (var property in vad.EnumerateObject())
                {
                    if (!vadKeys.Contains(property.Name))
                    {
                        return ("unknown_parameter", $"Unknown parameter: 'session.audio.input.turn_detection.{property.Name}'.",
                            $"session.audio.input.turn_detection.{property.Name}");
                    }
                }
            }

            if (side.Value.TryGetProperty("transcription", out var transcription) && transcription.ValueKind == JsonValueKind.Object
                && String(transcription, "model") is null)
            {
                return ("missing_required_parameter", "Missing required parameter: 'session.audio.input.transcription.model'.", "session.audio.input.transcription.model");
            }
        }

        return null;

        static string Kind(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.Array => "array",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => e.ValueKind.ToString().ToLowerInvariant(),
        };
    }

    /// <summary>Deep-merges an update into the configuration: objects field by field, anything else replaced.</summary>
    private static void Merge(JsonObject target, JsonObject update)
    {
        foreach (var (name, value) in update.ToList())
        {
            update.Remove(name);
            if (value is JsonObject child && target[name] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[name] = value;
            }
        }
    }

    private sealed class ResponseRun(string id, int index, ScriptedResponse scripted, byte[] audio, bool text, string? instructions)
    {
        public string Id { get; } = id;

        public int Index { get; } = index;

        public ScriptedResponse Scripted { get; } = scripted;

        public byte[] Audio { get; } = audio;

        public bool Text { get; } = text;

        public string? Instructions { get; } = instructions;

        public CancellationTokenSource Cancel { get; } = new();

        public string? ItemId { get; set; }

        public List<JsonObject> Outputs { get; } = [];

        public List<string> CallIds { get; } = [];

        public long BytesSent { get; set; }

        public string TextSent { get; set; } = "";

        public bool Finished { get; set; }
    }

    private sealed class AssistantItem(ResponseRun run)
    {
        public ResponseRun Run { get; } = run;

        public long BytesSent { get; set; }

        public long? TruncatedMs { get; set; }

        public long AvailableMs => Math.Min(BytesSent / FakeAudio.BytesPerMillisecond, TruncatedMs ?? long.MaxValue);
    }
}
