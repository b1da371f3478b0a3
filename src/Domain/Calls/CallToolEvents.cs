using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.Calls;

/// <summary>
/// A function the AI called during the call changed something for the business, and this is what it changed and what the
/// AI was answered: the lead it saved or the call was linked to (<see cref="LeadId"/>), the appointment it booked, the
/// callback task it created, the lead fields it saved. Recorded in the same transaction as those changes, so a tool call is
/// either wholly recorded or not at all; <see cref="ToolCallId"/> (the AI's id of the call) is recorded once per call.
/// <see cref="Content"/> is the answer as given, as JSON (it may repeat what the caller said: like every free text about a
/// lead it is erased with the lead).
/// </summary>
[EventType("call_tool_applied")]
public sealed record CallToolApplied(
    Guid CallId,
    Guid? LeadId,
    string ToolCallId,
    string Tool,
    Guid? AppointmentId,
    Guid? TaskId,
    IReadOnlyList<string> FieldsSaved,
    string? Content,
    DateTimeOffset AppliedAt) : IDomainEvent;

/// <summary>The bounds of a tool call recorded on a call.</summary>
public static class CallToolRules
{
    /// <summary>The longest id the AI service gives a function call that is accepted (its ids are about 20–40 characters).</summary>
    public const int MaxToolCallIdLength = 100;

    public const int MaxToolNameLength = 64;

    /// <summary>The largest answer kept with the call, in characters.</summary>
    public const int MaxAnswerLength = 16_000;

    public static bool IsValidToolCallId(string? toolCallId) =>
        !string.IsNullOrWhiteSpace(toolCallId) && toolCallId.Length <= MaxToolCallIdLength && toolCallId.All(c => c is > ' ' and < '\u007f');

    public static bool IsValidToolName(string? tool) =>
        !string.IsNullOrWhiteSpace(tool) && tool.Length <= MaxToolNameLength && tool.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');
}
