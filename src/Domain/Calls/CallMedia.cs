namespace ProSaaS.Domain.Calls;

/// <summary>Who said a transcript turn.</summary>
public enum CallSpeaker
{
    Caller,
    Assistant,
}

/// <summary>
/// A call's figures as the media host measured them. Latencies are milliseconds and null when the call never had the moment
/// (no caller turn, no barge-in).
/// </summary>
/// <param name="ResponseLatencyMs">Caller speech stopped → first assistant audio sent to the provider, per turn.</param>
/// <param name="AddedLatencyMs">The media host's own time per hop (provider → AI, AI → provider).</param>
/// <param name="BargeInReactionMs">Caller speech started → the assistant's audio cleared, per barge-in.</param>
/// <param name="DurationMs">How long the media stream lasted.</param>
public sealed record CallMediaMetrics(
    LatencyFigures? ResponseLatencyMs,
    HopLatencyFigures? AddedLatencyMs,
    LatencyFigures? BargeInReactionMs,
    int BargeIns,
    long FramesIn,
    long FramesOut,
    long FramesDropped,
    int InboundQueueHighWater,
    int OutboundQueueHighWater,
    int AiReconnects,
    long DurationMs);

/// <summary>A latency's median, 99th percentile and worst, over <see cref="Count"/> measurements.</summary>
public sealed record LatencyFigures(double P50, double P99, double Max, int Count);

public sealed record HopLatencyFigures(LatencyFigures TwilioToAi, LatencyFigures AiToTwilio);

/// <summary>
/// What the media host may report about a call, and how it is read: the end reasons it may give (their wire names are the
/// snake_case of <see cref="CallEndReason"/>), the speakers, and the bounds of a transcript turn and of collected fields.
/// </summary>
public static class CallMediaRules
{
    public const int MaxTurnTextLength = 4000;

    /// <summary>The most details one report may carry.</summary>
    public const int MaxCollectedFields = 60;

    public const int MaxFieldValueLength = 2000;

    private static readonly Dictionary<string, CallEndReason> MediaEndReasons = new(StringComparer.Ordinal)
    {
        ["user_goodbye"] = CallEndReason.UserGoodbye,
        ["assistant_ended"] = CallEndReason.AssistantEnded,
        ["caller_hung_up"] = CallEndReason.CallerHungUp,
        ["silence"] = CallEndReason.Silence,
        ["max_duration"] = CallEndReason.MaxDuration,
        ["ai_unavailable"] = CallEndReason.AiUnavailable,
        ["stream_lost"] = CallEndReason.StreamLost,
        ["transferred_to_human"] = CallEndReason.TransferredToHuman,
        ["shutdown"] = CallEndReason.Shutdown,
    };

    private static readonly Dictionary<string, CallSpeaker> Speakers = new(StringComparer.Ordinal)
    {
        ["caller"] = CallSpeaker.Caller,
        ["assistant"] = CallSpeaker.Assistant,
    };

    /// <summary>The media host's end reasons, as it writes them.</summary>
    public static IReadOnlyCollection<string> MediaEndReasonNames { get; } = MediaEndReasons.Keys.ToArray();

    public static IReadOnlyCollection<string> SpeakerNames { get; } = Speakers.Keys.ToArray();

    /// <summary>Reads an end reason the media host gave; only the media host's own reasons are accepted (not the provider's or the platform's).</summary>
    public static bool TryParseMediaEndReason(string? text, out CallEndReason reason)
    {
        reason = default;
        return text is not null && MediaEndReasons.TryGetValue(text, out reason);
    }

    public static bool IsMediaEndReason(CallEndReason reason) => MediaEndReasons.ContainsValue(reason);

    public static bool TryParseSpeaker(string? text, out CallSpeaker speaker)
    {
        speaker = default;
        return text is not null && Speakers.TryGetValue(text, out speaker);
    }

    /// <summary>A detail's key is shaped like a lead field key (<c>name</c>, <c>phone</c>, <c>email</c>, or one of the business's fields).</summary>
    public static bool IsValidFieldKey(string? key) => Leads.LeadFieldSchema.IsValidKey(key);

    public static bool IsValidFieldValue(string? value) => !string.IsNullOrWhiteSpace(value) && value.Length <= MaxFieldValueLength;

    public static bool IsValidTurnText(string? text) => !string.IsNullOrWhiteSpace(text) && text.Length <= MaxTurnTextLength;

    /// <summary>Counts and latencies are never negative.</summary>
    public static bool IsValidMetrics(CallMediaMetrics? metrics) =>
        metrics is not null
        && metrics is { BargeIns: >= 0, FramesIn: >= 0, FramesOut: >= 0, FramesDropped: >= 0, InboundQueueHighWater: >= 0, OutboundQueueHighWater: >= 0, AiReconnects: >= 0, DurationMs: >= 0 }
        && IsValid(metrics.ResponseLatencyMs)
        && IsValid(metrics.BargeInReactionMs)
        && (metrics.AddedLatencyMs is not { } hops
            || (hops.TwilioToAi is not null && hops.AiToTwilio is not null && IsValid(hops.TwilioToAi) && IsValid(hops.AiToTwilio)));

    private static bool IsValid(LatencyFigures? figures) =>
        figures is null || (figures.Count >= 0 && IsNonNegative(figures.P50) && IsNonNegative(figures.P99) && IsNonNegative(figures.Max));

    private static bool IsNonNegative(double value) => double.IsFinite(value) && value >= 0;
}
