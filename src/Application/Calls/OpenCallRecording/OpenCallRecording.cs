using MediatR;
using Microsoft.Extensions.Logging;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Files;

namespace ProSaaS.Application.Calls.OpenCallRecording;

/// <summary>The recording of one call of the current business, for download: 404 when it has none, or it was deleted or has expired.</summary>
public sealed record OpenCallRecording(Guid CallId) : IRequest<CallRecordingContent>;

/// <param name="Content">The WAV file; the caller disposes it.</param>
public sealed record CallRecordingContent(CallRecordingView Recording, Stream Content);

public sealed partial class OpenCallRecordingHandler(
    ICallRecordingQueries recordings, IFileStorage storage, IRequestContext context, TimeProvider clock, ILogger<OpenCallRecordingHandler> logger)
    : IRequestHandler<OpenCallRecording, CallRecordingContent>
{
    public async Task<CallRecordingContent> Handle(OpenCallRecording request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        var recording = await recordings.GetAsync(tenantId, request.CallId, clock.GetUtcNow(), cancellationToken)
                        ?? throw new NotFoundException("recording", request.CallId);
        var content = await storage.OpenReadAsync(recording.StorageKey, cancellationToken);
        if (content is null)
        {
            LogBlobMissing(recording.StorageKey, request.CallId);
            throw new NotFoundException("recording", request.CallId);
        }

        return new CallRecordingContent(recording, content);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The blob {StorageKey} of the recording of call {CallId} is missing from file storage")]
    private partial void LogBlobMissing(string storageKey, Guid callId);
}
