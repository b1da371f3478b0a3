using ProSaaS.Domain.Calls;

namespace ProSaaS.Application.Calls.CallAudit;

/// <summary>Who or what caused an event: its kind (<see cref="CallActorKinds"/>) and a name when there is one.</summary>
public sealed record CallActor(string Kind, string? Name);

/// <summary>The kinds of <see cref="CallActor"/>.</summary>
public static class CallActorKinds
{
    public const string Twilio = "twilio";
    public const string MediaHost = "media_host";
    public const string User = "user";
    public const string ApiKey = "api_key";
    public const string System = "system";
}

/// <summary>
/// One event of a call's stream, oldest first: its place (<see cref="Version"/>), its type, when it happened
/// (<see cref="At"/>, the moment the event names) and was recorded, who or what caused it, a short detail and, for a
/// transcript turn, who spoke.
/// </summary>
public sealed record CallAuditEvent(
    long Version,
    string Type,
    DateTimeOffset At,
    DateTimeOffset RecordedAt,
    CallActor Actor,
    string? Detail,
    CallStatus StatusAfter,
    CallSpeaker? Speaker);

/// <summary>The call's events and how many there are (<see cref="Version"/>: the stream's version).</summary>
public sealed record CallAuditTrail(Guid CallId, long Version, IReadOnlyList<CallAuditEvent> Events);

/// <summary>
/// The call as it stood right after the event at <see cref="Version"/>, replayed from its stream: status, direction,
/// numbers, lead, times, end, the transcript and the collected details so far, the media host's end and whether a
/// recording was kept. <see cref="LatestVersion"/> is the stream's version now.
/// </summary>
public sealed record CallStateView(
    Guid CallId,
    long Version,
    long LatestVersion,
    string EventType,
    DateTimeOffset At,
    CallDirection Direction,
    CallStatus Status,
    bool IsLive,
    string? From,
    string? To,
    Guid? LeadId,
    string? LeadName,
    DateTimeOffset StartedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? EndedAt,
    int? DurationSeconds,
    CallEndReason? EndReason,
    CallRejectionReason? RejectionReason,
    CallEndReason? MediaEndReason,
    bool HasRecording,
    int? PromptVersion,
    IReadOnlyList<CallTranscriptTurnView> Transcript,
    IReadOnlyDictionary<string, string> CollectedFields);
