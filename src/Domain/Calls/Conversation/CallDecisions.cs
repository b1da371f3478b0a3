namespace ProSaaS.Domain.Calls.Conversation;

/// <summary>
/// What <see cref="CallStateMachine"/> decided the call does, in order. The call's behaviour carries each out (the media
/// host's orders: say, end the call, report to the Api); the machine does nothing itself.
/// </summary>
public abstract record CallDecision
{
    /// <summary>The assistant says <see cref="Text"/> as it is (the greeting, the keypad menu, a keypad prompt).</summary>
    public sealed record Say(string Text) : CallDecision;

    /// <summary>The assistant says silence warning number <see cref="Number"/> (1-based).</summary>
    public sealed record WarnSilence(int Number, string Text) : CallDecision;

    /// <summary>The call has started closing for <see cref="Reason"/>: stop offering tools and new topics.</summary>
    public sealed record BeginClosing(CallEndReason Reason) : CallDecision;

    /// <summary>
    /// End the call for <see cref="Reason"/> without cutting the assistant off: when <see cref="Farewell"/> is given, the
    /// assistant says it first; the line closes once everything the assistant says, the farewell included, has played
    /// (the media host: say the farewell, then <c>EndCall(reason, afterPlayback: true)</c> once its response has begun).
    /// Null <see cref="Farewell"/>: the assistant's closing words were already said or are playing.
    /// </summary>
    public sealed record HangUpAfterSpeech(CallEndReason Reason, string? Farewell) : CallDecision;

    /// <summary>End the call at once: only when a closing call's last words never finished (<see cref="CallBehaviourSettings.ClosingTimeout"/>).</summary>
    public sealed record HangUpNow(CallEndReason Reason) : CallDecision;

    /// <summary>The model asked to end the call too early (no meaningful interaction yet): tell it the call goes on.</summary>
    public sealed record HangupRefused(CallEndReason Reason) : CallDecision;

    /// <summary>The caller chose <see cref="Entry"/> on the keypad menu (for the behaviour to act on: route, request a callback, …).</summary>
    public sealed record MenuChosen(KeypadMenuEntry Entry) : CallDecision;

    /// <summary>The number wanted was given: <see cref="E164"/>, said or keyed.</summary>
    public sealed record NumberCaptured(string E164, NumberSource Source) : CallDecision;

    /// <summary>What the caller gave is not a valid phone number; the entry stays open.</summary>
    public sealed record NumberRejected(NumberSource Source, string Heard) : CallDecision;

    /// <summary>The attempts ran out: the call goes on without the number.</summary>
    public sealed record NumberAbandoned(NumberSource Source) : CallDecision;
}
