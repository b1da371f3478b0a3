using Microsoft.Extensions.Logging;
using ProSaaS.Application.Files;

namespace ProSaaS.Application.Notes;

internal static class NoteFileSweep
{
    /// <summary>
    /// Right after a change that dropped attachment rows: deletes the queued blobs. The change itself has committed, so a
    /// failure here is only logged; the periodic sweep retries.
    /// </summary>
    public static async Task AfterChangeAsync(IFileCleanup cleanup, string tenantId, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            await cleanup.SweepTenantAsync(tenantId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Deleting the files of removed attachments failed; the periodic sweep will retry");
        }
    }
}
