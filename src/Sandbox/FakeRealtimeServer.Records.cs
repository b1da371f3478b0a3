using System.Net;
using System.Net.WebSockets;

namespace ProSaaS.Sandbox;

/// <summary>How a <see cref="FakeRealtimeServer"/> behaves. Every property has a sensible default.</summary>
public sealed class FakeRealtimeOptions
{
    /// <summary>The API key expected as <c>Authorization: Bearer &lt;key&gt;</c>.</summary>
    public string ApiKey { get; init; } = FakeRealtimeServer.DefaultApiKey;

    /// <summary>Whether connections must present <see cref="ApiKey"/> (default true); false accepts any key or none (a local stand-in).</summary>
    public bool RequireApiKey { get; init; } = true;

    /// <summary>The script of every session (unless <see cref="ScriptFor"/> gives one).</summary>
    public RealtimeScript Script { get; init; } = new();

    /// <summary>A script per session, chosen when the session opens (e.g. by <see cref="FakeRealtimeSession.Index"/>).</summary>
    public Func<FakeRealtimeSession, RealtimeScript>? ScriptFor { get; init; }

    /// <summary>RMS level (16-bit scale) from which a 20 ms frame of caller audio counts as speech.</summary>
    public double SpeechRmsThreshold { get; init; } = 1000;

    /// <summary>Consecutive voiced frames before speech is detected (3 = 60 ms).</summary>
    public int SpeechStartFrames { get; init; } = 3;

    /// <summary>
    /// Silence that ends a turn when the session's <c>turn_detection</c> does not give <c>silence_duration_ms</c>
    /// (<c>semantic_vad</c>); a <c>server_vad</c> session's own value is used otherwise.
    /// </summary>
    public int DefaultSilenceDurationMs { get; init; } = 500;

    /// <summary>µ-law bytes per <c>response.output_audio.delta</c> (800 = 100 ms).</summary>
    public int AudioDeltaBytes { get; init; } = 800;

    /// <summary>Pause between audio deltas; zero sends them as fast as possible (the model generates faster than real time).</summary>
    public TimeSpan AudioDeltaInterval { get; init; } = TimeSpan.Zero;

    /// <summary>Time from a response's trigger to its first audio delta.</summary>
    public TimeSpan ResponseDelay { get; init; } = TimeSpan.Zero;

    /// <summary>Time from a turn's commit to its transcription events; zero sends them before the turn's response starts.</summary>
    public TimeSpan TranscriptionDelay { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Whether every <c>input_audio_buffer.append</c> and <c>response.output_audio.delta</c> gets an entry (with its JSON)
    /// in the sessions' event logs (default true). The audio itself and the counters are always kept; turn off for load tests.
    /// </summary>
    public bool RecordAudioEvents { get; init; } = true;

    /// <summary>
    /// Whether the sessions keep the audio both ways for <see cref="FakeRealtimeSession.AudioReceived"/> and
    /// <see cref="FakeRealtimeSession.AudioSent"/> (default true; byte counts are always kept). Turn off for long load tests.
    /// </summary>
    public bool RecordAudio { get; init; } = true;
}

/// <summary>The session configuration as last set by <c>session.update</c> (or the defaults of <c>session.created</c>).</summary>
public sealed record RealtimeSessionSettings(
    string? Model,
    string? Instructions,
    string? Voice,
    string? InputFormat,
    string? OutputFormat,
    IReadOnlyList<string> OutputModalities,
    string? TranscriptionModel,
    string? TranscriptionLanguage,
    string? NoiseReduction,
    RealtimeTurnDetectionSettings? TurnDetection,
    IReadOnlyList<string> ToolNames,
    string? ToolChoice);

/// <summary>The session's <c>audio.input.turn_detection</c>; null fields were not given.</summary>
public sealed record RealtimeTurnDetectionSettings(
    string Type,
    double? Threshold,
    int? PrefixPaddingMs,
    int? SilenceDurationMs,
    bool CreateResponse,
    bool InterruptResponse,
    string? Eagerness);

/// <summary>How a fake realtime session ended.</summary>
public enum RealtimeSessionEnd
{
    /// <summary>Still open.</summary>
    Open,

    /// <summary>The client closed the socket with a close handshake.</summary>
    ClosedByClient,

    /// <summary>The fake closed it with a close handshake (<see cref="FakeRealtimeSession.CloseAsync"/>).</summary>
    ClosedByServer,

    /// <summary>The fake dropped it abruptly (<see cref="FakeRealtimeSession.Drop"/>, a script, or <see cref="FakeRealtimeServer.DropAllSessions"/>).</summary>
    Dropped,

    /// <summary>The client vanished without a close handshake.</summary>
    Lost,
}

/// <summary>A client event as received. <see cref="Json"/> is null for audio appends unless <see cref="FakeRealtimeOptions.RecordAudioEvents"/>.</summary>
public sealed record RealtimeClientEventRecord(TimeSpan At, string? Type, string? EventId, int AudioBytes, string? Json);

/// <summary>A server event as sent. <see cref="Json"/> is null for audio deltas unless <see cref="FakeRealtimeOptions.RecordAudioEvents"/>.</summary>
public sealed record RealtimeServerEventRecord(TimeSpan At, string Type, string? ItemId, string? ResponseId, int AudioBytes, string? Json);

/// <summary>
/// A caller turn: detected by energy (<see cref="SpeechStartedAt"/>, stream positions in ms of appended audio) or a
/// manual commit, and transcribed as the script says.
/// </summary>
public sealed record FakeRealtimeTurn(
    int Index,
    string ItemId,
    long AudioStartMs,
    long? AudioEndMs,
    TimeSpan? SpeechStartedAt,
    TimeSpan? SpeechStoppedAt,
    TimeSpan? CommittedAt,
    string? Transcript);

/// <summary>
/// One response as the fake produced it. <see cref="AudioBytesSent"/> counts the µ-law sent in deltas for
/// <see cref="ItemId"/>; <see cref="TruncatedAtMs"/> is set by an accepted <c>conversation.item.truncate</c>.
/// <see cref="Status"/> is <c>in_progress</c>, <c>completed</c> or <c>cancelled</c> (<see cref="CancelReason"/>:
/// <c>client_cancelled</c> or <c>turn_detected</c>).
/// </summary>
public sealed record FakeRealtimeResponse(
    int Index,
    string Id,
    RealtimeResponseTrigger Trigger,
    string? Instructions,
    string? ItemId,
    TimeSpan CreatedAt,
    TimeSpan? FirstAudioAt,
    TimeSpan? DoneAt,
    string Status,
    string? CancelReason,
    long AudioBytesSent,
    long AudioBytesPlanned,
    string Transcript,
    IReadOnlyList<string> FunctionCallIds,
    long? TruncatedAtMs)
{
    /// <summary>Milliseconds of audio sent for the response's item.</summary>
    public long AudioMillisecondsSent => AudioBytesSent / FakeAudio.BytesPerMillisecond;
}

/// <summary>A <c>conversation.item.truncate</c>: what was asked, how much audio the item had, and whether it was accepted.</summary>
public sealed record FakeRealtimeTruncation(TimeSpan At, string? ItemId, int ContentIndex, long AudioEndMs, long? AudioAvailableMs, bool Accepted, string? Error);

/// <summary>An <c>error</c> event the fake sent, as the real service words it.</summary>
public sealed record FakeRealtimeError(TimeSpan At, string Type, string? Code, string Message, string? Param, string? ClientEventId);

/// <summary>An item the client created with <c>conversation.item.create</c>: a message (<see cref="Text"/>) or a function output.</summary>
public sealed record FakeRealtimeClientItem(TimeSpan At, string Id, string Type, string? Role, string? Text, string? CallId, string? Output);

/// <summary>A connection attempt the fake refused before it became a session (bad key, or told to refuse).</summary>
public sealed record RefusedRealtimeConnection(TimeSpan At, HttpStatusCode Status, string Reason);

/// <summary>The close of a session's WebSocket as the fake saw it.</summary>
public sealed record RealtimeSessionClosure(RealtimeSessionEnd End, TimeSpan At, WebSocketCloseStatus? CloseStatus, string? CloseDescription);
