using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ProSaaS.Sandbox;

/// <summary>How the sandbox assistant runs.</summary>
public sealed class SandboxAssistantOptions
{
    /// <summary>The clock its "today" and "tomorrow" are read on (default: the system's).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The voice (default: espeak-ng with its defaults).</summary>
    public SandboxVoice? Voice { get; init; }

    /// <summary>Time from a response's trigger to its first audio (default 150 ms: a model "thinking").</summary>
    public TimeSpan ResponseDelay { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Calls whose caller lines are kept (default 1,000); the oldest are forgotten beyond it.</summary>
    public int MaxCalls { get; init; } = 1000;

    public ILoggerFactory? LoggerFactory { get; init; }
}

/// <summary>
/// The offline, rule-based Hebrew assistant that plays the OpenAI Realtime role: a <see cref="FakeRealtimeServer"/> (the
/// real GA protocol over a WebSocket on the loopback, energy-based turn detection, no key needed) whose every session is
/// answered by its own <see cref="SandboxBrain"/> and spoken by <see cref="SandboxVoice"/>. It cannot recognise speech: whoever
/// plays the caller tells it, per call, what the caller's turns say (<see cref="ExpectCallerLines"/>); a session is tied to
/// its call by the upgrade request's <see cref="CallIdHeader"/> header.
/// </summary>
public sealed class SandboxAssistant : IAsyncDisposable
{
    /// <summary>The WebSocket upgrade header that names the session's call (a GUID).</summary>
    public const string CallIdHeader = "X-ProSaaS-Call-Id";

    private readonly SandboxAssistantOptions _options;
    private readonly ConcurrentDictionary<Guid, CallerLines> _lines = new();
    private readonly ConcurrentQueue<Guid> _order = new();
    private FakeRealtimeServer _server = null!;

    private SandboxAssistant(SandboxAssistantOptions options)
    {
        _options = options;
        Voice = options.Voice ?? new SandboxVoice(logger: options.LoggerFactory?.CreateLogger<SandboxVoice>() ?? (ILogger)NullLogger.Instance);
    }

    public SandboxVoice Voice { get; }

    /// <summary>The Realtime server underneath (its sessions, turns and responses, for tests).</summary>
    public FakeRealtimeServer Server => _server;

    /// <summary><c>ws://127.0.0.1:PORT/v1/realtime</c>: where calls connect (add <c>?model=…</c>).</summary>
    public Uri RealtimeUri => _server.RealtimeUri;

    public static async Task<SandboxAssistant> StartAsync(SandboxAssistantOptions? options = null)
    {
        var assistant = new SandboxAssistant(options ?? new SandboxAssistantOptions());
        assistant._server = await FakeRealtimeServer.StartAsync(new FakeRealtimeOptions
        {
            RequireApiKey = false,
            ResponseDelay = assistant._options.ResponseDelay,
            ScriptFor = assistant.ScriptFor,
        }).ConfigureAwait(false);
        return assistant;
    }

    /// <summary>
    /// What the caller of <paramref name="callId"/> says, turn by turn: the n-th caller turn the server's speech detection
    /// commits is transcribed as the n-th line (a noise burst is a turn too). Called again, the lines are added after the
    /// others. May come before or after the call's session opens; a turn with no line left is an empty transcript.
    /// </summary>
    public void ExpectCallerLines(Guid callId, IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var entry = _lines.GetOrAdd(callId, id =>
        {
            _order.Enqueue(id);
            return new CallerLines();
        });
        lock (entry)
        {
            entry.Lines.AddRange(lines.Select(l => l ?? string.Empty));
        }

        while (_lines.Count > _options.MaxCalls && _order.TryDequeue(out var oldest))
        {
            _lines.TryRemove(oldest, out _);
        }
    }

    /// <summary>The call a session belongs to (its <see cref="CallIdHeader"/>), or null.</summary>
    public static Guid? CallOf(FakeRealtimeSession session) =>
        session.RequestHeaders.TryGetValue(CallIdHeader, out var value) && Guid.TryParse(value, out var id) ? id : null;

    /// <summary>The sessions of <paramref name="callId"/> so far (more than one when the media host reopened it).</summary>
    public IReadOnlyList<FakeRealtimeSession> SessionsOf(Guid callId) => _server.Sessions.Where(s => CallOf(s) == callId).ToList();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private RealtimeScript ScriptFor(FakeRealtimeSession session)
    {
        var state = new SessionState();
        return new RealtimeScript
        {
            Transcribe = (s, _) => NextLine(s),
            Respond = context => Respond(context, state),
        };
    }

    private string NextLine(FakeRealtimeSession session)
    {
        if (CallOf(session) is not { } callId || !_lines.TryGetValue(callId, out var entry))
        {
            return string.Empty;
        }

        lock (entry)
        {
            return entry.Next < entry.Lines.Count ? entry.Lines[entry.Next++] : string.Empty;
        }
    }

    private ScriptedResponse Respond(RealtimeResponseContext context, SessionState state)
    {
        var session = context.Session;
        state.Brain ??= new SandboxBrain(
            SandboxCallFacts.From(session.Settings.Instructions, session.ConfigJson, session.Settings.TranscriptionLanguage), _options.Time);

        var lines = new List<string>();
        foreach (var turn in session.Turns.Skip(state.TurnsSeen))
        {
            if (turn.Transcript is null)
            {
                break; // still being spoken: it comes with a later response
            }

            lines.Add(turn.Transcript);
            state.TurnsSeen++;
        }

        var outputs = session.ClientItems.Where(i => i.Type == "function_call_output").ToList();
        var results = outputs.Skip(state.OutputsSeen).Select(i => new SandboxToolResult(i.CallId ?? "", i.Output ?? "{}")).ToList();
        state.OutputsSeen = outputs.Count;

        var reply = state.Brain.Respond(new SandboxInput(context.Instructions, lines, results));
        var audio = Voice.Speak(reply.Text, reply.Language, state.Brain.Female);
        return new ScriptedResponse
        {
            Transcript = reply.Text,
            Audio = audio,
            AudioMilliseconds = audio.Length / FakeAudio.BytesPerMillisecond,
            FunctionCalls = reply.Calls.Select(c => new ScriptedFunctionCall(c.Name, c.Arguments, c.CallId)).ToList(),
        };
    }

    private sealed class CallerLines
    {
        public List<string> Lines { get; } = [];

        public int Next { get; set; }
    }

    private sealed class SessionState
    {
        public SandboxBrain? Brain { get; set; }

        public int TurnsSeen { get; set; }

        public int OutputsSeen { get; set; }
    }
}

/// <summary>The caller-lines request body: <c>{"lines":["…", …]}</c>.</summary>
public sealed record SandboxCallerLinesRequest(IReadOnlyList<string>? Lines)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
