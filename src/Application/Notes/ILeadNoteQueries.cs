using ProSaaS.Application.Common.Paging;
namespace ProSaaS.Application.Notes;

/// <summary>Reads of the <c>lead_notes</c> and <c>lead_note_attachments</c> read models. Every method is scoped to one tenant.</summary>
public interface ILeadNoteQueries
{
    /// <summary>One note of the lead with its files, or null (no such note, another lead's, another tenant's, or deleted).</summary>
    Task<LeadNoteView?> GetAsync(string tenantId, Guid leadId, Guid noteId, CancellationToken cancellationToken);

    /// <summary>
    /// Oldest first, each note with its files, in two queries. Null when the tenant has no such lead.
    /// <paramref name="after"/> continues after the last note of the previous page.
    /// </summary>
    Task<IReadOnlyList<LeadNoteView>?> ListAsync(string tenantId, Guid leadId, NoteCursor? after, int limit, CancellationToken cancellationToken);

    /// <summary>One file of a note with the key of its blob, or null.</summary>
    Task<StoredNoteFile?> GetFileAsync(string tenantId, Guid leadId, Guid noteId, Guid attachmentId, CancellationToken cancellationToken);
}

/// <param name="AuthorUserId">The author's user id, or <c>key:&lt;id&gt;</c> for an API key.</param>
/// <param name="Version">The note's version, for <c>expectedVersion</c> on an edit.</param>
public sealed record LeadNoteView(
    Guid Id,
    Guid LeadId,
    string Text,
    string AuthorUserId,
    string AuthorName,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    long Version,
    IReadOnlyList<NoteFileView> Attachments);

/// <param name="ContentType">The type found in the file's bytes, which is also the type it is served with.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the content.</param>
public sealed record NoteFileView(Guid Id, string FileName, string ContentType, long SizeBytes, string Sha256, DateTimeOffset CreatedAt);

public sealed record StoredNoteFile(Guid Id, Guid NoteId, string FileName, string ContentType, long SizeBytes, string Sha256, string StorageKey);

/// <summary>Position in the oldest-first order: the last note a page returned.</summary>
public sealed record NoteCursor(DateTimeOffset CreatedAt, Guid Id)
{
    public string Encode() => CursorText.EncodeMoment(CreatedAt, Id);

    public static bool TryDecode(string? value, out NoteCursor? cursor)
    {
        cursor = CursorText.TryDecodeMoment(value, out var at, out var id) ? new NoteCursor(at, id) : null;
        return cursor is not null;
    }
}
