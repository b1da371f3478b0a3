namespace ProSaaS.Sandbox;

/// <summary>
/// What a <see cref="FakeRealtimeServer"/> session answers. Responses come from, in order of precedence:
/// <see cref="Respond"/> (when it returns one), then <see cref="OnResponseCreate"/> for the client's
/// <c>response.create</c>s in order (the first is usually the greeting) or the next <see cref="Turns"/> entry for a caller
/// turn, then <see cref="DefaultResponse"/>. Each caller turn (speech detected and committed) is transcribed as the next
/// <see cref="Turns"/> entry's transcript, then <see cref="DefaultTranscript"/>.
/// <code>
/// new RealtimeScript
/// {
///     OnResponseCreate = [new ScriptedResponse { Transcript = "שלום, במה אפשר לעזור?", AudioMilliseconds = 1200 }],
///     Turns = [new ScriptedTurn("אני רוצה לקבוע תור", new ScriptedResponse { FunctionCalls = [new("book_appointment", """{"day":"sunday"}""")] })],
/// }
/// </code>
/// </summary>
public sealed class RealtimeScript
{
    /// <summary>The answers to the client's <c>response.create</c>s, in order.</summary>
    public IReadOnlyList<ScriptedResponse> OnResponseCreate { get; init; } = [];

    /// <summary>The caller's turns in order: what each is transcribed as and what the model answers (when the session creates responses).</summary>
    public IReadOnlyList<ScriptedTurn> Turns { get; init; } = [];

    /// <summary>The answer once the lists are used up.</summary>
    public ScriptedResponse DefaultResponse { get; init; } = new();

    /// <summary>The transcript of a turn once <see cref="Turns"/> is used up.</summary>
    public string DefaultTranscript { get; init; } = "כן, בבקשה";

    /// <summary>
    /// Transcribes a committed caller turn (its <see cref="FakeRealtimeTurn.Index"/> counts the session's turns from 0);
    /// null falls back to <see cref="Turns"/> and <see cref="DefaultTranscript"/>. Runs in the session's order of events.
    /// </summary>
    public Func<FakeRealtimeSession, FakeRealtimeTurn, string?>? Transcribe { get; init; }

    /// <summary>Decides a response from its context (trigger, instructions, the conversation so far); null falls back to the lists.</summary>
    public Func<RealtimeResponseContext, ScriptedResponse?>? Respond { get; init; }
}

/// <summary>One caller turn: its transcript and the model's answer to it (null: <see cref="RealtimeScript.DefaultResponse"/>).</summary>
public sealed record ScriptedTurn(string Transcript, ScriptedResponse? Response = null);

/// <summary>
/// One model response: spoken audio (µ-law, in <c>response.output_audio.delta</c> chunks) with its transcript, then
/// optional function calls, then <c>response.done</c>. Unset pacing falls back to the server's <see cref="FakeRealtimeOptions"/>.
/// </summary>
public sealed record ScriptedResponse
{
    /// <summary>What the model "says" (sent as transcript deltas alongside the audio); empty with no audio means no message item.</summary>
    public string Transcript { get; init; } = "שלום, כאן המוקד של העסק. במה אפשר לעזור?";

    /// <summary>Length of the generated audio when <see cref="Audio"/> is not given; 0 for a response without audio (e.g. only a function call).</summary>
    public int AudioMilliseconds { get; init; } = 1000;

    /// <summary>
    /// The exact µ-law to send. When null, a speech-like signal of <see cref="AudioMilliseconds"/> unique to this session
    /// and response is generated, so tests can tell whose audio a caller heard.
    /// </summary>
    public byte[]? Audio { get; init; }

    /// <summary>Functions the model calls after speaking (each gets <c>response.function_call_arguments.done</c>).</summary>
    public IReadOnlyList<ScriptedFunctionCall> FunctionCalls { get; init; } = [];

    /// <summary>Time from the trigger to the first audio delta (the model "thinking"); null: <see cref="FakeRealtimeOptions.ResponseDelay"/>.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>µ-law bytes per audio delta; null: <see cref="FakeRealtimeOptions.AudioDeltaBytes"/>.</summary>
    public int? AudioDeltaBytes { get; init; }

    /// <summary>Pause between audio deltas; null: <see cref="FakeRealtimeOptions.AudioDeltaInterval"/>.</summary>
    public TimeSpan? AudioDeltaInterval { get; init; }

    /// <summary>When set, the server drops the socket abruptly once this much of the response's audio has been sent.</summary>
    public int? DropSocketAfterAudioMs { get; init; }
}

/// <summary>A function call the model makes; <see cref="CallId"/> is generated (<c>call_…</c>) when null.</summary>
public sealed record ScriptedFunctionCall(string Name, string Arguments = "{}", string? CallId = null);

/// <summary>What started a response.</summary>
public enum RealtimeResponseTrigger
{
    /// <summary>The client sent <c>response.create</c>.</summary>
    ResponseCreate,

    /// <summary>A caller turn was committed and the session's turn detection creates responses.</summary>
    Turn,
}

/// <summary>
/// The context <see cref="RealtimeScript.Respond"/> decides from: the session (its configuration, turns and the items the
/// client created so far), what triggered the response, its per-response instructions, and the turn it answers.
/// </summary>
public sealed record RealtimeResponseContext(
    FakeRealtimeSession Session,
    RealtimeResponseTrigger Trigger,
    int ResponseIndex,
    string? Instructions,
    FakeRealtimeTurn? Turn);
