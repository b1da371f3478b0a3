namespace ProSaaS.Application.Telephony;

/// <summary>
/// The telephony provider's REST side: placing a call, hanging one up, fetching a recording. Twilio in production;
/// a sandbox adapter that records what would have been sent when no keys are configured.
/// </summary>
public interface ITelephonyGateway
{
    /// <summary>True when calls really go out through the provider; false in sandbox mode.</summary>
    bool IsLive { get; }

    Task<PlacedCall> PlaceCallAsync(PlaceCallRequest request, CancellationToken cancellationToken);

    /// <summary>Ends a live call. Ending a call that has already ended is not an error.</summary>
    Task HangUpAsync(string providerCallId, CancellationToken cancellationToken);

    /// <summary>The recording's audio (WAV) as the provider keeps it.</summary>
    Task<Stream> FetchRecordingAsync(string recordingUrl, CancellationToken cancellationToken);
}

/// <param name="To">E.164 number to call.</param>
/// <param name="From">E.164 number of the business that calls.</param>
/// <param name="AnswerUrl">Where the provider asks what to do when the call is answered (the outbound voice webhook).</param>
/// <param name="StatusCallbackUrl">Where the provider reports the call's progress.</param>
/// <param name="DetectAnsweringMachine">Ask the provider to tell a person from a machine.</param>
/// <param name="TimeLimitSeconds">The longest the call may last.</param>
/// <param name="RingTimeoutSeconds">How long to let it ring.</param>
public sealed record PlaceCallRequest(
    string To,
    string From,
    Uri AnswerUrl,
    Uri StatusCallbackUrl,
    bool DetectAnsweringMachine = true,
    int? TimeLimitSeconds = null,
    int? RingTimeoutSeconds = null);

/// <param name="ProviderCallId">The provider's id of the call (Twilio's CallSid).</param>
/// <param name="Status">The provider's status at creation (queued, initiated…).</param>
public sealed record PlacedCall(string ProviderCallId, string Status);
