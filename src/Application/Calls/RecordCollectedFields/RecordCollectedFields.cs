using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Calls;

namespace ProSaaS.Application.Calls.RecordCollectedFields;

/// <summary>
/// The media host reports details the caller of a call of the current business gave, by lead field key
/// (<c>call_fields_collected</c>): the call keeps the latest value of each key.
/// </summary>
public sealed record RecordCollectedFields(Guid CallId, Guid CommandId, DateTimeOffset At, IReadOnlyDictionary<string, string>? Fields)
    : ICallCommand;

public sealed class RecordCollectedFieldsHandler(
    ICallQueries calls, ICallCommandLog log, ICallSlots slots, IEventStore events, IRequestContext context, TimeProvider clock)
    : CallCommandHandler<RecordCollectedFields>(calls, log, slots, events, context, clock)
{
    protected override string Kind => CallCommandKinds.FieldsCollected;

    protected override bool Apply(Call call, RecordCollectedFields command, DateTimeOffset now)
    {
        call.RecordCollectedFields(command.CommandId, command.Fields, command.At);
        return true;
    }
}
