using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.Notes;

/// <summary>
/// A free-text note on a lead, with files (images, PDFs, documents). Separate from call and WhatsApp logs. A note has
/// text, at least one file, or both; it can be edited and deleted. Each note is a stream of its own.
/// </summary>
[StreamType("lead_note")]
public sealed class LeadNote : AggregateRoot
{
    public const int MaxTextLength = 10_000;
    public const int MaxAttachments = 20;
    public const string EmptyCode = "note.empty";
    public const string DeletedCode = "note.deleted";

    private readonly List<NoteAttachment> _attachments = [];

    private LeadNote()
    {
    }

    public Guid LeadId { get; private set; }
    public string Text { get; private set; } = "";
    public string AuthorUserId { get; private set; } = "";
    public string AuthorName { get; private set; } = "";
    public DateTimeOffset AddedAt { get; private set; }
    public DateTimeOffset? EditedAt { get; private set; }
    public bool IsDeleted { get; private set; }
    public IReadOnlyList<NoteAttachment> Attachments => _attachments;

    /// <summary>Writes a note, optionally with its first file (a note of a file alone has empty text).</summary>
    public static LeadNote Add(
        Guid noteId, Guid leadId, string? text, string authorUserId, string authorName, DateTimeOffset addedAt, NoteAttachment? file = null)
    {
        if (noteId == Guid.Empty || leadId == Guid.Empty)
        {
            throw new DomainException("note.id_required", "לפתק חייבים להיות מזהה ומזהה ליד.");
        }

        if (string.IsNullOrWhiteSpace(authorUserId))
        {
            throw new DomainException("note.author_required", "לפתק חייב להיות כותב.");
        }

        var clean = CleanText(text);
        if (clean.Length == 0 && file is null)
        {
            throw new DomainException(EmptyCode, "פתק חייב לכלול טקסט או קובץ.");
        }

        var note = new LeadNote();
        note.Raise(new LeadNoteAdded(noteId, leadId, clean, authorUserId, string.IsNullOrWhiteSpace(authorName) ? authorUserId : authorName.Trim(), addedAt));
        if (file is not null)
        {
            note.Attach(file, authorUserId, addedAt);
        }

        return note;
    }

    /// <summary>Replaces the text. The same text changes nothing; empty text is allowed only while the note has files.</summary>
    public void Edit(string? text, string editedBy, DateTimeOffset editedAt)
    {
        EnsureNotDeleted();
        var clean = CleanText(text);
        if (clean.Length == 0 && _attachments.Count == 0)
        {
            throw new DomainException(EmptyCode, "פתק ללא קבצים חייב לכלול טקסט; כדי להסירו, מחקו את הפתק.");
        }

        if (string.Equals(clean, Text, StringComparison.Ordinal))
        {
            return;
        }

        Raise(new LeadNoteEdited(Id, LeadId, clean, editedBy, editedAt));
    }

    /// <summary>Deletes the note with its files. Deleting a deleted note changes nothing.</summary>
    public void Delete(string deletedBy, DateTimeOffset deletedAt)
    {
        if (IsDeleted)
        {
            return;
        }

        Raise(new LeadNoteDeleted(Id, LeadId, deletedBy, deletedAt));
    }

    public void Attach(NoteAttachment file, string addedBy, DateTimeOffset addedAt)
    {
        ArgumentNullException.ThrowIfNull(file);
        EnsureNotDeleted();
        if (_attachments.Count >= MaxAttachments)
        {
            throw new DomainException("note.too_many_files", $"לפתק אפשר לצרף עד {MaxAttachments} קבצים.");
        }

        if (_attachments.Any(a => a.Id == file.Id))
        {
            throw new DomainException("note.file_exists", "הקובץ כבר מצורף לפתק.");
        }

        Raise(new LeadNoteAttachmentAdded(
            Id, LeadId, file.Id, file.FileName, file.ContentType, file.SizeBytes, file.Sha256, file.StorageKey, addedBy, addedAt));
    }

    /// <summary>Removes one file. The last file of a note without text cannot go: the note would be empty (delete it instead).</summary>
    public void RemoveAttachment(Guid attachmentId, string removedBy, DateTimeOffset removedAt)
    {
        EnsureNotDeleted();
        var file = _attachments.FirstOrDefault(a => a.Id == attachmentId)
                   ?? throw new DomainException("note.file_unknown", "הקובץ אינו מצורף לפתק.");
        if (_attachments.Count == 1 && Text.Length == 0)
        {
            throw new DomainException(EmptyCode, "זהו הקובץ היחיד בפתק ללא טקסט; מחקו את הפתק כולו או הוסיפו לו טקסט.");
        }

        Raise(new LeadNoteAttachmentRemoved(Id, LeadId, file.Id, file.StorageKey, removedBy, removedAt));
    }

    /// <summary>Trims surrounding white space and unifies line ends; refuses text over <see cref="MaxTextLength"/>.</summary>
    public static string CleanText(string? text)
    {
        var clean = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (clean.Length > MaxTextLength)
        {
            throw new DomainException("note.text_too_long", $"הטקסט ארוך מדי (עד {MaxTextLength:N0} תווים).");
        }

        return clean;
    }

    private void EnsureNotDeleted()
    {
        if (IsDeleted)
        {
            throw new DomainException(DeletedCode, "הפתק נמחק.");
        }
    }

    protected override void Apply(IDomainEvent @event)
    {
        switch (@event)
        {
            case LeadNoteAdded e:
                Id = e.NoteId;
                LeadId = e.LeadId;
                Text = e.Text;
                AuthorUserId = e.AuthorUserId;
                AuthorName = e.AuthorName;
                AddedAt = e.AddedAt;
                break;
            case LeadNoteEdited e:
                Text = e.Text;
                EditedAt = e.EditedAt;
                break;
            case LeadNoteDeleted:
                IsDeleted = true;
                _attachments.Clear();
                break;
            case LeadNoteAttachmentAdded e:
                _attachments.Add(new NoteAttachment(e.AttachmentId, e.FileName, e.ContentType, e.SizeBytes, e.Sha256, e.StorageKey));
                break;
            case LeadNoteAttachmentRemoved e:
                _attachments.RemoveAll(a => a.Id == e.AttachmentId);
                break;
            default:
                throw new InvalidOperationException($"LeadNote cannot apply {@event.GetType().Name}.");
        }
    }
}

/// <summary>A file of a note as stored: the content type is the sniffed one; the key names the blob.</summary>
public sealed record NoteAttachment(Guid Id, string FileName, string ContentType, long SizeBytes, string Sha256, string StorageKey);
