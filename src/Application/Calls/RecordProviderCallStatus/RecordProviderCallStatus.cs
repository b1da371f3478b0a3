using MediatR;
using Microsoft.Extensions.Logging;
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
/// <remarks>
/// The reports about a call the platform placed name it (<see cref="CallId"/>, from the callback's address): that call is
/// found by its id — its business is the call's own — even before the provider's id of it is recorded (a report can
/// overtake the provider's answer to the create-call request), and the report's <see cref="ProviderCallId"/> is recorded
/// then (<c>call_placed</c>). A report whose provider call id is not the named call's changes nothing.
/// </remarks>
/// <param name="ProviderCallId">Twilio's CallSid.</param>
/// <param name="Status">Twilio's CallStatus (<c>ringing</c>, <c>in-progress</c>, <c>completed</c>, …).</param>
/// <param name="SequenceNumber">Twilio's SequenceNumber of the callback.</param>
/// <param name="DurationSeconds">Twilio's CallDuration, on a final report.</param>
/// <param name="AnsweredBy">Twilio's AnsweredBy (answering machine detection), when asked for.</param>
/// <param name="CallId">The call the callback's address names, for a call the platform placed.</param>
public sealed record RecordProviderCallStatus(
    string ProviderCallId, string? Status, int? SequenceNumber = null, int? DurationSeconds = null, string? AnsweredBy = null, Guid? CallId = null)
    : IRequest<ProviderStatusOutcome>;

public enum ProviderStatusOutcome
{
    /// <summary>No live call has this provider id (or the id named), or the named call is another provider call's.</summary>
    UnknownCall,

    /// <summary>A repeat, a late or unknown status: nothing recorded (the call's sign of life is).</summary>
    Ignored,

    /// <summary>The call moved forward or ended.</summary>
    Recorded,
}

public sealed partial class RecordProviderCallStatusHandler(
    ICallSlots slots, IEventStore events, TimeProvider clock, ILogger<RecordProviderCallStatusHandler> logger)
    : IRequestHandler<RecordProviderCallStatus, ProviderStatusOutcome>
{
    public async Task<ProviderStatusOutcome> Handle(RecordProviderCallStatus request, CancellationToken cancellationToken)
    {
        if (request.CallId is { } named)
        {
            return await RecordForNamedCallAsync(named, request, cancellationToken);
        }

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

    private async Task<ProviderStatusOutcome> RecordForNamedCallAsync(Guid callId, RecordProviderCallStatus request, CancellationToken cancellationToken)
    {
        var live = await slots.FindByCallIdAsync(callId, cancellationToken);
        if (live is null)
        {
            return ProviderStatusOutcome.UnknownCall;
        }

        var store = events.ForTenant(live.TenantId);
        var providerCallId = request.ProviderCallId.Trim();
        return await ConcurrencyRetry.RunAsync(retry: true, async () =>
        {
            var call = await store.AggregateStreamAsync<Call>(callId, cancellationToken: cancellationToken);
            if (call is null)
            {
                return ProviderStatusOutcome.UnknownCall;
            }

            if (!call.MayBeProviderCall(providerCallId))
            {
                LogNotTheCallsProviderId(live.TenantId, callId, providerCallId, call.ProviderCallId);
                return ProviderStatusOutcome.UnknownCall;
            }

            var now = clock.GetUtcNow();
            call.RecordPlacement(providerCallId, now);
            var change = CallStatusPolicy.TryParseProviderStatus(request.Status, out var reported)
                ? call.ApplyProviderStatus(reported, request.SequenceNumber, request.DurationSeconds, request.AnsweredBy, now)
                : CallStatusChange.Ignore;
            if (call.UncommittedEvents.Count == 0)
            {
                await slots.TouchAsync(live.TenantId, callId, now, cancellationToken);
                return ProviderStatusOutcome.Ignored;
            }

            await store.SaveAsync(call, cancellationToken);
            return change == CallStatusChange.Ignore ? ProviderStatusOutcome.Ignored : ProviderStatusOutcome.Recorded;
        });
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Status report for call {CallId} of business {TenantId} came for provider call {ProviderCallId}, but the call is {KnownProviderCallId}: nothing recorded")]
    private partial void LogNotTheCallsProviderId(string tenantId, Guid callId, string providerCallId, string? knownProviderCallId);
}
