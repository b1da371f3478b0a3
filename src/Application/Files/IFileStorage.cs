namespace ProSaaS.Application.Files;

/// <summary>
/// Where file contents (blobs) live: a folder on disk today, object storage later. Keys come from
/// <see cref="StorageKeys"/> (<c>{tenantId}/{yyyy}/{MM}/{id}</c>) and never from a file's own name; an adapter refuses any
/// other shape, so no key can reach outside its store.
/// </summary>
public interface IFileStorage
{
    /// <summary>
    /// Writes the whole stream under <paramref name="key"/>. The blob appears only once complete: a failed or cancelled
    /// write (including one the stream itself aborts) leaves nothing under the key. An existing key is never overwritten.
    /// </summary>
    Task SaveAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>The blob for reading (the caller disposes it), or null when there is none.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes the blob; false when there was none (which callers treat as done).</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);
}
