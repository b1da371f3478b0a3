using ProSaaS.Domain.Files;
using Microsoft.Extensions.Logging;
using ProSaaS.Application.Telephony;

namespace ProSaaS.Infrastructure.Telephony;

/// <summary>
/// The telephony gateway of sandbox mode (no Twilio account configured): nothing leaves the machine. Each request is
/// logged and kept in memory — the latest <see cref="Capacity"/> of them — so that people and tests can see what would
/// have been sent. Placing a call answers a fresh <c>CA…</c> sid, hanging up always succeeds, and a recording is a second
/// of two-channel mu-law silence at 8 kHz.
/// </summary>
public sealed partial class SandboxTelephonyGateway(ILogger<SandboxTelephonyGateway> logger, TimeProvider clock) : ITelephonyGateway
{
    public const int Capacity = 200;
    public const int RecordingSampleRate = 8000;
    public const int RecordingChannels = 2;

    private readonly Queue<SandboxTelephonyRequest> _requests = new();
    private readonly Lock _gate = new();

    public bool IsLive => false;

    /// <summary>What would have been sent, oldest first.</summary>
    public IReadOnlyList<SandboxTelephonyRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToList();
            }
        }
    }

    public Task<PlacedCall> PlaceCallAsync(PlaceCallRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sid = "CA" + Guid.NewGuid().ToString("N");
        Record(new SandboxTelephonyRequest(SandboxTelephonyRequestKind.PlaceCall, clock.GetUtcNow(), sid, request, null));
        LogPlaced(sid, request.AnswerUrl.AbsoluteUri);
        return Task.FromResult(new PlacedCall(sid, "queued"));
    }

    public Task HangUpAsync(string providerCallId, CancellationToken cancellationToken)
    {
        Record(new SandboxTelephonyRequest(SandboxTelephonyRequestKind.HangUp, clock.GetUtcNow(), providerCallId, null, null));
        LogHungUp(providerCallId);
        return Task.CompletedTask;
    }

    public Task<Stream> FetchRecordingAsync(string recordingUrl, CancellationToken cancellationToken)
    {
        Record(new SandboxTelephonyRequest(SandboxTelephonyRequestKind.FetchRecording, clock.GetUtcNow(), null, null, recordingUrl));
        LogFetched(recordingUrl);
        var wav = WaveFile.Silence(WaveEncoding.MuLaw, RecordingSampleRate, RecordingChannels, TimeSpan.FromSeconds(1));
        return Task.FromResult<Stream>(new MemoryStream(wav, writable: false));
    }

    private void Record(SandboxTelephonyRequest request)
    {
        lock (_gate)
        {
            _requests.Enqueue(request);
            while (_requests.Count > Capacity)
            {
                _requests.Dequeue();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox telephony: would place call {CallSid} answered by {AnswerUrl}")]
    private partial void LogPlaced(string callSid, string answerUrl);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox telephony: would hang up call {CallSid}")]
    private partial void LogHungUp(string callSid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox telephony: would fetch recording {RecordingUrl}; answering silence")]
    private partial void LogFetched(string recordingUrl);
}

public enum SandboxTelephonyRequestKind
{
    PlaceCall,
    HangUp,
    FetchRecording,
}

/// <summary>One request the sandbox received: the call placed (with its generated sid), hung up, or the recording asked for.</summary>
public sealed record SandboxTelephonyRequest(
    SandboxTelephonyRequestKind Kind,
    DateTimeOffset At,
    string? ProviderCallId,
    PlaceCallRequest? Call,
    string? RecordingUrl);
