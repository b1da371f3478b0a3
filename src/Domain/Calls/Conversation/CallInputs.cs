namespace ProSaaS.Domain.Calls.Conversation;

/// <summary>
/// Something that happened on the call, as the call's behaviour tells <see cref="CallStateMachine"/>. <see cref="At"/> is
/// when, as time since the stream started (the media host's clock). Verdicts about what was said (a goodbye, a number)
/// come from the Hebrew speech functions; the machine takes them as given.
/// </summary>
public abstract record CallInput(TimeSpan At)
{
    /// <summary>The greeting has finished playing.</summary>
    public sealed record GreetingFinished(TimeSpan At) : CallInput(At);

    /// <summary>The caller started speaking (the speech gate's or the AI service's speech detection).</summary>
    public sealed record CallerSpeechStarted(TimeSpan At) : CallInput(At);

    /// <summary>The caller stopped speaking.</summary>
    public sealed record CallerSpeechStopped(TimeSpan At) : CallInput(At);

    /// <summary>
    /// A caller utterance, transcribed and kept by the hallucination filter. <see cref="SaidGoodbye"/> is the goodbye
    /// detector's verdict; <see cref="SpokenDigits"/> the digits the speech side read from it (a phone number said aloud),
    /// null when it has none. A blank text is no utterance and is ignored.
    /// </summary>
    public sealed record CallerTranscript : CallInput
    {
        public CallerTranscript(TimeSpan at, string text, bool saidGoodbye = false, string? spokenDigits = null)
            : base(at)
        {
            ArgumentNullException.ThrowIfNull(text);
            Text = text;
            SaidGoodbye = saidGoodbye;
            SpokenDigits = spokenDigits;
        }

        public string Text { get; }

        public bool SaidGoodbye { get; }

        public string? SpokenDigits { get; }
    }

    /// <summary>
    /// The assistant finished an utterance (its transcript is complete). <see cref="SaidGoodbye"/> is the goodbye
    /// detector's verdict on it; <see cref="Interrupted"/> when the caller cut it short.
    /// </summary>
    public sealed record AssistantTranscriptDone : CallInput
    {
        public AssistantTranscriptDone(TimeSpan at, string text, bool saidGoodbye = false, bool interrupted = false)
            : base(at)
        {
            ArgumentNullException.ThrowIfNull(text);
            Text = text;
            SaidGoodbye = saidGoodbye;
            Interrupted = interrupted;
        }

        public string Text { get; }

        public bool SaidGoodbye { get; }

        public bool Interrupted { get; }
    }

    /// <summary>The assistant's audio has finished playing to the caller: it is silent now.</summary>
    public sealed record AssistantAudioDone(TimeSpan At) : CallInput(At);

    /// <summary>The lead's details were saved (the server confirmed the capture).</summary>
    public sealed record LeadCaptured(TimeSpan At) : CallInput(At);

    /// <summary>The caller confirmed the details the assistant read back (the verification gate).</summary>
    public sealed record DetailsConfirmed(TimeSpan At) : CallInput(At);

    /// <summary>About once a second: time passes. <see cref="AssistantSpeaking"/> while a response is generated or plays.</summary>
    public sealed record SilenceTick(TimeSpan At, bool AssistantSpeaking) : CallInput(At);

    /// <summary>The call has reached the business's longest call length (a timer; ticks past it do the same).</summary>
    public sealed record MaxDurationReached(TimeSpan At) : CallInput(At);

    /// <summary>The caller pressed a key: 0–9, *, # or A–D.</summary>
    public sealed record KeyPressed : CallInput
    {
        public const string Keys = "0123456789*#ABCD";

        public KeyPressed(TimeSpan at, char key)
            : base(at)
        {
            if (!Keys.Contains(key))
            {
                throw new ArgumentOutOfRangeException(nameof(key), key, "Not a telephone keypad key.");
            }

            Key = key;
        }

        public char Key { get; }
    }

    /// <summary>The assistant asked for a phone number: from now the caller may say it or key it in (<see cref="PhoneNumberEntry"/>).</summary>
    public sealed record NumberRequested(TimeSpan At) : CallInput(At);

    /// <summary>
    /// The model asked to end the call (its tools): <see cref="CallEndReason.AssistantEnded"/> (the conversation is done) or
    /// <see cref="CallEndReason.TransferredToHuman"/> (the caller asked for a person). <see cref="Farewell"/> is said first
    /// when given.
    /// </summary>
    public sealed record HangupRequested : CallInput
    {
        public HangupRequested(TimeSpan at, CallEndReason reason, string? farewell = null)
            : base(at)
        {
            if (reason is not (CallEndReason.AssistantEnded or CallEndReason.TransferredToHuman))
            {
                throw new ArgumentOutOfRangeException(nameof(reason), reason, "The assistant ends a call as assistant_ended or transferred_to_human.");
            }

            Reason = reason;
            Farewell = string.IsNullOrWhiteSpace(farewell) ? null : farewell.Trim();
        }

        public CallEndReason Reason { get; }

        public string? Farewell { get; }
    }

    /// <summary>The call's stream ended (the caller hung up, the stream was lost, or the hang-up went through): the last input.</summary>
    public sealed record StreamStopped(TimeSpan At, CallEndReason Reason) : CallInput(At);
}
