namespace ProSaaS.Domain.Calls.Conversation;

/// <summary>
/// When a silent caller is warned and when the call is given up on, as the business set it (settings: silence). Silence
/// counts only while neither side speaks (see <see cref="SilenceMonitor"/>).
/// </summary>
/// <param name="WarningAfter">Silence before the first warning.</param>
/// <param name="HangupAfter">Silence after which the assistant says goodbye and hangs up.</param>
/// <param name="MaxWarnings">How many warnings come before the hang-up (0: none, the call ends at <paramref name="HangupAfter"/>).</param>
/// <remarks>
/// The first warning comes after <paramref name="WarningAfter"/>; the others are spread evenly up to the hang-up, so the
/// caller has the same time to answer each warning, the last one included: warning <c>n</c> (1-based) is due at
/// <c>WarningAfter + (n − 1) × (HangupAfter − WarningAfter) / MaxWarnings</c>. With the defaults (8 s, 20 s, 2) the warnings
/// come after 8 s and 14 s of silence and the call ends after 20 s.
/// </remarks>
public sealed record SilenceRules(TimeSpan WarningAfter, TimeSpan HangupAfter, int MaxWarnings)
{
    /// <summary>The business settings' upper bound on warnings.</summary>
    public const int MostWarnings = 5;

    public static SilenceRules FromSeconds(int warningAfterSeconds, int hangupAfterSeconds, int maxWarnings) =>
        new(TimeSpan.FromSeconds(warningAfterSeconds), TimeSpan.FromSeconds(hangupAfterSeconds), maxWarnings);

    /// <summary>The silence after which warning <paramref name="number"/> (1 to <see cref="MaxWarnings"/>) is due.</summary>
    public TimeSpan WarningDueAfter(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, MaxWarnings);
        return WarningAfter + ((HangupAfter - WarningAfter) * (number - 1) / MaxWarnings);
    }

    /// <summary>Throws when the rules cannot work: no positive times, a hang-up before the first warning, or too many warnings.</summary>
    public SilenceRules EnsureValid()
    {
        if (WarningAfter <= TimeSpan.Zero || HangupAfter <= WarningAfter || MaxWarnings is < 0 or > MostWarnings)
        {
            throw new ArgumentOutOfRangeException(
                nameof(SilenceRules),
                $"Silence rules need 0 < warning ({WarningAfter}) < hang-up ({HangupAfter}) and 0..{MostWarnings} warnings ({MaxWarnings}).");
        }

        return this;
    }
}

public enum SilenceVerdictKind
{
    None,

    /// <summary>Say silence warning number <see cref="SilenceVerdict.Warning"/>.</summary>
    Warn,

    /// <summary>The caller stayed silent through the warnings: say goodbye and hang up (<c>silence</c>).</summary>
    HangUp,
}

public readonly record struct SilenceVerdict(SilenceVerdictKind Kind, int Warning = 0)
{
    public static SilenceVerdict None => default;
}

public readonly record struct SilenceStep(SilenceMonitor Monitor, SilenceVerdict Verdict);

/// <summary>
/// Counts the caller's silence and says when to warn and when to give up (<see cref="SilenceRules"/>). Fed with the call's
/// ticks (about once a second) and the caller's speech edges. Its rules, each from something callers went through:
/// <list type="bullet">
/// <item>Silence counts only while neither side speaks: the assistant's own speech, a long answer or a warning, is not the
/// caller's silence, and a caller who listens to a long answer is not warned for listening.</item>
/// <item>Anything from the caller (speech, a transcript, a key) starts the count afresh and forgets the warnings given.</item>
/// <item>One verdict per tick, at most: a late tick that crosses several thresholds warns once rather than talking over
/// itself; the hang-up wins over a warning.</item>
/// <item>After the hang-up verdict the monitor is spent and says nothing more.</item>
/// </list>
/// Immutable: every method returns the monitor after the change.
/// </summary>
public sealed record SilenceMonitor
{
    private SilenceMonitor(SilenceRules rules, TimeSpan countingFrom)
    {
        Rules = rules;
        CountingFrom = countingFrom;
    }

    /// <summary>A monitor that counts from <paramref name="at"/>.</summary>
    public static SilenceMonitor Start(SilenceRules rules, TimeSpan at)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return new SilenceMonitor(rules.EnsureValid(), at);
    }

    public SilenceRules Rules { get; }

    /// <summary>The caller's silence counted so far (both sides quiet).</summary>
    public TimeSpan Silence { get; private init; }

    /// <summary>Warnings given since the caller last did anything.</summary>
    public int WarningsGiven { get; private init; }

    public bool CallerSpeaking { get; private init; }

    /// <summary>The hang-up verdict was given.</summary>
    public bool Expired { get; private init; }

    /// <summary>Time before this point is accounted for.</summary>
    private TimeSpan CountingFrom { get; init; }

    public SilenceMonitor CallerStartedSpeaking(TimeSpan at) => Reset(at) with { CallerSpeaking = true };

    public SilenceMonitor CallerStoppedSpeaking(TimeSpan at) => Reset(at) with { CallerSpeaking = false };

    /// <summary>The caller did something other than start or stop speaking (a transcribed utterance, a key press).</summary>
    public SilenceMonitor CallerActed(TimeSpan at) => Reset(at);

    /// <summary>The assistant's audio stopped at <paramref name="at"/>: silence counts from there.</summary>
    public SilenceMonitor AssistantStopped(TimeSpan at) => Later(at);

    /// <summary>The time up to <paramref name="at"/> is not silence (the call waits for something else, e.g. the answer to a goodbye).</summary>
    public SilenceMonitor Hold(TimeSpan at) => Later(at);

    /// <summary>
    /// Time has passed up to <paramref name="at"/>. When <paramref name="assistantSpeaking"/>, the time since the last tick
    /// is not counted (the assistant's audio is taken to have covered it).
    /// </summary>
    public SilenceStep Tick(TimeSpan at, bool assistantSpeaking)
    {
        if (Expired || CallerSpeaking)
        {
            return new SilenceStep(this, SilenceVerdict.None);
        }

        if (assistantSpeaking)
        {
            return new SilenceStep(Later(at), SilenceVerdict.None);
        }

        var counted = this with
        {
            Silence = Silence + (at > CountingFrom ? at - CountingFrom : TimeSpan.Zero),
            CountingFrom = at > CountingFrom ? at : CountingFrom,
        };

        if (counted.Silence >= Rules.HangupAfter)
        {
            return new SilenceStep(counted with { Expired = true }, new SilenceVerdict(SilenceVerdictKind.HangUp));
        }

        var next = WarningsGiven + 1;
        if (next <= Rules.MaxWarnings && counted.Silence >= Rules.WarningDueAfter(next))
        {
            return new SilenceStep(counted with { WarningsGiven = next }, new SilenceVerdict(SilenceVerdictKind.Warn, next));
        }

        return new SilenceStep(counted, SilenceVerdict.None);
    }

    private SilenceMonitor Reset(TimeSpan at) =>
        Expired ? this : this with { Silence = TimeSpan.Zero, WarningsGiven = 0, CountingFrom = at > CountingFrom ? at : CountingFrom };

    private SilenceMonitor Later(TimeSpan at) => at > CountingFrom ? this with { CountingFrom = at } : this;
}
