using ProSaaS.Domain.Calls;

namespace ProSaaS.Application.Calls.WrapUp;

/// <summary>
/// Writes a finished call's summary and next action in Hebrew. Two adapters: the OpenAI chat model (with <c>OpenAI:ApiKey</c>)
/// and the deterministic rules of <see cref="SandboxCallSummarizer"/> (without a key, and as the stand-in when the model keeps
/// failing). A failure throws; the after-call queue tries again later.
/// </summary>
public interface ICallSummarizer
{
    /// <summary><c>openai</c> or <c>sandbox</c>: recorded with the summary.</summary>
    string Name { get; }

    Task<CallSummaryContent> SummarizeAsync(CallSummaryInput input, CancellationToken cancellationToken);
}

/// <summary>
/// What a summary is written from: the business, the call's direction and language (<c>he</c> or <c>en</c>, as the caller
/// spoke), the transcript, the details collected (with the business's labels), the tools the assistant used, why and after
/// how long the call ended, whether it was answered, and the lead's name when known.
/// </summary>
public sealed record CallSummaryInput(
    string BusinessName,
    CallDirection Direction,
    string Language,
    IReadOnlyList<CallSummaryTurn> Transcript,
    IReadOnlyList<CollectedDetail> CollectedFields,
    IReadOnlyList<CallToolUse> Tools,
    CallEndReason? HangupReason,
    int DurationSeconds,
    bool Answered,
    string? LeadName)
{
    public bool CallerSpoke => Transcript.Any(t => t.Speaker == CallSpeaker.Caller);

    public bool AppointmentBooked => Tools.Any(t => t.BookedAppointment);

    public bool HumanRequested => Tools.Any(t => t.CreatedTask || t.Tool == "request_human") || HangupReason == CallEndReason.TransferredToHuman;
}

/// <summary>A detail the caller gave: its key, the business's label for it, and the value.</summary>
public sealed record CollectedDetail(string Key, string Label, string Value);

/// <summary>A tool the assistant used that changed something: whether it booked an appointment or created a callback task.</summary>
public sealed record CallToolUse(string Tool, bool BookedAppointment, bool CreatedTask);

/// <summary>A summarizer could not write the summary (the service failed, timed out, or answered something unreadable).</summary>
public sealed class CallSummarizerException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The after-call queue: one row per ended call (written with its <c>call_completed</c>, in the same transaction), due once the
/// media host has said its side ended or a settling time has passed (late transcript turns), marked done with the call's
/// <c>call_summarized</c>. Claims are leases: a process that dies leaves its calls to another after the lease.
/// </summary>
public interface ICallWrapUpQueue
{
    /// <summary>
    /// Leases up to <paramref name="limit"/> due calls of every business, the longest waiting first, and counts the attempt.
    /// A call is due when its next attempt time has come and the media host's end was recorded or the call ended before
    /// <paramref name="settledBefore"/>.
    /// </summary>
    Task<IReadOnlyList<CallWrapUpItem>> ClaimDueAsync(
        DateTimeOffset now, DateTimeOffset settledBefore, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken);

    /// <summary>The attempt failed: the call is due again at <paramref name="nextAttemptAt"/>.</summary>
    Task RetryAsync(string tenantId, Guid callId, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken);

    /// <summary>The call will not be summarized (its row or lead is gone, or it ended too long ago).</summary>
    Task SkipAsync(string tenantId, Guid callId, string reason, CancellationToken cancellationToken);
}

/// <param name="Attempts">Attempts so far, this one included.</param>
public sealed record CallWrapUpItem(string TenantId, Guid CallId, int Attempts, DateTimeOffset EndedAt);
