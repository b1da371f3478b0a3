using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Files;
using ProSaaS.Domain.Common;
using ProSaaS.Domain.Notes;

namespace ProSaaS.Application.Notes.AddNoteAttachment;

/// <summary>
/// Adds one file to an existing note (its author or an admin and up). The note is checked before any byte is stored;
/// the file is taken in as it streams (<see cref="FileIntake"/>) and deleted again if the note cannot take it.
/// </summary>
public sealed record AddNoteAttachment(Guid LeadId, Guid NoteId, string? FileName, string? DeclaredContentType, Stream Content)
    : IRequest<NoteFileView>;

public sealed class AddNoteAttachmentHandler(
    IEventStore eventStore, ILeadNoteQueries notes, IFileStorage storage, IFileCleanup cleanup, IRequestContext context, TimeProvider clock)
    : IRequestHandler<AddNoteAttachment, NoteFileView>
{
    public async Task<NoteFileView> Handle(AddNoteAttachment request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        var view = await notes.GetAsync(tenantId, request.LeadId, request.NoteId, cancellationToken)
                   ?? throw new NotFoundException("note", request.NoteId);
        NoteAccess.EnsureCanChange(view, context);
        if (view.Attachments.Count >= LeadNote.MaxAttachments)
        {
            throw new DomainException("note.too_many_files", $"לפתק אפשר לצרף עד {LeadNote.MaxAttachments} קבצים.");
        }

        var received = await FileIntake.ReceiveAsync(storage, cleanup, tenantId, clock.GetUtcNow(),
            request.FileName, request.DeclaredContentType, request.Content, cancellationToken);
        var attachmentId = Guid.CreateVersion7(clock.GetUtcNow());
        try
        {
            var note = await eventStore.AggregateStreamAsync<LeadNote>(request.NoteId, cancellationToken: cancellationToken)
                       ?? throw new NotFoundException("note", request.NoteId);
            var now = clock.GetUtcNow();
            note.Attach(new NoteAttachment(attachmentId, received.FileName, received.ContentType, received.SizeBytes,
                received.Sha256, received.StorageKey), NoteAccess.Actor(context), now);
            await eventStore.SaveAsync(note, cancellationToken);
        }
        catch
        {
            await cleanup.DiscardAsync(tenantId, received.StorageKey, CancellationToken.None);
            throw;
        }

        var updated = await notes.GetAsync(tenantId, request.LeadId, request.NoteId, cancellationToken);
        return updated?.Attachments.FirstOrDefault(a => a.Id == attachmentId) ?? throw new NotFoundException("note", request.NoteId);
    }
}
