using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Telephony;
using ProSaaS.Domain.Calls;

namespace ProSaaS.Application.Calls.HangUpCall;

/// <summary>
/// A user of the business ends one of its live calls: the provider hangs it up first, then the call ends as
/// <c>hung_up_by_business</c> and its slot is free. A call that has already ended (or was refused) is a conflict
/// (<c>call.not_live</c>); if it ends by another route while this runs, that end stands and nothing more is recorded. When
/// the provider refuses or does not answer (<see cref="TelephonyProviderException"/>), nothing is recorded.
/// </summary>
public sealed record HangUpCall(Guid CallId) : IRequest<CallView>;

public sealed class HangUpCallHandler(ICallQueries calls, IEventStore events, ITelephonyGateway telephony, IRequestContext context, TimeProvider clock)
    : IRequestHandler<HangUpCall, CallView>
{
    public const string NotLiveCode = "call.not_live";

    public async Task<CallView> Handle(HangUpCall request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        _ = await calls.GetAsync(tenantId, request.CallId, cancellationToken) ?? throw new NotFoundException("call", request.CallId);
        var call = await events.AggregateStreamAsync<Call>(request.CallId, cancellationToken: cancellationToken)
                   ?? throw new NotFoundException("call", request.CallId);
        if (!call.IsLive)
        {
            throw NotLive();
        }

        if (call.ProviderCallId is { } providerCallId)
        {
            // A provider that refuses or does not answer fails the request (TelephonyProviderException, 502): nothing is recorded.
            await telephony.HangUpAsync(providerCallId, cancellationToken);
        }

        await ConcurrencyRetry.RunAsync(retry: true, async () =>
        {
            var current = await events.AggregateStreamAsync<Call>(request.CallId, cancellationToken: cancellationToken)
                          ?? throw new NotFoundException("call", request.CallId);
            if (current.End(CallEndReason.HungUpByBusiness, clock.GetUtcNow()))
            {
                await events.SaveAsync(current, cancellationToken);
            }

            return true;
        });

        return await calls.GetAsync(tenantId, request.CallId, cancellationToken) ?? throw new NotFoundException("call", request.CallId);
    }

    private static ConflictException NotLive() => new(NotLiveCode, "השיחה כבר הסתיימה; אין מה לנתק.");
}
