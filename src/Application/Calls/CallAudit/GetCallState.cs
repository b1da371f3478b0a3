using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Calls;

namespace ProSaaS.Application.Calls.CallAudit;

/// <summary>The call as it stood right after the event at <see cref="Version"/> (1 is its first event), replayed from its stream.</summary>
public sealed record GetCallState(Guid CallId, long Version) : IRequest<CallStateView>;

public sealed class GetCallStateHandler(ICallQueries calls, IEventStore events, IRequestContext context)
    : IRequestHandler<GetCallState, CallStateView>
{
    public const string VersionBeyondCode = "call.version_not_found";

    public async Task<CallStateView> Handle(GetCallState request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        var current = await calls.GetAsync(tenantId, request.CallId, cancellationToken) ?? throw new NotFoundException("call", request.CallId);
        var streamState = await events.FetchStreamStateAsync(request.CallId, cancellationToken) ?? throw new NotFoundException("call", request.CallId);
        if (request.Version > streamState.Version)
        {
            throw new ValidationFailedException(new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["version"] = [$"לשיחה יש {streamState.Version} אירועים; בחרו גרסה בין 1 ל-{streamState.Version}."],
            });
        }

        var stream = await events.FetchStreamAsync(request.CallId, request.Version, cancellationToken: cancellationToken);
        var call = await events.AggregateStreamAsync<Call>(request.CallId, request.Version, cancellationToken: cancellationToken)
                   ?? throw new NotFoundException("call", request.CallId);
        var last = stream[^1];
        var turns = stream.Select(e => e.Data).OfType<CallTranscriptTurn>()
            .Select((t, arrival) => (Turn: t, Arrival: arrival))
            .OrderBy(x => x.Turn.OffsetMs).ThenBy(x => x.Arrival)
            .Select(x => new CallTranscriptTurnView(x.Turn.Speaker, x.Turn.Text, x.Turn.OffsetMs, x.Turn.Interrupted, x.Turn.At))
            .ToList();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var collected in stream.Select(e => e.Data).OfType<CallFieldsCollected>())
        {
            foreach (var (key, value) in collected.Fields)
            {
                fields[key] = value;
            }
        }

        return new CallStateView(
            request.CallId, last.Version, streamState.Version, last.EventTypeName, CallStates.AtOf(last),
            call.Direction, call.Status, call.IsLive, call.From, call.To,
            call.LeadId, call.LeadId is not null && call.LeadId == current.LeadId ? current.LeadName : null,
            call.StartedAt, call.AnsweredAt, call.EndedAt, call.DurationSeconds, call.EndReason, call.RejectionReason, call.MediaEndReason,
            call.Recording is { IsDeleted: false }, call.PromptVersion, turns, fields);
    }
}
