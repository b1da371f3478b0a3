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

    /// <summary>When set, placing a call fails with what it answers for the call (null: the call is placed).</summary>
    public Func<PlaceCallRequest, Exception?>? FailPlacing { get; set; }

    /// <summary>When set, runs while a call is placed, before the provider's answer, with the call's sid: a callback that overtakes the answer.</summary>
    public Func<PlaceCallRequest, string, Task>? WhilePlacing { get; set; }

    public bool IsLive => false;

    public async Task<PlacedCall> PlaceCallAsync(PlaceCallRequest request, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        if (FailPlacing?.Invoke(request) is { } failure)
        {
            throw failure;
        }

        PlacedCalls.Enqueue(request);
        var sid = "CA" + Guid.NewGuid().ToString("N");
        if (WhilePlacing is { } overtaking)
        {
            await overtaking(request, sid);
        }

        return new PlacedCall(sid, "queued");
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
