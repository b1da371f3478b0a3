using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.Paging;
using ProSaaS.Domain.Calls;

namespace ProSaaS.Application.Calls;

/// <summary>
/// The call slots of every business: one per live call, taken with the call's <c>call_started</c> and given back with its
/// <c>call_completed</c> (both in the appending transaction, so every Api instance sees the same count). These are the
/// reads and the touches around them.
/// </summary>
public interface ICallSlots
{
    /// <summary>The live call a provider call id belongs to, in any business; null when no live call has it.</summary>
    Task<LiveCall?> FindByProviderCallIdAsync(string providerCallId, CancellationToken cancellationToken);

    /// <summary>
    /// The live call with this id, in any business; null when it holds no slot. For the provider's requests about a call the
    /// platform placed, whose addresses name the call: the business is the call's own.
    /// </summary>
    Task<LiveCall?> FindByCallIdAsync(Guid callId, CancellationToken cancellationToken);

    /// <summary>Records a sign of life of a live call; false when the call holds no slot (it has ended, or never started).</summary>
    Task<bool> TouchAsync(string tenantId, Guid callId, DateTimeOffset seenAt, CancellationToken cancellationToken);

    /// <summary>Live calls of every business with no sign of life since <paramref name="silentSince"/>, the longest silent first.</summary>
    Task<IReadOnlyList<LiveCall>> FindSilentAsync(DateTimeOffset silentSince, int limit, CancellationToken cancellationToken);

    /// <summary>Gives a slot back without an event: only for a slot whose call has no live stream behind it.</summary>
    Task ReleaseAsync(string tenantId, Guid callId, CancellationToken cancellationToken);

    /// <summary>The business's slots in use and its limits.</summary>
    Task<ActiveCallCount> CountAsync(string tenantId, CancellationToken cancellationToken);
}

/// <summary>Reads of the <c>calls</c> read model of one business.</summary>
public interface ICallQueries
{
    Task<CallView?> GetAsync(string tenantId, Guid callId, CancellationToken cancellationToken);

    /// <summary>Newest first (by start), then by id.</summary>
    Task<IReadOnlyList<CallView>> ListAsync(string tenantId, CallFilter filter, NewestCursor? after, int limit, CancellationToken cancellationToken);
}

/// <param name="TenantId">The business the call belongs to.</param>
/// <param name="CallId">The call's stream id.</param>
/// <param name="LastSeenAt">The latest sign of life.</param>
public sealed record LiveCall(string TenantId, Guid CallId, DateTimeOffset LastSeenAt);

/// <summary>Filters of a call list: start range (<see cref="StartedFrom"/> inclusive, <see cref="StartedBefore"/> exclusive).</summary>
public sealed record CallFilter(
    CallDirection? Direction = null,
    CallStatus? Status = null,
    DateTimeOffset? StartedFrom = null,
    DateTimeOffset? StartedBefore = null,
    Guid? LeadId = null);

/// <summary>
/// A call as the business sees it. <see cref="EndReason"/> tells why an ended call ended; <see cref="RejectionReason"/>
/// why a refused one (status <c>rejected</c>) was refused. <see cref="LeadName"/> is the lead's current name;
/// <see cref="TemplateId"/> and <see cref="TemplateName"/> the outbound template an outbound call follows (its name stays
/// after the template is deleted).
/// </summary>
public sealed record CallView(
    Guid Id,
    CallDirection Direction,
    CallStatus Status,
    string? From,
    string? To,
    Guid? LeadId,
    string? LeadName,
    Guid? TemplateId,
    string? TemplateName,
    string? ProviderCallId,
    DateTimeOffset StartedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? EndedAt,
    int? DurationSeconds,
    CallEndReason? EndReason,
    CallRejectionReason? RejectionReason,
    bool IsLive,
    DateTimeOffset UpdatedAt,
    long Version);

/// <summary><see cref="Next"/> is the cursor of the following page, or null on the last page.</summary>
public sealed record CallPage(IReadOnlyList<CallView> Items, string? Next);

/// <summary>
/// A call with its lifecycle (every recorded step, oldest first, but the transcript turns), what the media host reported:
/// the transcript (<see cref="Transcript"/>), the details the caller gave (<see cref="CollectedFields"/>), and the media
/// host's end of the call with its figures (<see cref="MediaEnd"/>, null until reported).
/// </summary>
public sealed record CallDetails(
    CallView Call,
    IReadOnlyList<CallLifecycleStep> Lifecycle,
    IReadOnlyList<CallTranscriptTurnView> Transcript,
    IReadOnlyDictionary<string, string> CollectedFields,
    CallMediaEnd? MediaEnd)
{
    /// <summary>The call's recording while it is kept (null when the call has none, or it was deleted or has expired).</summary>
    public CallRecordingSummary? Recording { get; init; }

    /// <summary>
    /// The version of the business's prompt for the call's channel that the assistant ran with (0: the default text); null
    /// when the call never reached the assistant.
    /// </summary>
    public int? PromptVersion { get; init; }

    /// <summary>The after-call summary and next action; null until the call is summarized (a short while after its end).</summary>
    public CallSummaryView? Summary { get; init; }
}

/// <summary>
/// A call's summary (<see cref="Text"/>, Hebrew; null once its lead was erased), the next action (<see cref="NextAction"/> and
/// its Hebrew wording), the caller's sentiment when it could be told, who wrote it (<c>openai</c> or the rule-based
/// <c>sandbox</c>) and, when the rules stood in for the model, why.
/// </summary>
public sealed record CallSummaryView(
    string? Text,
    CallNextAction? NextAction,
    string? NextActionText,
    CallSentiment? Sentiment,
    string Summarizer,
    string? FallbackReason,
    DateTimeOffset SummarizedAt);

/// <summary>
/// One recorded step of a call: the event (<c>call_started</c>, <c>call_placed</c>, <c>call_status_changed</c>,
/// <c>call_completed</c>, <c>call_rejected</c>, <c>call_lead_linked</c>), the status after it, when, and a detail (the
/// direction, the provider's call id, the end or rejection reason, who answered).
/// </summary>
public sealed record CallLifecycleStep(string Event, CallStatus Status, DateTimeOffset At, string? Detail, long Version);

/// <summary>The business's calls in progress (slots in use) and its limits.</summary>
public sealed record ActiveCallCount(int Total, int Inbound, int Outbound, int MaxConcurrentCalls, int MaxOutboundCalls)
{
    public int Available => Math.Max(0, MaxConcurrentCalls - Total);

    public int OutboundAvailable => Math.Max(0, Math.Min(MaxOutboundCalls - Outbound, Available));
}

/// <summary>
/// A call could not take a slot: the business has as many live calls as its limits allow. Thrown from the appending
/// transaction, which then records nothing.
/// </summary>
public sealed class CallCapacityExceededException(string tenantId, CallDirection direction)
    : AppException($"Business {tenantId} has no free {(direction == CallDirection.Outbound ? "outbound " : "")}call slot.")
{
    public string TenantId { get; } = tenantId;
    public CallDirection Direction { get; } = direction;
}
