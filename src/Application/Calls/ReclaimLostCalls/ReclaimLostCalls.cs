using MediatR;
using Microsoft.Extensions.Logging;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Telephony;
using ProSaaS.Domain.Calls;

namespace ProSaaS.Application.Calls.ReclaimLostCalls;

/// <summary>
/// Closes the live calls that have shown no sign of life — no provider report, no media host heartbeat — for
/// <see cref="SilentFor"/>: each is asked to hang up at the provider (in case it still runs without anyone serving it) and
/// ends as <c>lost</c>, which gives its slot back. Several processes may run this at once: a call ends once. Answers how many
/// calls were closed.
/// </summary>
/// <param name="SilentFor">How long without a sign of life makes a call lost.</param>
/// <param name="Limit">The most calls closed in one run; the next run continues.</param>
public sealed record ReclaimLostCalls(TimeSpan SilentFor, int Limit = ReclaimLostCalls.DefaultLimit) : IRequest<int>
{
    public const int DefaultLimit = 100;
}

public sealed partial class ReclaimLostCallsHandler(
    ICallSlots slots, IEventStore events, ITelephonyGateway telephony, TimeProvider clock, ILogger<ReclaimLostCallsHandler> logger)
    : IRequestHandler<ReclaimLostCalls, int>
{
    public async Task<int> Handle(ReclaimLostCalls request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var silent = await slots.FindSilentAsync(now - request.SilentFor, request.Limit, cancellationToken);
        var closed = 0;
        foreach (var lost in silent)
        {
            var store = events.ForTenant(lost.TenantId);
            var call = await store.AggregateStreamAsync<Call>(lost.CallId, cancellationToken: cancellationToken);
            if (call is null || !call.IsLive)
            {
                // A slot with no live call behind it cannot come from an append; give it back all the same.
                await slots.ReleaseAsync(lost.TenantId, lost.CallId, cancellationToken);
                continue;
            }

            if (call.ProviderCallId is { } providerCallId)
            {
                try
                {
                    await telephony.HangUpAsync(providerCallId, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // The call is closed regardless: a provider that cannot be reached must not keep the slot taken.
                    LogHangUpFailed(ex, lost.TenantId, lost.CallId);
                }
            }

            var ended = await ConcurrencyRetry.RunAsync(retry: true, async () =>
            {
                var current = await store.AggregateStreamAsync<Call>(lost.CallId, cancellationToken: cancellationToken);
                if (current is null || !current.End(CallEndReason.Lost, clock.GetUtcNow()))
                {
                    return false;
                }

                await store.SaveAsync(current, cancellationToken);
                return true;
            });
            if (ended)
            {
                closed++;
                LogLost(lost.TenantId, lost.CallId, lost.LastSeenAt);
            }
        }

        return closed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId} of business {TenantId} showed no sign of life since {LastSeenAt}: closed as lost")]
    private partial void LogLost(string tenantId, Guid callId, DateTimeOffset lastSeenAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hanging up lost call {CallId} of business {TenantId} at the provider failed; closing it anyway")]
    private partial void LogHangUpFailed(Exception exception, string tenantId, Guid callId);
}
