namespace ProSaaS.Domain.Calls.Conversation;

/// <summary>
/// How one call behaves, fixed when it starts. The first ten settings mirror the media host's <c>CallConfig</c> (the
/// business's settings as the Api renders them for the call: <c>BotSpeaksFirst</c>, <c>Greeting</c>,
/// <c>AutoHangup.OnLeadCaptured</c>, <c>AutoHangup.OnGoodbye</c>, <c>Silence.WarningAfterSeconds</c>,
/// <c>Silence.HangupAfterSeconds</c>, <c>Silence.MaxWarnings</c>, <c>MaxCallSeconds</c>, <c>Voice</c>, <c>Language</c>); the
/// domain cannot see that contract, so the media host maps one to the other. The earlier system learned to read every
/// such setting from one place loaded once per call (BUILD 172): settings read afresh mid-call changed behaviour halfway.
/// The defaults are the business settings' defaults.
/// </summary>
public sealed record CallBehaviourSettings
{
    public static CallBehaviourSettings Default { get; } = new();

    /// <summary>The assistant opens the call with <see cref="Greeting"/>; otherwise it waits for the caller.</summary>
    public bool BotSpeaksFirst { get; init; } = true;

    /// <summary>The rendered greeting. A blank greeting is not said, even when the bot speaks first.</summary>
    public string Greeting { get; init; } = string.Empty;

    /// <summary>End the call once the lead is captured and the caller confirmed the details.</summary>
    public bool AutoEndOnLeadCaptured { get; init; }

    /// <summary>End the call on a goodbye (the caller's, answered; or the assistant's after a meaningful conversation).</summary>
    public bool AutoEndOnGoodbye { get; init; } = true;

    public int SilenceWarningAfterSeconds { get; init; } = 8;

    public int SilenceHangupAfterSeconds { get; init; } = 20;

    public int MaxSilenceWarnings { get; init; } = 2;

    /// <summary>The longest the call may last, from the start of the stream.</summary>
    public int MaxCallSeconds { get; init; } = 15 * 60;

    /// <summary>The voice the assistant speaks with (carried for the media host; the call's decisions do not depend on it).</summary>
    public string Voice { get; init; } = "alloy";

    /// <summary>The language the call starts in; picks the fixed lines (<see cref="CallPhrases.For"/>) unless <see cref="Phrases"/> is set.</summary>
    public string Language { get; init; } = "he";

    /// <summary>The business's keypad menu; null when keys outside a number entry do nothing.</summary>
    public KeypadMenu? KeypadMenu { get; init; }

    /// <summary>The fixed lines; null takes the language's (<see cref="CallPhrases.For"/>).</summary>
    public CallPhrases? Phrases { get; init; }

    /// <summary>How long a caller's goodbye may go unanswered by the model before a farewell is said for it.</summary>
    public TimeSpan GoodbyeAnswerGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the call may stay closing before it is hung up at once: a backstop, should the last words never finish
    /// playing. Longer than the media host's own limit on waiting for playback (15 s).
    /// </summary>
    public TimeSpan ClosingTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How a keyed-in number is collected.</summary>
    public DigitCollectorOptions NumberEntry { get; init; } = DigitCollectorOptions.Default;

    /// <summary>Failed attempts after which a number entry is given up.</summary>
    public int NumberEntryAttempts { get; init; } = PhoneNumberEntry.DefaultMaxAttempts;

    public SilenceRules Silence => SilenceRules.FromSeconds(SilenceWarningAfterSeconds, SilenceHangupAfterSeconds, MaxSilenceWarnings);

    /// <summary>The lines the call uses.</summary>
    public CallPhrases Lines => Phrases ?? CallPhrases.For(Language);

    /// <summary>Throws when the settings cannot run a call; the Api validates the business settings, so this is a mapping error.</summary>
    public CallBehaviourSettings EnsureValid()
    {
        ArgumentNullException.ThrowIfNull(Greeting, nameof(Greeting));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCallSeconds, 1, nameof(MaxCallSeconds));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(GoodbyeAnswerGrace, TimeSpan.Zero, nameof(GoodbyeAnswerGrace));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ClosingTimeout, TimeSpan.Zero, nameof(ClosingTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(NumberEntryAttempts, 1, nameof(NumberEntryAttempts));
        ArgumentNullException.ThrowIfNull(NumberEntry, nameof(NumberEntry));
        Silence.EnsureValid();
        NumberEntry.EnsureValid();
        Lines.EnsureValid();
        return this;
    }
}
