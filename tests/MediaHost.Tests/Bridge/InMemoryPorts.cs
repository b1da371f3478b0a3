using System.Collections.Concurrent;
using System.Text.Json;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Calls;
using ProSaaS.MediaHost.Tools;

namespace ProSaaS.MediaHost.Tests.Bridge;

/// <summary>The Api's configuration route as a dictionary: a call's config, or the failure to answer with.</summary>
public sealed class InMemoryCallConfigSource : ICallConfigSource
{
    private readonly ConcurrentDictionary<(string, Guid), Func<CallConfig>> _calls = new();
    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    public void Add(CallConfig config) => _calls[(config.TenantId, config.CallId)] = () => config;

    public void Fail(string tenantId, Guid callId, Exception failure) => _calls[(tenantId, callId)] = () => throw failure;

    public Task<CallConfig> GetAsync(string tenantId, Guid callId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        return _calls.TryGetValue((tenantId, callId), out var config)
            ? Task.FromResult(config())
            : Task.FromException<CallConfig>(new CallNotLiveException(callId));
    }
}

/// <summary>The outbox as lists: every command and recording handed over, in order, with a way to wait for them.</summary>
public sealed class InMemoryCallOutbox : ICallOutbox
{
    private readonly object _gate = new();
    private readonly List<(string TenantId, Guid CallId, CallCommand Command)> _commands = [];
    private readonly List<(string TenantId, Guid CallId, string Path)> _recordings = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<CallCommand> CommandsOf(Guid callId)
    {
        lock (_gate)
        {
            return _commands.Where(c => c.CallId == callId).Select(c => c.Command).ToList();
        }
    }

    public IReadOnlyList<(string TenantId, Guid CallId, CallCommand Command)> All
    {
        get
        {
            lock (_gate)
            {
                return _commands.ToList();
            }
        }
    }

    public IReadOnlyList<TranscriptTurnCommand> TurnsOf(Guid callId) => CommandsOf(callId).OfType<TranscriptTurnCommand>().ToList();

    public string? RecordingOf(Guid callId)
    {
        lock (_gate)
        {
            return _recordings.LastOrDefault(r => r.CallId == callId).Path;
        }
    }

    public ValueTask EnqueueAsync(string tenantId, Guid callId, CallCommand command, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _commands.Add((tenantId, callId, command));
        }

        Pulse();
        return ValueTask.CompletedTask;
    }

    public ValueTask EnqueueRecordingAsync(string tenantId, Guid callId, string wavPath, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _recordings.Add((tenantId, callId, wavPath));
        }

        Pulse();
        return ValueTask.CompletedTask;
    }

    /// <summary>Waits for the call's <see cref="CallEndedCommand"/>.</summary>
    public Task<CallEndedCommand> WaitForEndAsync(Guid callId, TimeSpan? timeout = null) =>
        WaitForAsync(() => CommandsOf(callId).OfType<CallEndedCommand>().FirstOrDefault(), timeout ?? TimeSpan.FromSeconds(20), $"the end of call {callId}");

    public Task<string> WaitForRecordingAsync(Guid callId, TimeSpan? timeout = null) =>
        WaitForAsync(() => RecordingOf(callId), timeout ?? TimeSpan.FromSeconds(20), $"the recording of call {callId}");

    public Task<TranscriptTurnCommand> WaitForTurnAsync(Guid callId, Func<TranscriptTurnCommand, bool> match, TimeSpan? timeout = null) =>
        WaitForAsync(() => TurnsOf(callId).FirstOrDefault(match), timeout ?? TimeSpan.FromSeconds(20), $"a transcript turn of call {callId}");

    public async Task<T> WaitForAsync<T>(Func<T?> probe, TimeSpan timeout, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task;
            if (probe() is { } found)
            {
                return found;
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.WhenAny(changed, Task.Delay(remaining));
        }
    }

    private void Pulse() => Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}

/// <summary>The heartbeats' registry: which calls are registered, and a way to say "the Api ended this call".</summary>
public sealed class InMemoryLiveCalls : ILiveCalls
{
    private readonly ConcurrentDictionary<Guid, Action> _live = new();

    public bool IsRegistered(Guid callId) => _live.ContainsKey(callId);

    public int Count => _live.Count;

    public IDisposable Register(string tenantId, Guid callId, Action endedElsewhere)
    {
        _live[callId] = endedElsewhere;
        return new Registration(() => _live.TryRemove(callId, out _));
    }

    /// <summary>What a heartbeat answered with "not live" does.</summary>
    public void EndElsewhere(Guid callId)
    {
        if (_live.TryGetValue(callId, out var callback))
        {
            callback();
        }
    }

    private sealed class Registration(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}

/// <summary>The Api's tools route as a function: every tool call recorded; answered by <see cref="Answer"/> (by default: not available).</summary>
public sealed class InMemoryCallTools : ICallToolClient
{
    private readonly ConcurrentQueue<(string TenantId, Guid CallId, CallToolRequest Request)> _calls = new();

    public Func<CallToolRequest, CallToolAnswer> Answer { get; set; } = request => ApiToolClient.Fallback(request, "not_available");

    public IReadOnlyList<(string TenantId, Guid CallId, CallToolRequest Request)> Calls => [.. _calls];

    public Task<CallToolAnswer> CallAsync(string tenantId, Guid callId, CallToolRequest request, CancellationToken cancellationToken = default)
    {
        _calls.Enqueue((tenantId, callId, request));
        return Task.FromResult(Answer(request));
    }

    public static JsonElement Output(object value) => JsonSerializer.SerializeToElement(value);
}
