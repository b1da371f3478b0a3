using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.Calls;

/// <summary>
/// The call's recording (a two-channel WAV: the caller and the assistant) was stored under <see cref="StorageKey"/>.
/// <see cref="Sha256"/> is the lower-case hex digest of its bytes (a retry of the same file is recognised by it);
/// <see cref="ExpiresAt"/> is when the business's retention, as it stood then, ends. <see cref="LeadId"/> is the call's
/// lead when the recording was stored.
/// </summary>
[EventType("call_recording_stored")]
public sealed record CallRecordingStored(
    Guid CallId,
    Guid? LeadId,
    long Bytes,
    long DurationMs,
    string Sha256,
    string StorageKey,
    DateTimeOffset StoredAt,
    DateTimeOffset ExpiresAt) : IDomainEvent;

/// <summary>The call's recording was deleted (its audio is gone) for <see cref="Reason"/>.</summary>
[EventType("call_recording_deleted")]
public sealed record CallRecordingDeleted(
    Guid CallId,
    Guid? LeadId,
    RecordingDeletionReason Reason,
    DateTimeOffset DeletedAt) : IDomainEvent;
