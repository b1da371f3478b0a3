using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Users;
using ProSaaS.Domain.Calls;

namespace ProSaaS.Application.Calls.CallAudit;

/// <summary>A call's audit trail: every event of its stream, oldest first, with who or what caused it.</summary>
public sealed record ListCallEvents(Guid CallId) : IRequest<CallAuditTrail>;

public sealed class ListCallEventsHandler(ICallQueries calls, IEventStore events, IUserQueries users, IRequestContext context)
    : IRequestHandler<ListCallEvents, CallAuditTrail>
{
    public async Task<CallAuditTrail> Handle(ListCallEvents request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        _ = await calls.GetAsync(tenantId, request.CallId, cancellationToken) ?? throw new NotFoundException("call", request.CallId);
        var stream = await events.FetchStreamAsync(request.CallId, cancellationToken: cancellationToken);
        var names = await CallActors.UserNamesAsync(users, tenantId, stream, cancellationToken);
        var status = CallStatus.Queued;
        var items = new List<CallAuditEvent>(stream.Count);
        foreach (var stored in stream)
        {
            status = CallStates.StatusAfter(status, stored.Data);
            items.Add(new CallAuditEvent(stored.Version, stored.EventTypeName, CallStates.AtOf(stored), stored.Timestamp,
                CallActors.Of(stored, names), CallStates.DetailOf(stored.Data), status,
                stored.Data is CallTranscriptTurn turn ? turn.Speaker : null));
        }

        return new CallAuditTrail(request.CallId, stream.Count == 0 ? 0 : stream[^1].Version, items);
    }
}
