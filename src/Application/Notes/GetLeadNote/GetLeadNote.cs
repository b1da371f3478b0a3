using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;

namespace ProSaaS.Application.Notes.GetLeadNote;

/// <summary>One note of a lead of the current tenant, with its files.</summary>
public sealed record GetLeadNote(Guid LeadId, Guid NoteId) : IRequest<LeadNoteView>;

public sealed class GetLeadNoteHandler(ILeadNoteQueries notes, IRequestContext context) : IRequestHandler<GetLeadNote, LeadNoteView>
{
    public async Task<LeadNoteView> Handle(GetLeadNote request, CancellationToken cancellationToken) =>
        await notes.GetAsync(context.RequireTenant(), request.LeadId, request.NoteId, cancellationToken)
        ?? throw new NotFoundException("note", request.NoteId);
}
