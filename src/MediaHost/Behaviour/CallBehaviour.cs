using ProSaaS.Hosting.Calls;

namespace ProSaaS.MediaHost.Behaviour;

/// <summary>
/// What a call does with what is said: the media layer raises <see cref="CallEvent"/>s to it, one at a time and in order,
/// and it gives orders through the <see cref="ICallHandle"/> it is handed. One instance per call (made by
/// <see cref="ICallBehaviourFactory"/>), never shared, so it may keep the call's state in fields.
/// </summary>
/// <remarks>
/// The media layer itself keeps doing what is not a decision: audio both ways, barge-in (clear, truncate, cancel), the
/// transcript turns sent to the Api, the AI session's reconnection, the end of the call when the caller hangs up or the
/// stream is lost. An exception thrown by the behaviour is logged and the call goes on.
/// </remarks>
public interface ICallBehaviour
{
    /// <summary>
    /// The behaviour asks for every response itself (<see cref="ICallHandle.RespondAsync"/>): the AI session is then opened
    /// with <c>create_response: false</c>, so the service never answers a caller's turn on its own — a turn the behaviour
    /// judges not to be speech gets no answer. False (the default): the service answers each turn as its speech detection
    /// ends it.
    /// </summary>
    bool DecidesResponses => false;

    ValueTask OnEventAsync(CallEvent callEvent, ICallHandle call, CancellationToken cancellationToken);
}

/// <summary>
/// Makes the behaviour of each call. Registered as a singleton; the media host uses <see cref="ConversationBehaviourFactory"/>
/// unless another is registered (<see cref="RelayBehaviourFactory"/> relays the conversation as the service drives it).
/// </summary>
public interface ICallBehaviourFactory
{
    ICallBehaviour Create(CallConfig config);
}

/// <summary>
/// The orders a behaviour gives. Orders given while the AI session is being reopened wait for it (up to the reconnection
/// time) and are dropped if it does not come back; orders given after the call ended do nothing.
/// </summary>
public interface ICallHandle
{
    Guid CallId { get; }

    string TenantId { get; }

    CallConfig Config { get; }

    /// <summary>The AI session's instructions now (the configuration's, or the last <see cref="UpdateInstructionsAsync"/>).</summary>
    string Instructions { get; }

    /// <summary>Time since the stream started (by the caller's audio clock).</summary>
    TimeSpan Elapsed { get; }

    /// <summary>The assistant is speaking: a response is being generated or its audio is still playing to the caller.</summary>
    bool IsAssistantSpeaking { get; }

    /// <summary>The call is ending; further orders do nothing.</summary>
    bool IsEnding { get; }

    /// <summary>Asks the model to respond now (<c>response.create</c>), with instructions for this response only when given.</summary>
    ValueTask RespondAsync(string? instructions = null, CancellationToken cancellationToken = default);

    /// <summary>Has the assistant say <paramref name="text"/> as it is (a response whose instructions are to say exactly it).</summary>
    ValueTask SayAsync(string text, CancellationToken cancellationToken = default);

    /// <summary>Answers a <see cref="ToolCalled"/> (<c>function_call_output</c>), then asks for a response unless told not to.</summary>
    ValueTask SendToolResultAsync(string toolCallId, string outputJson, bool respond = true, CancellationToken cancellationToken = default);

    /// <summary>Replaces the session's instructions (<c>session.update</c>); kept for a reopened session too.</summary>
    ValueTask UpdateInstructionsAsync(string instructions, CancellationToken cancellationToken = default);

    /// <summary>Sends a fact about the call to the Api (e.g. <see cref="FieldsCollectedCommand"/>) through the call's outbox.</summary>
    ValueTask ReportAsync(CallCommand command, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends the call with <paramref name="reason"/> (<see cref="MediaEndReasons"/>). With <paramref name="afterPlayback"/>
    /// the assistant first finishes what it is saying (its response and the audio still playing, at most 15 s).
    /// </summary>
    void EndCall(string reason, bool afterPlayback = true);

    /// <summary>
    /// Sets a caller's transcript aside as not speech (a transcriber's invention, noise, the assistant's echo): it is not
    /// sent to the Api as a transcript turn, nor kept in the conversation a reopened AI session is told. Only while the
    /// <see cref="CallerTranscript"/> of <paramref name="itemId"/> is being handled; later it does nothing.
    /// </summary>
    void DiscardCallerTranscript(string itemId);
}

/// <summary>
/// Something that happened on the call. <see cref="OffsetMs"/> is when, as time since the stream started by the caller's
/// audio clock; for a transcript it is where the utterance started (as in its transcript turn).
/// </summary>
public abstract record CallEvent(long OffsetMs);

/// <summary>The stream is verified, the call's configuration loaded and the AI session open: the first event of every call.</summary>
public sealed record CallStarted(long OffsetMs, CallConfig Config) : CallEvent(OffsetMs);

/// <summary>
/// The AI service heard the caller start speaking; <paramref name="InterruptedAssistant"/> when this was a barge-in.
/// <paramref name="ItemId"/> is the caller's item (its <see cref="CallerSpeechStopped"/> and <see cref="CallerTranscript"/>
/// carry the same).
/// </summary>
public sealed record CallerSpeechStarted(long OffsetMs, bool InterruptedAssistant, string? ItemId = null) : CallEvent(OffsetMs);

/// <summary>The AI service heard the caller stop speaking; <paramref name="Audio"/> is what the turn's audio was like.</summary>
public sealed record CallerSpeechStopped(long OffsetMs, string? ItemId = null, CallerAudio? Audio = null) : CallEvent(OffsetMs);

/// <summary>
/// A transcribed caller utterance; <paramref name="Audio"/> is what its audio was like (null when unknown). Reported to the
/// Api as a transcript turn once the behaviour has handled it, unless it set it aside
/// (<see cref="ICallHandle.DiscardCallerTranscript"/>). <paramref name="Text"/> may be empty: the transcriber found no
/// words (nothing is reported then).
/// </summary>
public sealed record CallerTranscript(long OffsetMs, string ItemId, string Text, CallerAudio? Audio = null) : CallEvent(OffsetMs);

/// <summary>
/// What the caller's audio under one turn of the AI service's speech detection was like, as the media host measured it.
/// </summary>
/// <param name="Duration">From the turn's start, as the service placed it (its prefix padding included), to its end.</param>
/// <param name="MeanLevel">The mean RMS of the turn's 20 ms frames (µ-law on the 16-bit scale: the measure of the speech
/// gate and of the transcription filter's audio check).</param>
/// <param name="GateOpened">The media host's own speech gate (energy, consecutive frames, and the stricter rules while the
/// assistant plays and just after) opened during the turn: by its measure the caller spoke, rather than line noise or the
/// echo of the assistant's voice.</param>
public sealed record CallerAudio(TimeSpan Duration, double MeanLevel, bool GateOpened);

/// <summary>A finished assistant utterance (already sent to the Api); <paramref name="Interrupted"/> when the caller cut it short.</summary>
public sealed record AssistantTranscript(long OffsetMs, string ItemId, string Text, bool Interrupted) : CallEvent(OffsetMs);

/// <summary>The model calls a function; answer with <see cref="ICallHandle.SendToolResultAsync"/>.</summary>
public sealed record ToolCalled(long OffsetMs, string ToolCallId, string Name, string ArgumentsJson) : CallEvent(OffsetMs);

/// <summary>The caller pressed a key (0–9, *, #, A–D).</summary>
public sealed record DtmfPressed(long OffsetMs, char Digit) : CallEvent(OffsetMs);

/// <summary>The model finished a response (<paramref name="Status"/>: completed, cancelled, incomplete, failed).</summary>
public sealed record ResponseFinished(long OffsetMs, string? ResponseId, string? Status) : CallEvent(OffsetMs);

/// <summary>
/// Once a second: how long since the caller last spoke (by the AI service's speech detection; from the stream's start
/// before the first speech) and since the assistant's audio last played, and the caller line's level in the last second
/// (µ-law RMS on the 16-bit scale, the mean of its 20 ms frames).
/// </summary>
public sealed record SilenceTick(long OffsetMs, TimeSpan CallerSilentFor, TimeSpan AssistantSilentFor, double CallerLevel) : CallEvent(OffsetMs);

/// <summary>The AI session was lost and reopened with the conversation so far; <paramref name="Reconnects"/> so far on this call.</summary>
public sealed record AiSessionReopened(long OffsetMs, int Reconnects) : CallEvent(OffsetMs);

/// <summary>The call is over (<paramref name="Reason"/>: <see cref="MediaEndReasons"/>): the last event; orders do nothing any more.</summary>
public sealed record StreamStopped(long OffsetMs, string Reason) : CallEvent(OffsetMs);
