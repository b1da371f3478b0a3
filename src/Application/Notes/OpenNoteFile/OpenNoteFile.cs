using MediatR;
using Microsoft.Extensions.Logging;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Files;
using ProSaaS.Domain.Files;

namespace ProSaaS.Application.Notes.OpenNoteFile;

/// <summary>The content of one file of a note of the current tenant, for download.</summary>
public sealed record OpenNoteFile(Guid LeadId, Guid NoteId, Guid AttachmentId) : IRequest<NoteFileContent>;

/// <param name="ContentType">The sniffed type the file was stored with.</param>
/// <param name="IsImage">Whether the file may be shown in the page rather than downloaded.</param>
/// <param name="Content">The blob; the caller disposes it.</param>
public sealed record NoteFileContent(string FileName, string ContentType, bool IsImage, long SizeBytes, string Sha256, Stream Content);

public sealed class OpenNoteFileHandler(ILeadNoteQueries notes, IFileStorage storage, IRequestContext context, ILogger<OpenNoteFileHandler> logger)
    : IRequestHandler<OpenNoteFile, NoteFileContent>
{
    public async Task<NoteFileContent> Handle(OpenNoteFile request, CancellationToken cancellationToken)
    {
        var file = await notes.GetFileAsync(context.RequireTenant(), request.LeadId, request.NoteId, request.AttachmentId, cancellationToken)
                   ?? throw new NotFoundException("attachment", request.AttachmentId);
        var content = await storage.OpenReadAsync(file.StorageKey, cancellationToken);
        if (content is null)
        {
            logger.LogError("The blob {StorageKey} of attachment {AttachmentId} is missing from file storage", file.StorageKey, file.Id);
            throw new NotFoundException("attachment", request.AttachmentId);
        }

        var isImage = FileType.All.Any(t => t.IsImage && t.MediaType == file.ContentType);
        return new NoteFileContent(file.FileName, file.ContentType, isImage, file.SizeBytes, file.Sha256, content);
    }
}
