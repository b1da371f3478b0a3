namespace ProSaaS.Domain.Calls.Conversation;

/// <summary>
/// The thresholds of <see cref="SpeechGate"/>. Levels are the RMS of a 20 ms frame of the caller's µ-law audio on the
/// 16-bit scale (0–32767; the media host's <c>MuLaw.Rms</c>), the same figure the media host reports as the caller's level.
/// </summary>
/// <remarks>
/// The defaults, for an 8 kHz telephone line:
/// <list type="bullet">
/// <item><see cref="SilenceRms"/> 200 (about −44 dBFS): above a phone line's hiss and hum (typically −60 to −50 dBFS),
/// well below speech (−30 to −15 dBFS).</item>
/// <item><see cref="OpenFrames"/> 5 (100 ms): clicks, pops and a cough's first burst are shorter; a spoken syllable is
/// longer.</item>
/// <item><see cref="CloseAfter"/> 500 ms: the pause between words stays inside the turn; it matches the AI service's own
/// default silence duration.</item>
/// <item><see cref="EchoCooldown"/> 400 ms: the network's echo of the assistant's voice and the jitter buffer's tail arrive
/// within a few hundred milliseconds after its audio stops.</item>
/// <item><see cref="EchoRms"/> 900 (about −31 dBFS) and <see cref="EchoOpenFrames"/> 10 (200 ms): while the assistant is
/// playing and during the cooldown, only clearly louder and longer speech opens a turn — a caller talking over the
/// assistant (barge-in) does; the echo of its own voice, attenuated by the line, does not. Set <see cref="EchoRms"/> to
/// <see cref="double.PositiveInfinity"/> to open no turn at all then.</item>
/// <item><see cref="MaxFrameGap"/> 60 ms: frames are 20 ms apart; a longer gap (lost packets) breaks a run of loud frames,
/// which must be consecutive.</item>
/// </list>
/// </remarks>
public sealed record SpeechGateOptions
{
    /// <summary>The length of one frame of a Twilio media stream.</summary>
    public static readonly TimeSpan FrameLength = TimeSpan.FromMilliseconds(20);

    public static SpeechGateOptions Default { get; } = new();

    /// <summary>Layer 1: a frame below this level is silence.</summary>
    public double SilenceRms { get; init; } = 200;

    /// <summary>Layer 2: consecutive loud frames before a turn opens.</summary>
    public int OpenFrames { get; init; } = 5;

    /// <summary>Quiet time after the last loud frame that closes a turn.</summary>
    public TimeSpan CloseAfter { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Layer 3: after the assistant's audio stops, the echo rules still apply this long.</summary>
    public TimeSpan EchoCooldown { get; init; } = TimeSpan.FromMilliseconds(400);

    /// <summary>While the assistant plays and during the cooldown, a frame must reach this level to count as the caller's speech.</summary>
    public double EchoRms { get; init; } = 900;

    /// <summary>While the assistant plays and during the cooldown, consecutive loud frames before a turn opens.</summary>
    public int EchoOpenFrames { get; init; } = 10;

    /// <summary>A longer gap between two frames breaks a run of loud frames.</summary>
    public TimeSpan MaxFrameGap { get; init; } = TimeSpan.FromMilliseconds(60);

    /// <summary>Throws when the thresholds contradict each other (a configuration error, found at start-up).</summary>
    public SpeechGateOptions EnsureValid()
    {
        Require(SilenceRms > 0 && !double.IsNaN(SilenceRms), nameof(SilenceRms), "must be above zero");
        Require(OpenFrames >= 1, nameof(OpenFrames), "must be at least 1");
        Require(CloseAfter > TimeSpan.Zero, nameof(CloseAfter), "must be above zero");
        Require(EchoCooldown >= TimeSpan.Zero, nameof(EchoCooldown), "must not be negative");
        Require(EchoRms >= SilenceRms, nameof(EchoRms), "must not be below SilenceRms");
        Require(EchoOpenFrames >= OpenFrames, nameof(EchoOpenFrames), "must not be below OpenFrames");
        Require(MaxFrameGap >= FrameLength, nameof(MaxFrameGap), "must be at least one frame");
        return this;

        static void Require(bool condition, string name, string rule)
        {
            if (!condition)
            {
                throw new ArgumentOutOfRangeException(name, $"SpeechGate {name} {rule}.");
            }
        }
    }
}

/// <summary>One 20 ms frame of the caller's audio: when it starts (from the stream's start), its level, and whether the assistant's audio was playing then.</summary>
public readonly record struct SpeechFrame(TimeSpan At, double Rms, bool AssistantPlaying);

public enum SpeechEdgeKind
{
    None,
    SpeechStarted,
    SpeechStopped,
}

/// <summary>
/// What a frame changed: nothing, or the caller's turn started or stopped at <see cref="At"/> (the first loud frame of the
/// run that opened it; the end of the last loud frame). <see cref="DuringAssistantSpeech"/> marks a turn opened while the
/// assistant was playing or in its cooldown: a barge-in.
/// </summary>
public readonly record struct SpeechEdge(SpeechEdgeKind Kind, TimeSpan At, bool DuringAssistantSpeech = false)
{
    public static SpeechEdge None => default;
}

/// <summary>The gate after a frame, and the edge that frame caused.</summary>
public readonly record struct SpeechGateStep(SpeechGate Gate, SpeechEdge Edge);

/// <summary>
/// Decides, frame by frame, when the caller starts and stops speaking, so that line noise and the assistant's own echo do
/// not open turns. The earlier system found that the speech-to-text model invents words out of noise and silence ("thank
/// you for watching") and that every false turn made the assistant stop and answer nothing; its remedy was a three-layer
/// defence, kept here:
/// <list type="number">
/// <item><b>Energy</b>: a frame quieter than <see cref="SpeechGateOptions.SilenceRms"/> is silence.</item>
/// <item><b>Persistence</b>: a turn opens only after <see cref="SpeechGateOptions.OpenFrames"/> consecutive loud frames.</item>
/// <item><b>Echo cooldown</b>: while the assistant plays and for <see cref="SpeechGateOptions.EchoCooldown"/> after, the
/// stricter echo rules apply, so the tail of its own voice coming back down the line does not open a turn.</item>
/// </list>
/// A turn closes after <see cref="SpeechGateOptions.CloseAfter"/> without a frame at or above the silence level.
/// An immutable value: <see cref="Observe"/> returns the next gate, so a call keeps one in a field and replaces it.
/// Frames that arrive out of order or twice are ignored.
/// </summary>
public readonly record struct SpeechGate
{
    private readonly SpeechGateOptions? _options;

    private SpeechGate(SpeechGateOptions options) => _options = options;

    public static SpeechGate Create(SpeechGateOptions? options = null) => new((options ?? SpeechGateOptions.Default).EnsureValid());

    public SpeechGateOptions Options => _options ?? SpeechGateOptions.Default;

    /// <summary>The caller is speaking (a turn is open).</summary>
    public bool IsOpen { get; private init; }

    private bool HasFrames { get; init; }

    private TimeSpan LastFrameAt { get; init; }

    private int LoudRun { get; init; }

    private TimeSpan LoudRunStart { get; init; }

    private TimeSpan LastLoudAt { get; init; }

    private TimeSpan? LastAssistantFrameAt { get; init; }

    /// <summary>Takes one frame; returns the gate after it and the edge it caused.</summary>
    public SpeechGateStep Observe(SpeechFrame frame)
    {
        if (HasFrames && frame.At <= LastFrameAt)
        {
            return new SpeechGateStep(this, SpeechEdge.None);
        }

        var options = Options;
        var contiguous = HasFrames && frame.At - LastFrameAt <= options.MaxFrameGap;
        var lastAssistantAt = frame.AssistantPlaying ? frame.At : LastAssistantFrameAt;
        var echoRules = frame.AssistantPlaying
                        || (lastAssistantAt is { } playedAt && frame.At < playedAt + SpeechGateOptions.FrameLength + options.EchoCooldown);
        var next = this with { HasFrames = true, LastFrameAt = frame.At, LastAssistantFrameAt = lastAssistantAt };

        if (IsOpen)
        {
            if (frame.Rms >= options.SilenceRms)
            {
                return new SpeechGateStep(next with { LastLoudAt = frame.At }, SpeechEdge.None);
            }

            return frame.At - LastLoudAt >= options.CloseAfter
                ? new SpeechGateStep(
                    next with { IsOpen = false, LoudRun = 0 },
                    new SpeechEdge(SpeechEdgeKind.SpeechStopped, LastLoudAt + SpeechGateOptions.FrameLength))
                : new SpeechGateStep(next, SpeechEdge.None);
        }

        var threshold = echoRules ? options.EchoRms : options.SilenceRms;
        if (!(frame.Rms >= threshold))
        {
            return new SpeechGateStep(next with { LoudRun = 0 }, SpeechEdge.None);
        }

        var continuesRun = LoudRun > 0 && contiguous;
        var run = continuesRun ? LoudRun + 1 : 1;
        var runStart = continuesRun ? LoudRunStart : frame.At;
        var needed = echoRules ? options.EchoOpenFrames : options.OpenFrames;
        if (run < needed)
        {
            return new SpeechGateStep(next with { LoudRun = run, LoudRunStart = runStart }, SpeechEdge.None);
        }

        return new SpeechGateStep(
            next with { IsOpen = true, LoudRun = 0, LastLoudAt = frame.At },
            new SpeechEdge(SpeechEdgeKind.SpeechStarted, runStart, echoRules));
    }
}
