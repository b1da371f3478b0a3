using ProSaaS.Domain.Calls;

namespace ProSaaS.Application.Calls;

/// <summary>Reads of what the media host reported about a call of one business: its transcript, the details collected, its end.</summary>
public interface ICallMediaQueries
{
    /// <summary>The call's media record; empty when the media host has reported nothing (or the business has no such call).</summary>
    Task<CallMediaRecord> GetAsync(string tenantId, Guid callId, CancellationToken cancellationToken);
}

/// <param name="Transcript">The turns ordered by their place in the call's audio, then by arrival.</param>
/// <param name="CollectedFields">The latest value of each detail the caller gave.</param>
/// <param name="MediaEnd">The media host's end of the call; null until it reports it.</param>
public sealed record CallMediaRecord(
    IReadOnlyList<CallTranscriptTurnView> Transcript,
    IReadOnlyDictionary<string, string> CollectedFields,
    CallMediaEnd? MediaEnd)
{
    public static CallMediaRecord Empty { get; } = new([], new Dictionary<string, string>(), null);
}

/// <summary>One utterance: who said it, what, where in the call's audio (milliseconds from its start), whether the assistant was cut off, and when.</summary>
public sealed record CallTranscriptTurnView(CallSpeaker Speaker, string Text, long OffsetMs, bool Interrupted, DateTimeOffset At);

/// <summary>Why the media host ended its side of the call, when, and the call's figures as it measured them.</summary>
public sealed record CallMediaEnd(CallEndReason Reason, DateTimeOffset At, CallMediaMetrics Metrics);
