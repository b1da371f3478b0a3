using ProSaaS.Application.Common.Errors;

namespace ProSaaS.Application.Calls.Tools;

/// <summary>
/// The answers given to the AI's tool calls, by call and tool call id, per business. An answer that changed something is
/// written with its events (in the appending transaction); an answer that changed nothing is written here.
/// </summary>
public interface ICallToolLog
{
    /// <summary>The first answer given to this tool call of the call; null when it has none.</summary>
    Task<CallToolOutcome?> FindAsync(string tenantId, Guid callId, string toolCallId, CancellationToken cancellationToken);

    /// <summary>Keeps an answer that changed nothing; returns the answer kept first for the tool call (this one, or one written meanwhile).</summary>
    Task<CallToolOutcome> RecordAsync(string tenantId, Guid callId, CallToolOutcome outcome, CancellationToken cancellationToken);
}

/// <summary>
/// The append of a tool call's changes failed because the tool call was answered meanwhile (a concurrent delivery of the same
/// call): nothing of this append is kept, and the first answer stands.
/// </summary>
public sealed class CallToolSeenException(Guid callId, string toolCallId)
    : AppException($"Tool call {toolCallId} of call {callId} has been answered already.")
{
    public Guid CallId { get; } = callId;

    public string ToolCallId { get; } = toolCallId;
}
