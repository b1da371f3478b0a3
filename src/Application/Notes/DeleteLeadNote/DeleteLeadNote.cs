using MediatR;
using Microsoft.Extensions.Logging;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Files;
using ProSaaS.Domain.Notes;

namespace ProSaaS.Application.Notes.DeleteLeadNote;

/// <summary>Deletes a note with its files (its author or an admin and up); the files' blobs are deleted right after.</summary>
public sealed record DeleteLeadNote(Guid LeadId, Guid NoteId) : IRequest<bool>;

public sealed class DeleteLeadNoteHandler(
    IEventStore eventStore, ILeadNoteQueries notes, IFileCleanup cleanup, IRequestContext context, TimeProvider clock,
    ILogger<DeleteLeadNoteHandler> logger) : IRequestHandler<DeleteLeadNote, bool>
{
    public async Task<bool> Handle(DeleteLeadNote request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        var view = await notes.GetAsync(tenantId, request.LeadId, request.NoteId, cancellationToken)
                   ?? throw new NotFoundException("note", request.NoteId);
        NoteAccess.EnsureCanChange(view, context);

        var note = await eventStore.AggregateStreamAsync<LeadNote>(request.NoteId, cancellationToken: cancellationToken)
                   ?? throw new NotFoundException("note", request.NoteId);
        note.Delete(NoteAccess.Actor(context), clock.GetUtcNow());
        await eventStore.SaveAsync(note, cancellationToken);
        await NoteFileSweep.AfterChangeAsync(cleanup, tenantId, logger, cancellationToken);
        return true;
    }
}
