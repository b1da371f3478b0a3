using MediatR;
using ProSaaS.Application.Common.Context;

namespace ProSaaS.Application.Calls.RecordCallHeartbeat;

/// <summary>
/// The media host says a call of the current business is still running. Nothing is recorded as an event; the call's slot
/// is marked alive, so that it is not closed as lost. Answers whether the call is still live: false tells the media host
/// that the call has ended (or never started) and its stream should close.
/// </summary>
public sealed record RecordCallHeartbeat(Guid CallId) : IRequest<bool>;

public sealed class RecordCallHeartbeatHandler(ICallSlots slots, IRequestContext context, TimeProvider clock)
    : IRequestHandler<RecordCallHeartbeat, bool>
{
    public Task<bool> Handle(RecordCallHeartbeat request, CancellationToken cancellationToken) =>
        slots.TouchAsync(context.RequireTenant(), request.CallId, clock.GetUtcNow(), cancellationToken);
}
