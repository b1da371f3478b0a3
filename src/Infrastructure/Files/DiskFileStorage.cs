using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ProSaaS.Application.Files;

namespace ProSaaS.Infrastructure.Files;

/// <summary>
/// Blobs as files under <see cref="StorageOptions.Path"/>, one per key (<c>{tenant}/{yyyy}/{MM}/{id}</c>). A write goes
/// to a temporary file in the same folder and is renamed into place only when complete, so a key never shows a partial
/// blob. Keys of any other shape are refused, and every resolved path is checked to stay inside the root.
/// </summary>
public sealed class DiskFileStorage : IFileStorage
{
    private const string TemporarySuffix = ".uploading";
    private readonly string _root;

    public DiskFileStorage(IOptions<StorageOptions> options, IHostEnvironment? environment = null)
    {
        var configured = options.Value.Path;
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException("Storage:Path must name a folder.");
        }

        var baseDirectory = environment?.ContentRootPath ?? Directory.GetCurrentDirectory();
        _root = Path.GetFullPath(Path.IsPathRooted(configured) ? configured : Path.Combine(baseDirectory, configured));
        _root = Path.TrimEndingDirectorySeparator(_root) + Path.DirectorySeparatorChar;
    }

    /// <summary>The absolute folder blobs are kept in.</summary>
    public string Root => _root;

    public async Task SaveAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + TemporarySuffix;
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, 81920, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            // Atomic on one file system; never replaces an existing blob.
            File.Move(temporary, path, overwrite: false);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        try
        {
            return Task.FromResult<Stream?>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.Asynchronous));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return Task.FromResult(false);
        }

        try
        {
            File.Delete(path);
            return Task.FromResult(true);
        }
        catch (DirectoryNotFoundException)
        {
            return Task.FromResult(false);
        }
    }

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathOf(key)));

    private string PathOf(string key)
    {
        if (!StorageKeys.IsValid(key))
        {
            throw new ArgumentException($"'{key}' is not a storage key.", nameof(key));
        }

        var path = Path.GetFullPath(Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar)));
        if (!path.StartsWith(_root, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{key}' resolves outside the file store.", nameof(key));
        }

        return path;
    }
}
