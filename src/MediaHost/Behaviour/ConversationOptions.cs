using ProSaaS.Domain.Calls.Conversation;
using ProSaaS.Domain.Conversations.Speech;

namespace ProSaaS.MediaHost.Behaviour;

/// <summary>The timings and thresholds of <see cref="ConversationBehaviour"/> (not business settings: the same for every call).</summary>
public sealed record ConversationOptions
{
    public static ConversationOptions Default { get; } = new();

    /// <summary>
    /// After the caller stops speaking, how long the turn's transcript may take before the assistant answers without it
    /// (the transcription failed or is very late): a caller is never left waiting for a verdict that does not come. Only
    /// turns the speech gate took for speech are answered so.
    /// </summary>
    public TimeSpan TranscriptWait { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a response the behaviour asked for may take to begin before its next order is sent anyway.</summary>
    public TimeSpan ResponseStartWait { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// A caller's turn that the speech gate has not confirmed yet counts as speech once a second of the line reaches this
    /// mean level (the gate's own silence level): a long utterance keeps the silence count at bay before it ends.
    /// </summary>
    public double SpeakingLevel { get; init; } = SpeechGateOptions.Default.SilenceRms;

    /// <summary>How the assistant's repetition is judged.</summary>
    public LoopDetectionOptions Loops { get; init; } = LoopDetectionOptions.Default;
}
