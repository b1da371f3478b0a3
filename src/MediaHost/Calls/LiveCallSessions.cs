using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Hosting;

namespace ProSaaS.MediaHost.Calls;

/// <summary>
/// The calls this process is serving (one session per call id), and the drain at shutdown: no new stream is accepted,
/// live calls may go on for <see cref="MediaHostOptions.DrainSeconds"/>, then the rest are ended with <c>shutdown</c>.
/// Holds only references to the sessions; each session's state is its own.
/// </summary>
public sealed partial class LiveCallSessions(IOptions<MediaHostOptions> options, ILogger<LiveCallSessions> logger)
{
    private static readonly TimeSpan EndingLimit = TimeSpan.FromSeconds(20);

    private readonly ConcurrentDictionary<Guid, CallSession> _sessions = new();
    private readonly object _drainGate = new();
    private Task? _drain;

    public int Count => _sessions.Count;

    public bool IsDraining => Volatile.Read(ref _drain) is not null;

    /// <summary>Adds a call's session; false when the call already has one here or the process is draining.</summary>
    public bool TryAdd(CallSession session) => !IsDraining && _sessions.TryAdd(session.CallId, session);

    public void Remove(CallSession session) => _sessions.TryRemove(new KeyValuePair<Guid, CallSession>(session.CallId, session));

    public bool Contains(Guid callId) => _sessions.ContainsKey(callId);

    /// <summary>Starts the drain once (later calls get the same task): completes when every call has ended.</summary>
    public Task DrainAsync()
    {
        lock (_drainGate)
        {
            return _drain ??= Task.Run(DrainCoreAsync);
        }
    }

    private async Task DrainCoreAsync()
    {
        var drain = TimeSpan.FromSeconds(options.Value.DrainSeconds);
        LogDraining(logger, _sessions.Count, drain.TotalSeconds);
        var ended = Task.WhenAll(_sessions.Values.Select(s => s.Ended));
        await Task.WhenAny(ended, Task.Delay(drain)).ConfigureAwait(false);

        var remaining = _sessions.Values.ToList();
        if (remaining.Count > 0)
        {
            LogEndingRemaining(logger, remaining.Count);
            foreach (var session in remaining)
            {
                session.RequestEnd(MediaEndReasons.Shutdown);
            }
        }

        // Each session reports its end before it leaves the registry.
        var deadline = DateTime.UtcNow + EndingLimit;
        while (!_sessions.IsEmpty && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shutting down: {Calls} live calls may go on for {DrainSeconds} s")]
    private static partial void LogDraining(ILogger logger, int calls, double drainSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shutting down: ending the {Calls} calls still live")]
    private static partial void LogEndingRemaining(ILogger logger, int calls);
}

/// <summary>Starts the drain as soon as the host is asked to stop, and holds the host until it is over.</summary>
public sealed class LiveCallsDrain(LiveCallSessions sessions, IHostApplicationLifetime lifetime) : IHostedService
{
    private CancellationTokenRegistration _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = lifetime.ApplicationStopping.Register(() => _ = sessions.DrainAsync());
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _registration.DisposeAsync().ConfigureAwait(false);
        try
        {
            await sessions.DrainAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The host's own shutdown time ran out first.
        }
    }
}
