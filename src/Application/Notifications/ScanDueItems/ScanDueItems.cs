using MediatR;
using Microsoft.Extensions.Logging;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Common;
using ProSaaS.Domain.Reminders;
using ProSaaS.Domain.WorkTasks;

namespace ProSaaS.Application.Notifications.ScanDueItems;

/// <summary>
/// Notifies every item that has come due, in every business: appends <c>reminder_came_due</c> or <c>task_came_due</c>
/// to the item's stream at the version it was read at, and the inline projections write the notification. Scans may run
/// at once in several processes: an item is notified by the append that wins, and the others' concurrency errors are
/// expected and ignored, so each due time is notified once.
/// </summary>
public sealed record ScanDueItems(int BatchSize = ScanDueItems.DefaultBatchSize) : IRequest<DueScanResult>
{
    public const int DefaultBatchSize = 200;

    /// <summary>Batches per scan at most; what is left waits for the next scan.</summary>
    public const int MaxBatches = 10;
}

/// <param name="Notified">Items this scan notified.</param>
/// <param name="Lost">Items another writer changed or notified first.</param>
public sealed record DueScanResult(int Notified, int Lost);

public sealed partial class ScanDueItemsHandler(IDueItemQueries dueItems, IEventStore eventStore, TimeProvider clock, ILogger<ScanDueItemsHandler> logger)
    : IRequestHandler<ScanDueItems, DueScanResult>
{
    public async Task<DueScanResult> Handle(ScanDueItems request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var notified = 0;
        var lost = 0;
        for (var batch = 0; batch < ScanDueItems.MaxBatches; batch++)
        {
            var items = await dueItems.FindDueAsync(now, request.BatchSize, cancellationToken);
            var progress = 0;
            foreach (var item in items)
            {
                try
                {
                    var store = eventStore.ForTenant(item.TenantId);
                    var cameDue = item.Kind switch
                    {
                        DueItemKind.Reminder => await ComeDueAsync<Reminder>(store, item.Id, r => r.ComeDue(now), cancellationToken),
                        DueItemKind.Task => await ComeDueAsync<WorkTask>(store, item.Id, t => t.ComeDue(now), cancellationToken),
                        _ => false,
                    };
                    if (cameDue)
                    {
                        notified++;
                        progress++;
                    }
                }
                catch (ConcurrencyException)
                {
                    // Another scan notified it, or someone changed it since it was read: the winner's state stands.
                    lost++;
                    progress++;
                }
                catch (NotFoundException)
                {
                    // Its lead was deleted meanwhile.
                    progress++;
                }
            }

            if (items.Count < request.BatchSize || progress == 0)
            {
                break;
            }
        }

        if (notified > 0 || lost > 0)
        {
            LogScanned(notified, lost);
        }

        return new DueScanResult(notified, lost);
    }

    private static async Task<bool> ComeDueAsync<T>(IEventStore store, Guid id, Func<T, bool> comeDue, CancellationToken cancellationToken)
        where T : AggregateRoot
    {
        var aggregate = await store.AggregateStreamAsync<T>(id, cancellationToken: cancellationToken);
        if (aggregate is null || !comeDue(aggregate))
        {
            return false;
        }

        await store.SaveAsync(aggregate, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Due scan notified {Notified} items; {Lost} were taken by another writer")]
    private partial void LogScanned(int notified, int lost);
}
