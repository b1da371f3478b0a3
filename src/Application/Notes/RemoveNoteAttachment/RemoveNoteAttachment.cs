using MediatR;
using Microsoft.Extensions.Logging;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Files;
using ProSaaS.Domain.Notes;

namespace ProSaaS.Application.Notes.RemoveNoteAttachment;

/// <summary>Removes one file from a note (its author or an admin and up); its blob is deleted right after.</summary>
public sealed record RemoveNoteAttachment(Guid LeadId, Guid NoteId, Guid AttachmentId) : IRequest<bool>;

public sealed class RemoveNoteAttachmentHandler(
    IEventStore eventStore, ILeadNoteQueries notes, IFileCleanup cleanup, IRequestContext context, TimeProvider clock,
    ILogger<RemoveNoteAttachmentHandler> logger) : IRequestHandler<RemoveNoteAttachment, bool>
{
    public async Task<bool> Handle(RemoveNoteAttachment request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        var view = await notes.GetAsync(tenantId, request.LeadId, request.NoteId, cancellationToken)
                   ?? throw new NotFoundException("note", request.NoteId);
        if (view.Attachments.All(a => a.Id != request.AttachmentId))
        {
            throw new NotFoundException("attachment", request.AttachmentId);
        }

        NoteAccess.EnsureCanChange(view, context);
        var note = await eventStore.AggregateStreamAsync<LeadNote>(request.NoteId, cancellationToken: cancellationToken)
                   ?? throw new NotFoundException("note", request.NoteId);
        note.RemoveAttachment(request.AttachmentId, NoteAccess.Actor(context), clock.GetUtcNow());
        await eventStore.SaveAsync(note, cancellationToken);
        await NoteFileSweep.AfterChangeAsync(cleanup, tenantId, logger, cancellationToken);
        return true;
    }
}
