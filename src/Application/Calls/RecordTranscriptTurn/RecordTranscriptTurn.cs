using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Calls;

namespace ProSaaS.Application.Calls.RecordTranscriptTurn;

/// <summary>
/// The media host reports a finished utterance of a call of the current business (<c>call_transcript_turn</c>). Recorded
/// also after the call's end: a report may arrive late.
/// </summary>
/// <param name="Speaker"><c>caller</c> or <c>assistant</c>.</param>
/// <param name="OffsetMs">Milliseconds from the start of the call's audio stream.</param>
/// <param name="Interrupted">The assistant was cut off by the caller.</param>
public sealed record RecordTranscriptTurn(
    Guid CallId, Guid CommandId, DateTimeOffset At, string? Speaker, string? Text, long OffsetMs, bool Interrupted = false) : ICallCommand;

public sealed class RecordTranscriptTurnHandler(
    ICallQueries calls, ICallCommandLog log, ICallSlots slots, IEventStore events, IRequestContext context, TimeProvider clock)
    : CallCommandHandler<RecordTranscriptTurn>(calls, log, slots, events, context, clock)
{
    protected override string Kind => CallCommandKinds.TranscriptTurn;

    protected override bool Apply(Call call, RecordTranscriptTurn command, DateTimeOffset now)
    {
        CallMediaRules.TryParseSpeaker(command.Speaker, out var speaker);
        call.RecordTranscriptTurn(command.CommandId, speaker, command.Text, command.OffsetMs, command.Interrupted, command.At);
        return true;
    }
}
