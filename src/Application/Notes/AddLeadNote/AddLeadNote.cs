using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Files;
using ProSaaS.Application.Leads;
using ProSaaS.Application.Users;
using ProSaaS.Domain.Notes;

namespace ProSaaS.Application.Notes.AddLeadNote;

/// <summary>
/// Writes a note on a lead of the current tenant: text, a file already received (<see cref="ReceiveNoteFile.ReceiveNoteFile"/>),
/// or both. The caller discards the received file if this fails.
/// </summary>
public sealed record AddLeadNote(Guid LeadId, string? Text, ReceivedFile? File = null) : IRequest<LeadNoteView>;

public sealed class AddLeadNoteHandler(
    IEventStore eventStore, ILeadQueries leads, ILeadNoteQueries notes, IUserQueries users, IRequestContext context, TimeProvider clock)
    : IRequestHandler<AddLeadNote, LeadNoteView>
{
    public async Task<LeadNoteView> Handle(AddLeadNote request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        _ = await leads.GetAsync(tenantId, request.LeadId, cancellationToken) ?? throw new NotFoundException("lead", request.LeadId);
        if (request.File is { } received && !StorageKeys.BelongsTo(received.StorageKey, tenantId))
        {
            throw new InvalidOperationException("A received file of another tenant cannot be attached.");
        }

        var now = clock.GetUtcNow();
        var file = request.File is { } f
            ? new NoteAttachment(Guid.CreateVersion7(now), f.FileName, f.ContentType, f.SizeBytes, f.Sha256, f.StorageKey)
            : null;
        var note = LeadNote.Add(Guid.CreateVersion7(now), request.LeadId, request.Text, NoteAccess.Actor(context),
            await NoteAccess.AuthorNameAsync(users, context, cancellationToken), now, file);
        await eventStore.SaveAsync(note, cancellationToken);

        // The projection refuses the note if the lead was deleted meanwhile (404), so the note is there to read.
        return await notes.GetAsync(tenantId, request.LeadId, note.Id, cancellationToken)
               ?? throw new NotFoundException("lead", request.LeadId);
    }
}
