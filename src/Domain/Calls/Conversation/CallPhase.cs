namespace ProSaaS.Domain.Calls.Conversation;

/// <summary>
/// Where a call stands in the assistant's hands (the earlier system's <c>CallState</c>, BUILD 172).
/// </summary>
public enum CallPhase
{
    /// <summary>
    /// The call has just connected: the greeting plays, or the assistant waits for the caller to speak first. Nothing the
    /// assistant says ends the call here (the greeting's own "שלום" is not a goodbye).
    /// </summary>
    Warmup,

    /// <summary>The conversation: the greeting has played or the caller has spoken (the first sign of the caller forces it).</summary>
    Active,

    /// <summary>The call is being closed: the last words play and the line is hung up. Nothing reopens the conversation.</summary>
    Closing,

    /// <summary>The call is over; every input is ignored.</summary>
    Ended,
}

/// <summary>
/// The only moves between phases: forward, never back. <see cref="CallStateMachine"/> changes phase through
/// <see cref="CanMove"/> alone, so a move outside this table cannot happen.
/// </summary>
public static class CallPhases
{
    private static readonly HashSet<(CallPhase From, CallPhase To)> Moves =
    [
        (CallPhase.Warmup, CallPhase.Active),
        (CallPhase.Warmup, CallPhase.Closing),
        (CallPhase.Warmup, CallPhase.Ended),
        (CallPhase.Active, CallPhase.Closing),
        (CallPhase.Active, CallPhase.Ended),
        (CallPhase.Closing, CallPhase.Ended),
    ];

    /// <summary>Whether a call may move from <paramref name="from"/> to <paramref name="to"/> (staying put is not a move).</summary>
    public static bool CanMove(CallPhase from, CallPhase to) => Moves.Contains((from, to));
}
