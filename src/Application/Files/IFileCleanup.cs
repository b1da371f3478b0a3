namespace ProSaaS.Application.Files;

/// <summary>
/// Keeps blobs from outliving the rows that reference them. Removing an attachment row (directly, with its note, or with
/// its lead) or a call recording's row (deleted, or gone with its call's lead) queues its blob in the same transaction; <see cref="SweepAsync"/> then deletes the queued blobs. A blob being
/// uploaded is queued too, to be deleted after a grace period unless its attachment row is recorded first, so that a
/// refused request or a crash mid-upload cannot leave an unreferenced blob behind.
/// </summary>
public interface IFileCleanup
{
    /// <summary>Before a blob is written: it will be deleted after the grace period unless an attachment row claims it.</summary>
    Task GuardUploadAsync(string tenantId, string storageKey, CancellationToken cancellationToken);

    /// <summary>A blob that will not be used (its request failed): deleted now, with its queue entry.</summary>
    Task DiscardAsync(string tenantId, string storageKey, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes every due queued blob from storage, then its queue entry. Idempotent and safe to run concurrently; a blob
    /// already missing counts as deleted; a key that a row references again is kept. Returns how many entries it cleared.
    /// </summary>
    Task<int> SweepAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The same for one business and one batch only: what a request that just removed files runs before it answers, so
    /// that a backlog elsewhere never slows it down (the periodic sweep takes care of that).
    /// </summary>
    Task<int> SweepTenantAsync(string tenantId, CancellationToken cancellationToken);
}
