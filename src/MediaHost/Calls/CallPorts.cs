using ProSaaS.Hosting.Calls;

namespace ProSaaS.MediaHost.Calls;

/// <summary>Where a call's <see cref="CallConfig"/> comes from: the Api's internal config route, asked once per call.</summary>
public interface ICallConfigSource
{
    /// <summary>
    /// The call's configuration. Throws <see cref="CallNotLiveException"/> when the Api says the call is unknown or has ended
    /// (the stream is closed at once), <see cref="CallConfigUnavailableException"/> when the Api could not be reached within
    /// the source's own time budget (the caller hears the fallback message).
    /// </summary>
    Task<CallConfig> GetAsync(string tenantId, Guid callId, CancellationToken cancellationToken);
}

/// <summary>
/// The facts of calls on their way to the Api. <see cref="EnqueueAsync"/> returns once the command is safe on local disk;
/// delivery follows in order per call, retried with backoff until the Api acknowledges it, across Api outages and restarts
/// of this process.
/// </summary>
public interface ICallOutbox
{
    ValueTask EnqueueAsync(string tenantId, Guid callId, CallCommand command, CancellationToken cancellationToken = default);

    /// <summary>
    /// Hands over a call's finished recording (a WAV file this process wrote): it is moved under the outbox's care and
    /// uploaded, with retries, after the call's earlier commands; deleted locally once the Api has it.
    /// </summary>
    ValueTask EnqueueRecordingAsync(string tenantId, Guid callId, string wavPath, CancellationToken cancellationToken = default);
}

/// <summary>
/// The calls this process is serving, for the heartbeats: a call registers when its stream is verified and disposes the
/// registration when it ends. When the Api answers a heartbeat with "not live" (the call was ended elsewhere, e.g. hung up
/// from the dashboard), the registered <c>endedElsewhere</c> callback is invoked once.
/// </summary>
public interface ILiveCalls
{
    IDisposable Register(string tenantId, Guid callId, Action endedElsewhere);
}

/// <summary>The Api says the call is unknown to the business or has ended.</summary>
public sealed class CallNotLiveException(Guid callId) : Exception($"Call {callId} is not live.")
{
    public Guid CallId { get; } = callId;
}

/// <summary>The Api could not be asked for the call's configuration.</summary>
public sealed class CallConfigUnavailableException(Guid callId, Exception? inner = null)
    : Exception($"The configuration of call {callId} could not be fetched.", inner)
{
    public Guid CallId { get; } = callId;
}
