using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.Calls;

/// <summary>
/// One finished utterance of the call, as the media host transcribed it. <see cref="OffsetMs"/> is from the start of the
/// call's audio stream (where it is heard in the recording); <see cref="Interrupted"/> tells that the assistant was cut
/// off by the caller. <see cref="CommandId"/> is the media host's id of the report: the same report is recorded once.
/// </summary>
[EventType("call_transcript_turn")]
public sealed record CallTranscriptTurn(
    Guid CallId,
    Guid? LeadId,
    Guid CommandId,
    CallSpeaker Speaker,
    string Text,
    long OffsetMs,
    bool Interrupted,
    DateTimeOffset At) : IDomainEvent;

/// <summary>Details the caller gave during the call, by lead field key, as heard and normalised by the call's behaviour.</summary>
[EventType("call_fields_collected")]
public sealed record CallFieldsCollected(
    Guid CallId,
    Guid? LeadId,
    Guid CommandId,
    IReadOnlyDictionary<string, string> Fields,
    DateTimeOffset CollectedAt) : IDomainEvent;

/// <summary>
/// The media host's side of the call ended: why (<see cref="EndReason"/>, one of the media host's reasons) and the call's
/// figures. Recorded whether or not the call was still live: when the provider's end came first, the call keeps that end
/// and this keeps the media host's account of it.
/// </summary>
[EventType("call_media_ended")]
public sealed record CallMediaEnded(
    Guid CallId,
    Guid? LeadId,
    Guid CommandId,
    CallEndReason EndReason,
    CallMediaMetrics Metrics,
    DateTimeOffset EndedAt) : IDomainEvent;
