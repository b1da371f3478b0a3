using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using ProSaaS.Application.Calls;
using ProSaaS.Application.Calls.WatchCalls;

namespace ProSaaS.Infrastructure.ReadModels.Calls;

/// <summary>
/// The live call feed of this Api instance: one connection LISTENs on <see cref="CallChangeNotifier.Channel"/> (so every
/// instance hears every commit), and a changed call is read once from the <c>calls</c> read model, whatever the number of
/// subscribers, then handed to each subscriber of its business. Changes to the same call that arrive together are read
/// once. A subscriber that falls behind, and every subscriber after the connection was lost, is told to read the list again.
/// </summary>
public sealed partial class CallChangeFeed(NpgsqlDataSource dataSource, IServiceScopeFactory scopes, TimeProvider clock, ILogger<CallChangeFeed> logger)
    : BackgroundService, ICallChangeFeed
{
    /// <summary>Changes a subscriber may have waiting before it is told it fell behind.</summary>
    public const int SubscriberBuffer = 256;

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Subscription, byte>> _subscribers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Tenant, Guid CallId), byte> _pending = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Whether this instance is listening now (changes made while it is not are announced as a resync).</summary>
    public bool IsListening { get; private set; }

    /// <summary>How many streams of the business follow its calls on this instance.</summary>
    public int SubscriberCount(string tenantId) => _subscribers.TryGetValue(tenantId, out var set) ? set.Count : 0;

    public ICallWatch Subscribe(string tenantId)
    {
        var subscription = new Subscription(this, tenantId);
        _subscribers.GetOrAdd(tenantId, _ => new()).TryAdd(subscription, 0);
        return subscription;
    }

    private void Unsubscribe(Subscription subscription)
    {
        if (_subscribers.TryGetValue(subscription.TenantId, out var set))
        {
            set.TryRemove(subscription, out _);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ListenAsync(stoppingToken), DeliverAsync(stoppingToken));

    private void OnNotification(object sender, NpgsqlNotificationEventArgs args)
    {
        if (CallChangeNotifier.TryParse(args.Payload, out var tenantId, out var callId, out _)
            && _subscribers.TryGetValue(tenantId, out var set) && !set.IsEmpty)
        {
            _pending.TryAdd((tenantId, callId), 0);
            _wake.Writer.TryWrite(true);
        }
    }

    /// <summary>Reads each changed call once and hands it to its business's subscribers.</summary>
    private async Task DeliverAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _wake.Reader.ReadAsync(stoppingToken);
                var batch = _pending.Keys.ToList();
                foreach (var key in batch)
                {
                    _pending.TryRemove(key, out _);
                }

                await using var scope = scopes.CreateAsyncScope();
                var calls = scope.ServiceProvider.GetRequiredService<ICallQueries>();
                foreach (var (tenantId, callId) in batch)
                {
                    if (!_subscribers.TryGetValue(tenantId, out var set) || set.IsEmpty)
                    {
                        continue;
                    }

                    var view = await calls.GetAsync(tenantId, callId, stoppingToken);
                    if (view is null)
                    {
                        // Not (or no longer) in the read model: a deleted lead's call. The list is read again.
                        Broadcast(set, CallChange.Missed);
                        continue;
                    }

                    Broadcast(set, new CallChange(view));
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogDeliveryFailed(ex);
                foreach (var set in _subscribers.Values)
                {
                    Broadcast(set, CallChange.Missed);
                }
            }
        }
    }

    private static void Broadcast(ConcurrentDictionary<Subscription, byte> set, CallChange change)
    {
        foreach (var subscriber in set.Keys)
        {
            subscriber.Offer(change);
        }
    }

    /// <summary>Holds the LISTEN connection; after a failure, reconnects and tells every subscriber to read its list again.</summary>
    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var lost = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand($"listen {CallChangeNotifier.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                IsListening = true;
                if (lost)
                {
                    foreach (var set in _subscribers.Values)
                    {
                        Broadcast(set, CallChange.Missed);
                    }
                }

                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                IsListening = false;
                lost = true;
                LogListenFailed(ex);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live call feed connection failed; reconnecting")]
    private partial void LogListenFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Live call feed could not read a changed call; subscribers resync")]
    private partial void LogDeliveryFailed(Exception exception);

    private sealed class Subscription(CallChangeFeed feed, string tenantId) : ICallWatch
    {
        private readonly Channel<CallChange> _changes = Channel.CreateBounded<CallChange>(
            new BoundedChannelOptions(SubscriberBuffer) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

        private int _behind;

        public string TenantId { get; } = tenantId;

        public ChannelReader<CallChange> Changes => _changes.Reader;

        public void Offer(CallChange change)
        {
            if (_changes.Writer.TryWrite(change))
            {
                return;
            }

            // Full: what it has waiting is stale; it is told once to read the whole list again.
            if (Interlocked.Exchange(ref _behind, 1) == 0)
            {
                while (_changes.Reader.TryRead(out _))
                {
                }

                _changes.Writer.TryWrite(CallChange.Missed);
                Interlocked.Exchange(ref _behind, 0);
            }
        }

        public ValueTask DisposeAsync()
        {
            feed.Unsubscribe(this);
            _changes.Writer.TryComplete();
            return ValueTask.CompletedTask;
        }
    }
}
