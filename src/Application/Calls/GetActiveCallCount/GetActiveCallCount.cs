using MediatR;
using ProSaaS.Application.Common.Context;

namespace ProSaaS.Application.Calls.GetActiveCallCount;

/// <summary>How many calls of the current business are in progress (slots in use), inbound and outbound, and its limits.</summary>
public sealed record GetActiveCallCount : IRequest<ActiveCallCount>;

public sealed class GetActiveCallCountHandler(ICallSlots slots, IRequestContext context) : IRequestHandler<GetActiveCallCount, ActiveCallCount>
{
    public Task<ActiveCallCount> Handle(GetActiveCallCount request, CancellationToken cancellationToken) =>
        slots.CountAsync(context.RequireTenant(), cancellationToken);
}
