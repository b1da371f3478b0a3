using Microsoft.Extensions.Options;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Calls;
using ProSaaS.MediaHost.Hosting;

namespace ProSaaS.MediaHost.Outbox;

/// <summary>
/// Starts the disk outbox with the host when its folder holds a journal (what a previous run left is sent again at once), and at
/// shutdown keeps delivering for up to <see cref="OutboxOptions.ShutdownGraceSeconds"/> so that the last calls' facts leave
/// before the process does. Registered before the call handling, it stops after it. It never resolves
/// <see cref="ICallOutbox"/> (a test may stand its own in for it).
/// </summary>
internal sealed partial class OutboxHostedService(
    CallOutbox outbox,
    IOptions<OutboxOptions> options,
    IOptions<ApiOptions> api,
    ILogger<OutboxHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!MediaHostContract.IsValidServiceKey(api.Value.ServiceKey))
        {
            LogNoServiceKey();
        }

        if (outbox.HasJournal)
        {
            await outbox.StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (outbox.PendingCount == 0)
        {
            return;
        }

        using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        grace.CancelAfter(options.Value.ShutdownGrace);
        try
        {
            await outbox.WhenIdleAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            LogLeftPending(outbox.PendingCount, outbox.RootPath);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Api:ServiceKey is not set or shorter than 32 bytes: the Api will refuse this media host's call commands and heartbeats")]
    private partial void LogNoServiceKey();

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Outbox: {Count} entries not yet delivered at shutdown; they stay in {Path} and are sent at the next start")]
    private partial void LogLeftPending(int count, string path);
}
