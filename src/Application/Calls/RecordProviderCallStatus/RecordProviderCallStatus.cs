using MediatR;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Calls;

namespace ProSaaS.Application.Calls.RecordProviderCallStatus;

/// <summary>
/// A status report of the telephony provider about a call (Twilio's status callback). Reports arrive in any order and
/// may repeat: the call moves forward only, ends at its first final status (<c>call_completed</c>, which frees its slot),
/// and ignores the rest. Any report is a sign of life of the call. A report about a call that holds no slot — one that
/// has ended, was refused, or is not ours — changes nothing.
/// </summary>
/// <param name="ProviderCallId">Twilio's CallSid.</param>
/// <param name="Status">Twilio's CallStatus (<c>ringing</c>, <c>in-progress</c>, <c>completed</c>, …).</param>
/// <param name="SequenceNumber">Twilio's SequenceNumber of the callback.</param>
/// <param name="DurationSeconds">Twilio's CallDuration, on a final report.</param>
/// <param name="AnsweredBy">Twilio's AnsweredBy (answering machine detection), when asked for.</param>
public sealed record RecordProviderCallStatus(
    string ProviderCallId, string? Status, int? SequenceNumber = null, int? DurationSeconds = null, string? AnsweredBy = null)
    : IRequest<ProviderStatusOutcome>;

public enum ProviderStatusOutcome
{
    /// <summary>No live call has this provider id.</summary>
    UnknownCall,

    /// <summary>A repeat, a late or unknown status: nothing recorded (the call's sign of life is).</summary>
    Ignored,

    /// <summary>The call moved forward or ended.</summary>
    Recorded,
}

public sealed class RecordProviderCallStatusHandler(ICallSlots slots, IEventStore events, TimeProvider clock)
    : IRequestHandler<RecordProviderCallStatus, ProviderStatusOutcome>
{
    public async Task<ProviderStatusOutcome> Handle(RecordProviderCallStatus request, CancellationToken cancellationToken)
    {
        var live = await slots.FindByProviderCallIdAsync(request.ProviderCallId, cancellationToken);
        if (live is null)
        {
            return ProviderStatusOutcome.UnknownCall;
        }

        var now = clock.GetUtcNow();
        if (!CallStatusPolicy.TryParseProviderStatus(request.Status, out var reported))
        {
            await slots.TouchAsync(live.TenantId, live.CallId, now, cancellationToken);
            return ProviderStatusOutcome.Ignored;
        }

        var store = events.ForTenant(live.TenantId);
        // Two reports about one call may be handled at once (by two instances): the loser re-reads and decides again.
        return await ConcurrencyRetry.RunAsync(retry: true, async () =>
        {
            var call = await store.AggregateStreamAsync<Call>(live.CallId, cancellationToken: cancellationToken);
            if (call is null)
            {
                return ProviderStatusOutcome.UnknownCall;
            }

            var change = call.ApplyProviderStatus(reported, request.SequenceNumber, request.DurationSeconds, request.AnsweredBy, now);
            if (change == CallStatusChange.Ignore)
            {
                await slots.TouchAsync(live.TenantId, live.CallId, now, cancellationToken);
                return ProviderStatusOutcome.Ignored;
            }

            await store.SaveAsync(call, cancellationToken);
            return ProviderStatusOutcome.Recorded;
        });
    }
}
