using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;

namespace ProSaaS.Application.Notes.ListLeadNotes;

/// <summary>One page of a lead's notes, oldest first (chronological), each with its files.</summary>
public sealed record ListLeadNotes(Guid LeadId, int Limit = ListLeadNotes.DefaultLimit, string? Next = null) : IRequest<LeadNotePage>
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;
}

/// <summary><see cref="Next"/> is the cursor of the following page, or null on the last page.</summary>
public sealed record LeadNotePage(IReadOnlyList<LeadNoteView> Items, string? Next);

public sealed class ListLeadNotesHandler(ILeadNoteQueries notes, IRequestContext context) : IRequestHandler<ListLeadNotes, LeadNotePage>
{
    public async Task<LeadNotePage> Handle(ListLeadNotes request, CancellationToken cancellationToken)
    {
        NoteCursor.TryDecode(request.Next, out var after);
        // One more than asked tells whether another page exists without a count query.
        var rows = await notes.ListAsync(context.RequireTenant(), request.LeadId, after, request.Limit + 1, cancellationToken)
                   ?? throw new NotFoundException("lead", request.LeadId);
        var items = rows.Take(request.Limit).ToList();
        var next = rows.Count > request.Limit ? new NoteCursor(items[^1].CreatedAt, items[^1].Id).Encode() : null;
        return new LeadNotePage(items, next);
    }
}
