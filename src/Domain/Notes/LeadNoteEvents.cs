using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.Notes;

/// <summary>
/// A note was written on a lead (from the dashboard or the API). <see cref="Text"/> may be empty when the note was
/// created with a file. <see cref="AuthorUserId"/> is the user's id, or <c>key:&lt;id&gt;</c> for an API key.
/// </summary>
[EventType("lead_note_added")]
public sealed record LeadNoteAdded(
    Guid NoteId,
    Guid LeadId,
    string Text,
    string AuthorUserId,
    string AuthorName,
    DateTimeOffset AddedAt) : IDomainEvent;

[EventType("lead_note_edited")]
public sealed record LeadNoteEdited(
    Guid NoteId,
    Guid LeadId,
    string Text,
    string EditedBy,
    DateTimeOffset EditedAt) : IDomainEvent;

/// <summary>The note and its files were deleted; the files' blobs are removed once the read model drops their rows.</summary>
[EventType("lead_note_deleted")]
public sealed record LeadNoteDeleted(
    Guid NoteId,
    Guid LeadId,
    string DeletedBy,
    DateTimeOffset DeletedAt) : IDomainEvent;

/// <summary>
/// A file was attached to the note. <see cref="ContentType"/> is the type found in the file's bytes, never the one the
/// uploader declared; <see cref="StorageKey"/> names the blob in file storage and never derives from the file name.
/// </summary>
[EventType("lead_note_attachment_added")]
public sealed record LeadNoteAttachmentAdded(
    Guid NoteId,
    Guid LeadId,
    Guid AttachmentId,
    string FileName,
    string ContentType,
    long SizeBytes,
    string Sha256,
    string StorageKey,
    string AddedBy,
    DateTimeOffset AddedAt) : IDomainEvent;

[EventType("lead_note_attachment_removed")]
public sealed record LeadNoteAttachmentRemoved(
    Guid NoteId,
    Guid LeadId,
    Guid AttachmentId,
    string StorageKey,
    string RemovedBy,
    DateTimeOffset RemovedAt) : IDomainEvent;
