using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Calls;

namespace ProSaaS.MediaHost.Outbox;

/// <summary>
/// The live calls of this process (<see cref="ILiveCalls"/>) and their heartbeats: every
/// <see cref="HeartbeatOptions.HeartbeatSeconds"/> each registered call POSTs the Api's heartbeat route, so the Api does not
/// close it as lost. A 409 means the call was ended elsewhere (hung up from the dashboard, closed as lost): the call's
/// callback is invoked once and its heartbeats stop. Any other failure is logged and the next beat tries again.
/// </summary>
public sealed partial class CallHeartbeats(
    MediaHostApiClient api,
    IOptions<HeartbeatOptions> heartbeat,
    IOptions<OutboxOptions> outbox,
    ILogger<CallHeartbeats> logger,
    TimeProvider time) : BackgroundService, ILiveCalls
{
    private const int MaxParallelBeats = 16;

    private readonly ConcurrentDictionary<Registration, byte> _calls = new();
    private readonly TimeSpan _interval = heartbeat.Value.Interval;
    private readonly TimeSpan _timeout = heartbeat.Value.Interval < outbox.Value.RequestTimeout ? heartbeat.Value.Interval : outbox.Value.RequestTimeout;

    /// <summary>Calls registered now.</summary>
    public int Count => _calls.Count;

    public IDisposable Register(string tenantId, Guid callId, Action endedElsewhere)
    {
        ArgumentNullException.ThrowIfNull(endedElsewhere);
        if (!StreamToken.IsValidTenantId(tenantId))
        {
            throw new ArgumentException("A tenant id is 1–64 letters, digits and dashes.", nameof(tenantId));
        }

        var registration = new Registration(this, tenantId, callId, endedElsewhere);
        _calls.TryAdd(registration, 0);
        return registration;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, time);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxParallelBeats, CancellationToken = stoppingToken };
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await Parallel.ForEachAsync(_calls.Keys, parallel, BeatAsync).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async ValueTask BeatAsync(Registration call, CancellationToken stoppingToken)
    {
        if (call.IsOver)
        {
            return;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(_timeout);
            using var response = await api.PostHeartbeatAsync(call.TenantId, call.CallId, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                if (call.Failing)
                {
                    call.Failing = false;
                    LogRecovered(call.CallId);
                }

                return;
            }

            if (status == 409)
            {
                EndedElsewhere(call);
                return;
            }

            Failed(call, $"{status} {response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
        {
            Failed(call, e is OperationCanceledException ? $"no answer within {_timeout.TotalSeconds:0.#} s" : e.Message);
        }
    }

    private void EndedElsewhere(Registration call)
    {
        if (!call.End())
        {
            return;
        }

        _calls.TryRemove(call, out _);
        LogEndedElsewhere(call.CallId, call.TenantId);
        try
        {
            call.Callback();
        }
        catch (Exception e)
        {
            LogCallbackFailed(e, call.CallId);
        }
    }

    private void Failed(Registration call, string failure)
    {
        if (!call.Failing)
        {
            call.Failing = true;
            LogFailed(call.CallId, failure);
        }
        else
        {
            LogStillFailing(call.CallId, failure);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Heartbeat: the Api says call {CallId} of {TenantId} is no longer live; ending it here")]
    private partial void LogEndedElsewhere(Guid callId, string tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat of call {CallId} failed ({Failure}); trying again at the next beat")]
    private partial void LogFailed(Guid callId, string failure);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Heartbeat of call {CallId} failed again ({Failure})")]
    private partial void LogStillFailing(Guid callId, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Heartbeat of call {CallId} answered again")]
    private partial void LogRecovered(Guid callId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId}: ending the call after the Api said it is not live failed")]
    private partial void LogCallbackFailed(Exception exception, Guid callId);

    private sealed class Registration(CallHeartbeats owner, string tenantId, Guid callId, Action callback) : IDisposable
    {
        private int _over;

        public string TenantId { get; } = tenantId;

        public Guid CallId { get; } = callId;

        public Action Callback { get; } = callback;

        public bool Failing { get; set; }

        public bool IsOver => Volatile.Read(ref _over) != 0;

        /// <summary>True the first time only: the one caller that gets true invokes the callback.</summary>
        public bool End() => Interlocked.Exchange(ref _over, 1) == 0;

        public void Dispose()
        {
            Interlocked.Exchange(ref _over, 1);
            owner._calls.TryRemove(this, out _);
        }
    }
}
