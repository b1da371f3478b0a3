using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Files;

namespace ProSaaS.Application.Notes.ReceiveNoteFile;

/// <summary>
/// Takes in a file for a note of the current tenant (see <see cref="FileIntake"/>): refused files leave nothing behind;
/// an accepted one is stored and must then be attached (<see cref="AddLeadNote.AddLeadNote"/>) or discarded
/// (<see cref="DiscardReceivedFile"/>). One left alone is deleted after a grace period.
/// </summary>
public sealed record ReceiveNoteFile(string? FileName, string? DeclaredContentType, Stream Content) : IRequest<ReceivedFile>;

public sealed class ReceiveNoteFileHandler(IFileStorage storage, IFileCleanup cleanup, IRequestContext context, TimeProvider clock)
    : IRequestHandler<ReceiveNoteFile, ReceivedFile>
{
    public Task<ReceivedFile> Handle(ReceiveNoteFile request, CancellationToken cancellationToken) =>
        FileIntake.ReceiveAsync(storage, cleanup, context.RequireTenant(), clock.GetUtcNow(),
            request.FileName, request.DeclaredContentType, request.Content, cancellationToken);
}

/// <summary>Deletes a received file that will not be attached (the request that brought it failed).</summary>
public sealed record DiscardReceivedFile(string StorageKey) : IRequest<bool>;

public sealed class DiscardReceivedFileHandler(IFileCleanup cleanup, IRequestContext context) : IRequestHandler<DiscardReceivedFile, bool>
{
    public async Task<bool> Handle(DiscardReceivedFile request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        if (!StorageKeys.BelongsTo(request.StorageKey, tenantId))
        {
            return false;
        }

        await cleanup.DiscardAsync(tenantId, request.StorageKey, cancellationToken);
        return true;
    }
}
