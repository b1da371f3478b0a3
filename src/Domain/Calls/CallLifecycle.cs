namespace ProSaaS.Domain.Calls;

public enum CallDirection
{
    Inbound,
    Outbound,
}

/// <summary>
/// Where a call stands. The first nine follow the telephony provider's call statuses (Twilio's, in their order);
/// <see cref="Rejected"/> is ours: the call was refused before it was connected and never held a slot.
/// </summary>
public enum CallStatus
{
    Queued,
    Initiated,
    Ringing,
    InProgress,
    Completed,
    Busy,
    NoAnswer,
    Failed,
    Canceled,
    Rejected,
}

/// <summary>Why a call ended, by whichever route it ended.</summary>
public enum CallEndReason
{
    /// <summary>The provider reported the call completed (either side hung up after it was answered).</summary>
    Completed,

    Busy,
    NoAnswer,
    Failed,

    /// <summary>Ended by the provider before it was answered (the caller gave up while it rang).</summary>
    Canceled,

    /// <summary>A user of the business hung it up.</summary>
    HungUpByBusiness,

    /// <summary>No sign of life (no provider callback, no heartbeat from the media host) for too long: closed by the platform.</summary>
    Lost,

    /// <summary>The assistant could not run the call (the media host or the AI service was unavailable).</summary>
    AiUnavailable,

    /// <summary>An outbound call was answered by an answering machine (or a fax): hung up without a word.</summary>
    AnsweringMachine,

    /// <summary>The caller said goodbye and the assistant closed the call.</summary>
    UserGoodbye,

    /// <summary>The assistant closed the call (details captured and confirmed, or its own goodbye after a real conversation).</summary>
    AssistantEnded,

    /// <summary>The caller hung up while the assistant served the call.</summary>
    CallerHungUp,

    /// <summary>The caller stayed silent through the assistant's warnings.</summary>
    Silence,

    /// <summary>The call reached the business's longest call length.</summary>
    MaxDuration,

    /// <summary>The call's audio stream was lost without the provider saying the call ended.</summary>
    StreamLost,

    /// <summary>The caller asked for a person: the call was handed over or a callback promised.</summary>
    TransferredToHuman,

    /// <summary>The media host was shutting down and its drain time ran out.</summary>
    Shutdown,
}

/// <summary>Why a call was refused before it was connected. An unknown dialled number is refused without any record.</summary>
public enum CallRejectionReason
{
    TenantSuspended,
    LimitReached,
}

/// <summary>What a provider status report does to a call.</summary>
public enum CallStatusChange
{
    /// <summary>Nothing: a repeat, a report older than what is known, or a report on a call that has ended.</summary>
    Ignore,

    /// <summary>The call moved forward (ringing → in progress, …).</summary>
    Advance,

    /// <summary>The call ended (the first final status wins).</summary>
    End,
}

/// <summary>
/// How provider status reports move a call, whatever order they arrive in and however often: progress only goes forward
/// (queued → initiated → ringing → in progress), a final status ends the call and is final, and anything about a call
/// that has ended is ignored. Twilio delivers callbacks over separate HTTP requests, so they can cross and repeat.
/// </summary>
public static class CallStatusPolicy
{
    /// <summary>The provider's spellings (Twilio's <c>CallStatus</c>) and the status each one is.</summary>
    private static readonly Dictionary<string, CallStatus> ProviderStatuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["queued"] = CallStatus.Queued,
        ["initiated"] = CallStatus.Initiated,
        ["ringing"] = CallStatus.Ringing,
        ["in-progress"] = CallStatus.InProgress,
        ["completed"] = CallStatus.Completed,
        ["busy"] = CallStatus.Busy,
        ["no-answer"] = CallStatus.NoAnswer,
        ["failed"] = CallStatus.Failed,
        ["canceled"] = CallStatus.Canceled,
    };

    public static bool IsFinal(CallStatus status) =>
        status is CallStatus.Completed or CallStatus.Busy or CallStatus.NoAnswer or CallStatus.Failed or CallStatus.Canceled or CallStatus.Rejected;

    /// <summary>Position in the lifecycle: every final status shares the last one.</summary>
    public static int RankOf(CallStatus status) => status switch
    {
        CallStatus.Queued => 0,
        CallStatus.Initiated => 1,
        CallStatus.Ringing => 2,
        CallStatus.InProgress => 3,
        _ => 4,
    };

    /// <summary>
    /// What a report of <paramref name="reported"/> does to a call at <paramref name="current"/>. <see cref="CallStatus.Rejected"/>
    /// is never reported by the provider, and a report of it changes nothing.
    /// </summary>
    public static CallStatusChange Decide(CallStatus current, CallStatus reported) =>
        IsFinal(current) || reported == CallStatus.Rejected ? CallStatusChange.Ignore
        : IsFinal(reported) ? CallStatusChange.End
        : RankOf(reported) > RankOf(current) ? CallStatusChange.Advance
        : CallStatusChange.Ignore;

    /// <summary>The end reason a final provider status stands for.</summary>
    public static CallEndReason EndReasonOf(CallStatus finalStatus) => finalStatus switch
    {
        CallStatus.Completed => CallEndReason.Completed,
        CallStatus.Busy => CallEndReason.Busy,
        CallStatus.NoAnswer => CallEndReason.NoAnswer,
        CallStatus.Failed => CallEndReason.Failed,
        CallStatus.Canceled => CallEndReason.Canceled,
        _ => throw new ArgumentOutOfRangeException(nameof(finalStatus), finalStatus, "Not a final provider status."),
    };

    /// <summary>
    /// The status a call ends in for an end reason: the provider's own final status for its reasons, completed for the
    /// platform's (a hang-up by the business, a lost call, …: <see cref="CallEndReason"/> tells which).
    /// </summary>
    public static CallStatus FinalStatusOf(CallEndReason reason) => reason switch
    {
        CallEndReason.Busy => CallStatus.Busy,
        CallEndReason.NoAnswer => CallStatus.NoAnswer,
        CallEndReason.Failed => CallStatus.Failed,
        CallEndReason.Canceled => CallStatus.Canceled,
        _ => CallStatus.Completed,
    };

    /// <summary>Reads a provider's status as Twilio writes it (<c>in-progress</c>, <c>no-answer</c>, …), ignoring case and spaces around it.</summary>
    public static bool TryParseProviderStatus(string? text, out CallStatus status)
    {
        status = default;
        return text is not null && ProviderStatuses.TryGetValue(text.Trim(), out status);
    }

    /// <summary>The provider's spelling of a status (<c>in-progress</c>); null for <see cref="CallStatus.Rejected"/>, which is ours.</summary>
    public static string? ProviderNameOf(CallStatus status) =>
        ProviderStatuses.FirstOrDefault(p => p.Value == status).Key;
}
