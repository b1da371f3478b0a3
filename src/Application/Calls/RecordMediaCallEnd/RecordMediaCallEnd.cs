using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Calls;

namespace ProSaaS.Application.Calls.RecordMediaCallEnd;

/// <summary>
/// The media host's side of a call of the current business ended, for <see cref="Reason"/> (one of its end reasons), with
/// the call's figures. A live call ends with that reason (<c>call_completed</c>) and frees its slot; a call that ended
/// already keeps its end. Either way <c>call_media_ended</c> records the media host's reason and figures — once: a second
/// end report of the call is ignored.
/// </summary>
public sealed record RecordMediaCallEnd(Guid CallId, Guid CommandId, DateTimeOffset At, string? Reason, CallMediaMetrics? Metrics) : ICallCommand;

public sealed class RecordMediaCallEndHandler(
    ICallQueries calls, ICallCommandLog log, ICallSlots slots, IEventStore events, IRequestContext context, TimeProvider clock)
    : CallCommandHandler<RecordMediaCallEnd>(calls, log, slots, events, context, clock)
{
    protected override string Kind => CallCommandKinds.CallEnded;

    protected override bool Apply(Call call, RecordMediaCallEnd command, DateTimeOffset now)
    {
        CallMediaRules.TryParseMediaEndReason(command.Reason, out var reason);
        return call.RecordMediaEnd(command.CommandId, reason, command.Metrics!, command.At, now);
    }
}
