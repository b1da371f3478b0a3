using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Channels;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Audio;
using ProSaaS.MediaHost.Behaviour;
using ProSaaS.MediaHost.Hosting;
using ProSaaS.MediaHost.Realtime;
using ProSaaS.MediaHost.Twilio;

namespace ProSaaS.MediaHost.Calls;

/// <summary>
/// One call's bridge between its Twilio media stream and its AI session: everything a call has lives here and nowhere
/// else, so calls never share mutable state. Six tasks run per call:
/// <list type="bullet">
/// <item>the Twilio reader: caller frames (level measured, recorded, queued for the AI), mark echoes, DTMF, <c>stop</c>;</item>
/// <item>the AI writer: the inbound queue → <c>input_audio_buffer.append</c> on the current AI session;</item>
/// <item>the AI supervisor: opens the session, reads its events (audio deltas → the outbound queue, barge-in, transcripts,
/// tool calls) and reopens it with the conversation so far when it is lost;</item>
/// <item>the Twilio writer: the outbound queue → <c>media</c> messages of whole 20 ms frames, each followed by a mark;</item>
/// <item>the control loop: the behaviour's events, one at a time, and the call's facts to the outbox, in order;</item>
/// <item>the ticker: a <see cref="SilenceTick"/> every second.</item>
/// </list>
/// State shared between them is guarded by one lock per call, held for a few field updates and never across an await.
/// </summary>
public sealed partial class CallSession
{
    private const int FrameBytes = MuLaw.FrameBytes;
    private const int BytesPerMs = 8;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly CallSessionServices _services;
    private readonly MediaHostOptions _options;
    private readonly ILogger _logger;
    private readonly WebSocket _twilio;
    private readonly ICallOutbox _outbox;
    private readonly ILiveCalls _liveCalls;
    private readonly JsonEncodedText _streamSid;
    private readonly bool _configUnavailable;
    private readonly long _startedTicks = Stopwatch.GetTimestamp();

    private readonly TaskCompletionSource<string> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Channel<InboundFrame> _inbound;
    private readonly Channel<OutboundAudio> _outbound;
    private readonly Channel<ControlItem> _control = Channel.CreateUnbounded<ControlItem>(new UnboundedChannelOptions { SingleReader = true });

    // Guarded by _gate.
    private readonly object _gate = new();
    private readonly PlaybackTracker _tracker = new();
    private readonly CallerLine _callerLine = new();
    private readonly HashSet<string> _discardedTranscripts = new(StringComparer.Ordinal);
    private readonly TwoChannelRecording? _recording;
    private readonly Dictionary<string, AssistantItem> _assistantItems = new(StringComparer.Ordinal);
    private readonly List<(string Speaker, string Text)> _conversation = [];
    private int _generation;
    private string? _responseInFlight;
    private long _assistantCursorSamples;
    private long _assistantLastPlayedMs;
    private double _levelSum;
    private int _levelFrames;
    private string _instructions;

    // Metrics; each written by one task (or with Interlocked), read after all tasks have stopped.
    private readonly LatencyHistogram _twilioToAi = new();
    private readonly LatencyHistogram _aiToTwilio = new();
    private readonly LatencySamples _responseLatency = new();
    private readonly LatencySamples _bargeInReaction = new();
    private long _framesIn;
    private long _framesOut;
    private long _framesDropped;
    private int _inboundHighWater;
    private int _outboundHighWater;
    private int _outboundQueuedFrames;
    private int _bargeIns;
    private int _aiReconnects;

    private long _lastInboundTimestampMs = -1;
    private long _awaitingResponseSince;
    private volatile bool _ending;
    private volatile bool _stopReceived;
    private volatile bool _callerSpeaking;
    private long _callerSilentSinceMs;

    private CallSession(CallSessionServices services, WebSocket twilio, string streamSid, CallConfig config, ICallOutbox outbox,
        ILiveCalls liveCalls, bool configUnavailable)
    {
        _services = services;
        _options = services.Options;
        _logger = services.Logger;
        _twilio = twilio;
        _outbox = outbox;
        _liveCalls = liveCalls;
        _configUnavailable = configUnavailable;
        Config = config;
        StreamSid = streamSid;
        _streamSid = JsonEncodedText.Encode(streamSid, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        _instructions = config.Instructions;
        _recording = config.Record && !configUnavailable ? new TwoChannelRecording() : null;
        _inbound = Channel.CreateBounded<InboundFrame>(
            new BoundedChannelOptions(_options.InboundQueueFrames)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = true,
            },
            DropInboundFrame);
        _outbound = Channel.CreateBounded<OutboundAudio>(new BoundedChannelOptions(_options.OutboundQueueDeltas)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
        _twilioWriter = new Utf8JsonWriter(_twilioBuffer, WriterOptions);
        Handle = new CallHandle(this);
        Behaviour = configUnavailable ? null : services.Behaviours.Create(config);
    }

    public Guid CallId => Config.CallId;

    public string TenantId => Config.TenantId;

    public CallConfig Config { get; }

    public string StreamSid { get; }

    /// <summary>Completes with the reason once the call has been asked to end (it then tears down and reports).</summary>
    public Task<string> Ended => _ended.Task;

    private ICallBehaviour? Behaviour { get; }

    private CallHandle Handle { get; }

    /// <summary>Stream time by the caller's audio clock: the end of the last frame Twilio sent.</summary>
    private long OffsetMs => Math.Max(0, Volatile.Read(ref _lastInboundTimestampMs) + 20);

    /// <summary>A verified stream of a call whose configuration was loaded.</summary>
    public static CallSession Create(CallSessionServices services, WebSocket twilio, string streamSid, CallConfig config,
        ICallOutbox outbox, ILiveCalls liveCalls) =>
        new(services, twilio, streamSid, config, outbox, liveCalls, configUnavailable: false);

    /// <summary>
    /// A verified stream whose configuration could not be fetched: the caller hears the fallback message and the call ends
    /// with <see cref="MediaEndReasons.AiUnavailable"/>.
    /// </summary>
    public static CallSession CreateWithoutConfig(CallSessionServices services, WebSocket twilio, string streamSid, Guid callId,
        string tenantId, ICallOutbox outbox, ILiveCalls liveCalls) =>
        new(services, twilio, streamSid, PlaceholderConfig(callId, tenantId), outbox, liveCalls, configUnavailable: true);

    /// <summary>Asks the call to end with <paramref name="reason"/>; the first reason given wins.</summary>
    public void RequestEnd(string reason)
    {
        if (_ended.TrySetResult(reason))
        {
            _ending = true;
            LogEnding(_logger, CallId, reason);
        }
    }

    /// <summary>Runs the call until it ends, then reports its end (and recording) to the outbox. Never throws for the call's own failures.</summary>
    public async Task RunAsync()
    {
        using var registration = _liveCalls.Register(TenantId, CallId, () =>
        {
            LogEndedElsewhere(_logger, CallId);
            RequestEnd(MediaEndReasons.StreamLost);
        });
        LogStarted(_logger, CallId, TenantId, StreamSid);

        var twilioReader = Task.Run(ReceiveFromTwilioAsync);
        var control = Task.Run(RunControlAsync);
        var ticker = Task.Run(TickAsync);
        var twilioWriter = Task.Run(SendToTwilioAsync);
        var aiWriter = Task.Run(ForwardToAiAsync);
        var aiSupervisor = Task.Run(SuperviseAiAsync);

        var reason = await _ended.Task.ConfigureAwait(false);
        _ending = true;
        lock (_gate)
        {
            _generation++; // nothing more is played
        }

        await CloseTwilioAsync(twilioReader).ConfigureAwait(false);
        await WaitForCallerTranscriptsAsync(TimeSpan.FromSeconds(1.5)).ConfigureAwait(false);
        await CloseAiAsync(aiSupervisor).ConfigureAwait(false);
        _stopping.Cancel();
        _inbound.Writer.TryComplete();
        _outbound.Writer.TryComplete();
        await WaitQuietlyAsync(TimeSpan.FromSeconds(5), twilioReader, ticker, twilioWriter, aiWriter, aiSupervisor).ConfigureAwait(false);
        ReturnQueuedBuffers();

        FlushAssistantTurns();
        _control.Writer.TryWrite(ControlItem.Of(new StreamStopped(OffsetMs, reason)));
        _control.Writer.TryComplete();
        if (!await CompletesWithinAsync(control, TimeSpan.FromSeconds(10)).ConfigureAwait(false))
        {
            _behaviourStopping.Cancel();
            await WaitQuietlyAsync(TimeSpan.FromSeconds(2), control).ConfigureAwait(false);
        }

        var metrics = Metrics();
        await ReportAsync(new CallEndedCommand(Guid.CreateVersion7(), _services.Clock.GetUtcNow(), reason, metrics)).ConfigureAwait(false);
        await SaveRecordingAsync().ConfigureAwait(false);
        LogEnded(_logger, CallId, reason, metrics.DurationMs, metrics.FramesIn, metrics.FramesOut, metrics.FramesDropped, metrics.BargeIns,
            metrics.AiReconnects);
        _twilioWriter.Dispose();
    }

    /// <summary>Closes the AI session with a handshake and lets the supervisor see the close (cancelling a receive would abort it).</summary>
    private async Task CloseAiAsync(Task supervisor)
    {
        RealtimeConnection? connection;
        lock (_gate)
        {
            connection = _ai;
        }

        if (connection is not null)
        {
            await connection.SendCloseAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            await CompletesWithinAsync(supervisor, TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
    }

    private static async Task<bool> CompletesWithinAsync(Task task, TimeSpan timeout)
    {
        try
        {
            await task.WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (Exception)
        {
            return true;
        }
    }

    private CallMetrics Metrics()
    {
        var twilioToAi = _twilioToAi.Summary();
        var aiToTwilio = _aiToTwilio.Summary();
        var none = new LatencySummary(0, 0, 0, 0);
        return new CallMetrics(
            _responseLatency.Summary(),
            twilioToAi is null && aiToTwilio is null ? null : new HopLatency(twilioToAi ?? none, aiToTwilio ?? none),
            _bargeInReaction.Summary(),
            _bargeIns,
            Interlocked.Read(ref _framesIn),
            Interlocked.Read(ref _framesOut),
            Interlocked.Read(ref _framesDropped),
            _inboundHighWater,
            _outboundHighWater,
            _aiReconnects,
            (long)Stopwatch.GetElapsedTime(_startedTicks).TotalMilliseconds);
    }

    private async Task SaveRecordingAsync()
    {
        if (_recording is null)
        {
            return;
        }

        string path;
        try
        {
            var folder = Path.Combine(_options.RecordingsPath, TenantId);
            Directory.CreateDirectory(folder);
            path = Path.Combine(folder, $"{CallId:N}.wav");
            var partial = path + ".partial";
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            {
                lock (_gate)
                {
                    _recording.WriteWav(file);
                }

                await file.FlushAsync().ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            File.Move(partial, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogRecordingFailed(_logger, e, CallId);
            return;
        }

        try
        {
            await _outbox.EnqueueRecordingAsync(TenantId, CallId, path).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogRecordingFailed(_logger, e, CallId);
        }
    }

    private async ValueTask ReportAsync(CallCommand command)
    {
        try
        {
            await _outbox.EnqueueAsync(TenantId, CallId, command).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            LogReportFailed(_logger, e, CallId, command.GetType().Name);
        }
    }

    private void ReturnQueuedBuffers()
    {
        while (_inbound.Reader.TryRead(out var frame))
        {
            ArrayPool<byte>.Shared.Return(frame.Buffer);
        }

        while (_outbound.Reader.TryRead(out var audio))
        {
            ArrayPool<byte>.Shared.Return(audio.Buffer);
        }
    }

    private void DropInboundFrame(InboundFrame frame)
    {
        Interlocked.Increment(ref _framesDropped);
        ArrayPool<byte>.Shared.Return(frame.Buffer);
    }

    private static async Task WaitQuietlyAsync(TimeSpan timeout, params Task[] tasks)
    {
        try
        {
            await Task.WhenAll(tasks).WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Each task logs its own failures; a task still running after the timeout is abandoned with the call.
        }
    }

    private static CallConfig PlaceholderConfig(Guid callId, string tenantId) => new(
        callId, tenantId, CallDirections.Inbound, null, null, null, null, string.Empty, "Asia/Jerusalem", "he", string.Empty,
        string.Empty, string.Empty, "ash", false, new CallAutoHangup(false, false), new CallSilence(0, 0, 0), 0, new CallTurnDetection(),
        [], [], false);

    /// <summary>A caller frame on its way to the AI: pooled buffer, its stream timestamp, and when it arrived (for the hop latency).</summary>
    private readonly record struct InboundFrame(byte[] Buffer, int Length, long TimestampMs, long ReceivedTicks);

    /// <summary>Assistant audio on its way to Twilio: whole frames in a pooled buffer; <see cref="RealLength"/> excludes padding.</summary>
    private readonly record struct OutboundAudio(byte[] Buffer, int Offset, int Length, int RealLength, string ItemId, int Generation, long ReceivedTicks);

    /// <summary>What is known of one assistant item (an utterance): reported as a transcript turn once, when finished.</summary>
    private sealed class AssistantItem
    {
        public string? ResponseId;
        public long OffsetMs = -1;
        public long StartSample = -1;
        public int QueuedFrames;
        public bool AudioDone;
        public bool TranscriptDone;
        public bool Interrupted;
        public bool Emitted;
        public string? FinalText;
        public System.Text.StringBuilder? Text;
    }

    /// <summary>
    /// An item of the control loop: an event for the behaviour, a fact for the outbox, or both — a caller's transcript and
    /// its turn, reported after the behaviour has had its say.
    /// </summary>
    private readonly record struct ControlItem(CallEvent? Event, CallCommand? Command)
    {
        public static ControlItem Of(CallEvent callEvent) => new(callEvent, null);

        public static ControlItem Of(CallCommand command) => new(null, command);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} of {TenantId} streaming ({StreamSid})")]
    private static partial void LogStarted(ILogger logger, Guid callId, string tenantId, string streamSid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} ending: {Reason}")]
    private static partial void LogEnding(ILogger logger, Guid callId, string reason);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Call {CallId} ended ({Reason}) after {DurationMs} ms: frames in {FramesIn}, out {FramesOut}, dropped {FramesDropped}; barge-ins {BargeIns}; AI reconnects {Reconnects}")]
    private static partial void LogEnded(ILogger logger, Guid callId, string reason, long durationMs, long framesIn, long framesOut, long framesDropped,
        int bargeIns, int reconnects);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} was ended elsewhere (the Api says it is not live); closing its stream")]
    private static partial void LogEndedElsewhere(ILogger logger, Guid callId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The recording of call {CallId} could not be saved or handed over")]
    private static partial void LogRecordingFailed(ILogger logger, Exception exception, Guid callId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A {CommandType} of call {CallId} could not be put in the outbox")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, Guid callId, string commandType);
}

/// <summary>What every call session needs from the process (one instance, shared read-only).</summary>
public sealed class CallSessionServices(
    Microsoft.Extensions.Options.IOptions<MediaHostOptions> options,
    RealtimeConnector connector,
    ICallBehaviourFactory behaviours,
    TimeProvider clock,
    ILogger<CallSession> logger)
{
    public MediaHostOptions Options { get; } = options.Value;

    public RealtimeConnector Connector { get; } = connector;

    public ICallBehaviourFactory Behaviours { get; } = behaviours;

    public TimeProvider Clock { get; } = clock;

    public ILogger Logger { get; } = logger;
}
