using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Notes;

namespace ProSaaS.Application.Notes.EditLeadNote;

/// <summary>
/// Replaces a note's text (its author or an admin and up). With <see cref="ExpectedVersion"/> the edit applies only if
/// nobody changed the note since the caller read it (409 otherwise).
/// </summary>
public sealed record EditLeadNote(Guid LeadId, Guid NoteId, string? Text, long? ExpectedVersion = null) : IRequest<LeadNoteView>;

public sealed class EditLeadNoteHandler(IEventStore eventStore, ILeadNoteQueries notes, IRequestContext context, TimeProvider clock)
    : IRequestHandler<EditLeadNote, LeadNoteView>
{
    public async Task<LeadNoteView> Handle(EditLeadNote request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        var view = await notes.GetAsync(tenantId, request.LeadId, request.NoteId, cancellationToken)
                   ?? throw new NotFoundException("note", request.NoteId);
        NoteAccess.EnsureCanChange(view, context);

        var note = await eventStore.AggregateStreamAsync<LeadNote>(request.NoteId, cancellationToken: cancellationToken)
                   ?? throw new NotFoundException("note", request.NoteId);
        if (request.ExpectedVersion is { } expected && expected != note.Version)
        {
            throw new ConcurrencyException(request.NoteId, expected, note.Version);
        }

        note.Edit(request.Text, NoteAccess.Actor(context), clock.GetUtcNow());
        await eventStore.SaveAsync(note, cancellationToken);
        return await notes.GetAsync(tenantId, request.LeadId, request.NoteId, cancellationToken)
               ?? throw new NotFoundException("note", request.NoteId);
    }
}
