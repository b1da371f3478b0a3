using System.Collections.Concurrent;
using ProSaaS.Application.Telephony;

namespace ProSaaS.Api.Tests.Calls;

/// <summary>A telephony provider that records what it was asked to do and, when told to, fails.</summary>
public sealed class RecordingTelephonyGateway : ITelephonyGateway
{
    public ConcurrentQueue<string> HangUps { get; } = new();

    public ConcurrentQueue<PlaceCallRequest> PlacedCalls { get; } = new();

    /// <summary>When set, every request fails with this exception.</summary>
    public Exception? FailWith { get; set; }

    public bool IsLive => false;

    public Task<PlacedCall> PlaceCallAsync(PlaceCallRequest request, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        PlacedCalls.Enqueue(request);
        return Task.FromResult(new PlacedCall("CA" + Guid.NewGuid().ToString("N"), "queued"));
    }

    public Task HangUpAsync(string providerCallId, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        HangUps.Enqueue(providerCallId);
        return Task.CompletedTask;
    }

    public Task<Stream> FetchRecordingAsync(string recordingUrl, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        return Task.FromResult<Stream>(new MemoryStream());
    }

    private void ThrowIfFailing()
    {
        if (FailWith is { } failure)
        {
            throw failure;
        }
    }
}
