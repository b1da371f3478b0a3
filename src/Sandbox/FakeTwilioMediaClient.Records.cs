using System.Net.WebSockets;

namespace ProSaaS.Sandbox;

/// <summary>How a fake Twilio media stream is set up. Every property has a sensible default.</summary>
public sealed class FakeTwilioCallOptions
{
    /// <summary>The account sid sent in <c>start</c>.</summary>
    public string AccountSid { get; init; } = "AC" + Guid.NewGuid().ToString("N");

    /// <summary>The call sid sent in <c>start</c> and <c>stop</c>.</summary>
    public string CallSid { get; init; } = "CA" + Guid.NewGuid().ToString("N");

    /// <summary>The stream sid: on every message, and expected on every message the server sends.</summary>
    public string StreamSid { get; init; } = "MZ" + Guid.NewGuid().ToString("N");

    /// <summary>The <c>&lt;Parameter&gt;</c>s of the TwiML <c>&lt;Stream&gt;</c>, sent as <c>start.customParameters</c> (e.g. callId and token).</summary>
    public IReadOnlyDictionary<string, string> CustomParameters { get; init; } = new Dictionary<string, string>();

    /// <summary>The <c>start.tracks</c>; a bidirectional <c>&lt;Connect&gt;&lt;Stream&gt;</c> has only <c>inbound</c>.</summary>
    public IReadOnlyList<string> Tracks { get; init; } = ["inbound"];

    /// <summary>
    /// Pace of the stream: 1 is real time (a frame every 20 ms, audio played at 8 bytes per ms), 10 is ten times faster,
    /// <see cref="FakeTwilioMediaClient.AsFastAsPossible"/> sends frames back to back and "plays" audio instantly.
    /// </summary>
    public double Speed { get; init; } = 1;

    /// <summary>Pace of playing received audio when it should differ from <see cref="Speed"/>; null means <see cref="Speed"/>.</summary>
    public double? PlaybackSpeed { get; init; }

    /// <summary>
    /// Whether silence frames keep flowing when no script is playing, as on a real call (default true). Never done at
    /// <see cref="FakeTwilioMediaClient.AsFastAsPossible"/>: the stream then waits for the next script.
    /// </summary>
    public bool SendSilenceWhenIdle { get; init; } = true;

    /// <summary>
    /// Whether <c>connected</c> and <c>start</c> are sent as soon as the socket is open (default true). When false the
    /// test sends them with <see cref="FakeTwilioMediaClient.StartStreamAsync"/> or sends anything with
    /// <see cref="FakeTwilioMediaClient.SendRawAsync"/>.
    /// </summary>
    public bool AutoStart { get; init; } = true;

    /// <summary>Extra headers of the WebSocket upgrade request (e.g. <c>X-Twilio-Signature</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Whether every <c>media</c> message (sent and received) gets an entry in <see cref="FakeTwilioMediaClient.Sent"/> /
    /// <see cref="FakeTwilioMediaClient.Received"/> (default true). Counters are always kept; turn off for load tests.
    /// </summary>
    public bool RecordMediaMessages { get; init; } = true;

    /// <summary>Whether the bytes played are kept for <see cref="FakeTwilioMediaClient.HeardAudio"/> (default true).</summary>
    public bool RecordHeardAudio { get; init; } = true;

    /// <summary>How long <see cref="FakeTwilioMediaClient.ConnectAsync"/> waits for the server.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>How a fake media stream ended.</summary>
public enum TwilioStreamEnd
{
    /// <summary>Still open.</summary>
    Open,

    /// <summary>The caller hung up: <c>stop</c> was sent and the socket closed.</summary>
    Stopped,

    /// <summary>The server closed the socket with a close handshake.</summary>
    ClosedByServer,

    /// <summary>The fake closed the socket with a close handshake but without <c>stop</c> (<see cref="FakeTwilioMediaClient.CloseAsync"/>).</summary>
    ClosedByCaller,

    /// <summary>The fake dropped the socket abruptly (<see cref="FakeTwilioMediaClient.Drop"/>).</summary>
    Dropped,

    /// <summary>The socket failed without a close handshake from the server (the server vanished or aborted).</summary>
    Lost,
}

/// <summary>
/// A message the server sent, as received. <see cref="Json"/> is kept for every message but <c>media</c> (whose audio is
/// in <see cref="FakeTwilioMediaClient.HeardAudio"/>); <see cref="PayloadBytes"/> is the decoded audio length.
/// </summary>
public sealed record TwilioReceivedMessage(TimeSpan At, string? Event, string? StreamSid, string? MarkName, int PayloadBytes, string? Json);

/// <summary>
/// A message the fake sent (<see cref="At"/>: when a media frame was handed to the socket, when any other message had
/// been sent): <see cref="Chunk"/>/<see cref="TimestampMs"/> for media, <see cref="Detail"/> is a digit or mark name.
/// </summary>
public sealed record TwilioSentMessage(TimeSpan At, string Event, long SequenceNumber, long? Chunk = null, long? TimestampMs = null, string? Detail = null);

/// <summary>
/// A <c>clear</c> as the fake handled it: what had been played of the queued audio before it, what it dropped, and the
/// pending marks it echoed at once.
/// </summary>
public sealed record TwilioClear(TimeSpan At, long BytesPlayedBefore, long BytesDropped, IReadOnlyList<string> MarksEchoed);

/// <summary>A mark echoed back: when it arrived, when it was echoed, and whether a <c>clear</c> released it.</summary>
public sealed record TwilioMarkEcho(string Name, TimeSpan ReceivedAt, TimeSpan EchoedAt, bool Cleared);

/// <summary>A <see cref="MediaScript.Label"/> reached: when (just after the audio before it was sent) and at which stream time.</summary>
public sealed record ScriptLabel(string Name, TimeSpan At, long StreamTimestampMs);

/// <summary>
/// A stretch of contiguous playback: bytes <see cref="Offset"/>..<see cref="Offset"/>+<see cref="Length"/> of
/// <see cref="FakeTwilioMediaClient.HeardAudio"/> played from <see cref="StartedAt"/> at <see cref="BytesPerMillisecond"/>
/// (infinite when played instantly).
/// </summary>
public sealed record HeardRun(TimeSpan StartedAt, long Offset, long Length, double BytesPerMillisecond)
{
    /// <summary>When the last byte of the run finished playing.</summary>
    public TimeSpan EndedAt => double.IsPositiveInfinity(BytesPerMillisecond) ? StartedAt : StartedAt + TimeSpan.FromMilliseconds(Length / BytesPerMillisecond);
}

/// <summary>
/// The close of the WebSocket as the fake saw it. Audio still queued when the stream ends is never played (the call
/// moves on), as with Twilio: <see cref="BytesUnplayed"/> says how much; a server that wants its last words heard waits
/// for the echo of a mark sent after them before closing.
/// </summary>
public sealed record TwilioStreamClosure(TwilioStreamEnd End, TimeSpan At, WebSocketCloseStatus? CloseStatus, string? CloseDescription)
{
    /// <summary>µ-law bytes queued but not yet played when the stream ended.</summary>
    public long BytesUnplayed { get; init; }
}
