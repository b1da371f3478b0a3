using MediatR;
using Microsoft.Extensions.Logging;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Files;
using ProSaaS.Domain.Calls;

namespace ProSaaS.Application.Calls.DeleteExpiredRecordings;

/// <summary>
/// Deletes the recordings of every business that are past its retention: each deletion is recorded on its call
/// (<c>call_recording_deleted</c>, reason <c>retention</c>), which removes its row and queues its file in the same
/// transaction; the files are then deleted from storage. Several processes may run this at once: a recording is deleted
/// once. Answers how many recordings were deleted.
/// </summary>
/// <param name="Limit">The most recordings deleted in one run; the next run continues.</param>
public sealed record DeleteExpiredRecordings(int Limit = DeleteExpiredRecordings.DefaultLimit) : IRequest<int>
{
    public const int DefaultLimit = 200;
}

public sealed partial class DeleteExpiredRecordingsHandler(
    ICallRecordingQueries recordings, IEventStore events, IFileCleanup cleanup, TimeProvider clock, ILogger<DeleteExpiredRecordingsHandler> logger)
    : IRequestHandler<DeleteExpiredRecordings, int>
{
    public async Task<int> Handle(DeleteExpiredRecordings request, CancellationToken cancellationToken)
    {
        var expired = await recordings.FindExpiredAsync(clock.GetUtcNow(), request.Limit, cancellationToken);
        var deleted = 0;
        var businesses = new HashSet<string>(StringComparer.Ordinal);
        foreach (var recording in expired)
        {
            var store = events.ForTenant(recording.TenantId);
            var done = await ConcurrencyRetry.RunAsync(retry: true, async () =>
            {
                var call = await store.AggregateStreamAsync<Call>(recording.CallId, cancellationToken: cancellationToken);
                if (call is null || !call.DeleteRecording(RecordingDeletionReason.Retention, clock.GetUtcNow()))
                {
                    return false;
                }

                await store.SaveAsync(call, cancellationToken);
                return true;
            });
            if (done)
            {
                deleted++;
                businesses.Add(recording.TenantId);
                LogDeleted(recording.TenantId, recording.CallId, recording.ExpiresAt);
            }
            else
            {
                LogNothingToDelete(recording.TenantId, recording.CallId);
            }
        }

        foreach (var business in businesses)
        {
            try
            {
                await cleanup.SweepTenantAsync(business, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The deletions stand and their files are queued: the periodic file sweep deletes them.
                LogSweepFailed(ex, business);
            }
        }

        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted the recording of call {CallId} of business {TenantId}: its retention ended at {ExpiresAt}")]
    private partial void LogDeleted(string tenantId, Guid callId, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The recording of call {CallId} of business {TenantId} was deleted meanwhile")]
    private partial void LogNothingToDelete(string tenantId, Guid callId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting the files of expired recordings of business {TenantId} failed; the periodic sweep will retry")]
    private partial void LogSweepFailed(Exception exception, string tenantId);
}
