using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using ProSaaS.Application.Files;
using ProSaaS.Infrastructure.ReadModels;

namespace ProSaaS.Infrastructure.Files;

/// <summary>
/// The <c>file_deletions</c> queue and its sweeper, for every kind of blob (notes' files, call recordings). Entries are taken in batches with <c>for update skip locked</c>, so
/// any number of sweepers (the periodic job in every process, the sweep after a delete) share the work without waiting
/// on each other; blobs are deleted before their entries, so a crash in between only repeats a deletion.
/// </summary>
public sealed partial class FileCleanup(
    NpgsqlDataSource dataSource, IFileStorage storage, IOptions<StorageOptions> options, ILogger<FileCleanup> logger) : IFileCleanup
{
    private const int BatchSize = 200;

    public async Task GuardUploadAsync(string tenantId, string storageKey, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        await scope.Connection.ExecuteAsync(new CommandDefinition("""
            insert into file_deletions (tenant_id, storage_key, delete_after)
            values (@tenantId, @storageKey, now() + @grace)
            on conflict (tenant_id, storage_key) do nothing
            """,
            new { tenantId, storageKey, grace = options.Value.UploadGracePeriod }, scope.Transaction, cancellationToken: cancellationToken));
        await scope.CommitAsync(cancellationToken);
    }

    public async Task DiscardAsync(string tenantId, string storageKey, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        // A row that claimed the key after all (a note's file, a call's recording) keeps its blob.
        var claimed = await scope.Connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
            select exists (select 1 from lead_note_attachments where tenant_id = @tenantId and storage_key = @storageKey)
                or exists (select 1 from call_recordings where tenant_id = @tenantId and storage_key = @storageKey)
            """,
            new { tenantId, storageKey }, scope.Transaction, cancellationToken: cancellationToken));
        if (!claimed)
        {
            await storage.DeleteAsync(storageKey, cancellationToken);
        }

        await scope.Connection.ExecuteAsync(new CommandDefinition(
            "delete from file_deletions where tenant_id = @tenantId and storage_key = @storageKey",
            new { tenantId, storageKey }, scope.Transaction, cancellationToken: cancellationToken));
        await scope.CommitAsync(cancellationToken);
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var cleared = 0;
        while (true)
        {
            var (taken, done) = await SweepBatchAsync(TenantScope.AllTenants, cancellationToken);
            cleared += done;
            if (taken < BatchSize)
            {
                return cleared;
            }
        }
    }

    public async Task<int> SweepTenantAsync(string tenantId, CancellationToken cancellationToken) =>
        (await SweepBatchAsync(tenantId, cancellationToken)).Cleared;

    /// <param name="tenantId">One business, or <see cref="TenantScope.AllTenants"/>.</param>
    private async Task<(int Taken, int Cleared)> SweepBatchAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var scope = await TenantScope.OpenAsync(dataSource, tenantId, cancellationToken);
        var due = (await scope.Connection.QueryAsync<(string TenantId, string StorageKey, bool Referenced)>(new CommandDefinition("""
            select d.tenant_id, d.storage_key,
                   exists (select 1 from lead_note_attachments a where a.tenant_id = d.tenant_id and a.storage_key = d.storage_key)
                   or exists (select 1 from call_recordings r where r.tenant_id = d.tenant_id and r.storage_key = d.storage_key)
            from file_deletions d
            where d.delete_after <= now() and (@tenantId = @allTenants or d.tenant_id = @tenantId)
            order by d.delete_after
            limit @BatchSize
            for update of d skip locked
            """, new { tenantId, allTenants = TenantScope.AllTenants, BatchSize }, scope.Transaction, cancellationToken: cancellationToken))).ToList();
        if (due.Count == 0)
        {
            return (0, 0);
        }

        var cleared = new List<(string TenantId, string StorageKey)>();
        foreach (var entry in due)
        {
            try
            {
                // A key a row references again (an entry that outlived a rebuild) keeps its blob; the entry goes.
                if (!entry.Referenced && StorageKeys.IsValid(entry.StorageKey))
                {
                    await storage.DeleteAsync(entry.StorageKey, cancellationToken);
                }

                cleared.Add((entry.TenantId, entry.StorageKey));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogDeleteFailed(ex, entry.StorageKey);
            }
        }

        if (cleared.Count > 0)
        {
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                "delete from file_deletions d using unnest(@TenantIds, @Keys) as x(t, k) where d.tenant_id = x.t and d.storage_key = x.k",
                new { TenantIds = cleared.Select(c => c.TenantId).ToArray(), Keys = cleared.Select(c => c.StorageKey).ToArray() },
                scope.Transaction, cancellationToken: cancellationToken));
        }

        await scope.CommitAsync(cancellationToken);
        if (cleared.Count > 0)
        {
            LogSwept(cleared.Count);
        }

        // A batch whose blobs all failed to delete stops the sweep rather than spinning on them.
        return (cleared.Count == 0 ? 0 : due.Count, cleared.Count);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the blob {StorageKey}; the next sweep retries")]
    private partial void LogDeleteFailed(Exception exception, string storageKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} file(s) of removed attachments")]
    private partial void LogSwept(int count);
}
