using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.Calls;

/// <summary>What the business should do next about a call, as its summary proposes.</summary>
public enum CallNextAction
{
    None,
    CallBack,
    SendQuote,
    ConfirmAppointment,
    HumanFollowUp,
}

/// <summary>How the caller seemed to feel, when the summarizer could tell.</summary>
public enum CallSentiment
{
    Positive,
    Neutral,
    Negative,
}

/// <summary>
/// A call's summary in Hebrew (1–3 sentences), the next action with its Hebrew wording, and the caller's mood when it could be
/// told. Personal data: the lead erasure blanks it as a whole.
/// </summary>
public sealed record CallSummaryContent(string Text, CallNextAction NextAction, string NextActionText, CallSentiment? Sentiment);

/// <summary>One utterance of the call as the summary saw it.</summary>
public sealed record CallSummaryTurn(CallSpeaker Speaker, string Text, long OffsetMs, DateTimeOffset At);

/// <summary>
/// The call's after-call report: its summary and next action (<see cref="Summary"/>, written by <see cref="Summarizer"/>:
/// <c>openai</c> or the rule-based <c>sandbox</c>; <see cref="FallbackReason"/> says why the rules stood in for the model),
/// and what it was made from, as it stood then — the transcript, the details collected, the tools the assistant used, why the
/// call ended (<see cref="EndReason"/>, and the media host's <see cref="HangupReason"/> when it gave one), its length and whether
/// a recording was stored. Recorded once per ended call; the <c>call.completed</c> webhook is sent from it. The lead erasure
/// blanks the summary, transcript, details and numbers.
/// </summary>
[EventType("call_summarized")]
public sealed record CallSummarized(
    Guid CallId,
    Guid? LeadId,
    CallDirection Direction,
    string? From,
    string? To,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    int DurationSeconds,
    CallEndReason? EndReason,
    CallEndReason? HangupReason,
    bool HasRecording,
    IReadOnlyList<CallSummaryTurn> Transcript,
    IReadOnlyDictionary<string, string> CollectedFields,
    IReadOnlyList<string> ToolsApplied,
    CallSummaryContent? Summary,
    string Summarizer,
    string? FallbackReason,
    DateTimeOffset SummarizedAt) : IDomainEvent;

/// <summary>The bounds of a call summary.</summary>
public static class CallSummaryRules
{
    public const int MaxSummaryLength = 1000;
    public const int MaxNextActionTextLength = 300;
    public const int MaxFallbackReasonLength = 300;

    public const string OpenAiSummarizer = "openai";
    public const string SandboxSummarizer = "sandbox";

    public static bool IsValidSummarizer(string? summarizer) => summarizer is OpenAiSummarizer or SandboxSummarizer;

    public static bool IsValid(CallSummaryContent? summary) =>
        summary is not null
        && !string.IsNullOrWhiteSpace(summary.Text) && summary.Text.Trim().Length <= MaxSummaryLength
        && !string.IsNullOrWhiteSpace(summary.NextActionText) && summary.NextActionText.Trim().Length <= MaxNextActionTextLength
        && Enum.IsDefined(summary.NextAction)
        && (summary.Sentiment is null || Enum.IsDefined(summary.Sentiment.Value));
}
