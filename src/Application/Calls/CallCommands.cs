using MediatR;
using ProSaaS.Application.Calls.HangUpCall;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Calls;

namespace ProSaaS.Application.Calls;

/// <summary>The kinds of report the media host sends about a call (the <c>type</c> of its commands).</summary>
public static class CallCommandKinds
{
    public const string TranscriptTurn = "transcript_turn";
    public const string FieldsCollected = "fields_collected";
    public const string CallEnded = "call_ended";

    public static IReadOnlyList<string> All { get; } = [TranscriptTurn, FieldsCollected, CallEnded];
}

public enum CallCommandStatus
{
    /// <summary>Recorded by this command.</summary>
    Applied,

    /// <summary>Nothing to record (the media host's end of the call was recorded already).</summary>
    Ignored,
}

/// <summary>
/// What a report of the media host came to: recorded (<see cref="CallCommandStatus.Applied"/>) or not needed, and the
/// call's version after it. The first outcome of a command id is kept: a retry gets it again.
/// </summary>
public sealed record CallCommandOutcome(Guid CommandId, Guid CallId, string Kind, CallCommandStatus Status, long CallVersion);

/// <summary>
/// The outcomes of the media host's reports, by command id, per business. An applied report's outcome is written with its
/// events (in the appending transaction); a report that recorded nothing has its outcome written here.
/// </summary>
public interface ICallCommandLog
{
    Task<CallCommandOutcome?> FindAsync(string tenantId, Guid commandId, CancellationToken cancellationToken);

    /// <summary>Keeps the outcome of a report that recorded nothing; returns the outcome kept first for its command id.</summary>
    Task<CallCommandOutcome> RecordIgnoredAsync(string tenantId, CallCommandOutcome outcome, CancellationToken cancellationToken);
}

/// <summary>
/// The append of a report failed because its command id was recorded meanwhile (by a concurrent delivery of the same
/// report): nothing of this append is kept, and the first outcome stands.
/// </summary>
public sealed class CallCommandSeenException(Guid commandId) : AppException($"Command {commandId} has been recorded already.")
{
    public Guid CommandId { get; } = commandId;
}

/// <summary>A report of the media host about one call of the current business.</summary>
public interface ICallCommand : IRequest<CallCommandOutcome>
{
    Guid CallId { get; }

    Guid CommandId { get; }

    /// <summary>When it happened, by the media host's clock.</summary>
    DateTimeOffset At { get; }
}

/// <summary>
/// Records a media host report once, however often and however concurrently it arrives: a report whose command id has an
/// outcome gets that outcome and appends nothing; otherwise the call's events are appended together with the outcome
/// (a concurrent delivery that wins makes this append fail with <see cref="CallCommandSeenException"/>, and its outcome is
/// answered). A call the business does not have is not found; a refused call never had a stream (409 <c>call.not_live</c>).
/// </summary>
public abstract class CallCommandHandler<TCommand>(
    ICallQueries calls, ICallCommandLog log, ICallSlots slots, IEventStore events, IRequestContext context, TimeProvider clock)
    : IRequestHandler<TCommand, CallCommandOutcome>
    where TCommand : ICallCommand
{
    public const string CommandReusedCode = "call.command_id_reused";

    protected abstract string Kind { get; }

    /// <summary>Applies the report to the call; false when there is nothing to record.</summary>
    protected abstract bool Apply(Call call, TCommand command, DateTimeOffset now);

    public async Task<CallCommandOutcome> Handle(TCommand request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        return await ConcurrencyRetry.RunAsync(retry: true, async () =>
        {
            if (await log.FindAsync(tenantId, request.CommandId, cancellationToken) is { } seen)
            {
                return Same(seen, request);
            }

            var view = await calls.GetAsync(tenantId, request.CallId, cancellationToken) ?? throw new NotFoundException("call", request.CallId);
            if (view.Status == CallStatus.Rejected)
            {
                throw new ConflictException(HangUpCallHandler.NotLiveCode, "השיחה נדחתה ולא חוברה; אין עליה מה לדווח.");
            }

            var call = await events.AggregateStreamAsync<Call>(request.CallId, cancellationToken: cancellationToken)
                       ?? throw new NotFoundException("call", request.CallId);
            var now = clock.GetUtcNow();
            if (!Apply(call, request, now))
            {
                var ignored = new CallCommandOutcome(request.CommandId, request.CallId, Kind, CallCommandStatus.Ignored, call.Version);
                return Same(await log.RecordIgnoredAsync(tenantId, ignored, cancellationToken), request);
            }

            try
            {
                await events.SaveAsync(call, cancellationToken);
            }
            catch (CallCommandSeenException)
            {
                var first = await log.FindAsync(tenantId, request.CommandId, cancellationToken)
                            ?? throw new InvalidOperationException($"Command {request.CommandId} was reported recorded but has no outcome.");
                return Same(first, request);
            }

            if (call.IsLive)
            {
                // A report is a sign of life, like a heartbeat.
                await slots.TouchAsync(tenantId, call.Id, now, cancellationToken);
            }

            return new CallCommandOutcome(request.CommandId, request.CallId, Kind, CallCommandStatus.Applied, call.Version);
        });
    }

    /// <summary>The first outcome, when it is an outcome of this very report: a command id names one report of one call.</summary>
    private CallCommandOutcome Same(CallCommandOutcome seen, TCommand request) =>
        seen.CallId == request.CallId && seen.Kind == Kind
            ? seen
            : throw new ConflictException(CommandReusedCode, "מזהה הדיווח (commandId) כבר שימש לדיווח אחר; לכל דיווח מזהה משלו.");
}
