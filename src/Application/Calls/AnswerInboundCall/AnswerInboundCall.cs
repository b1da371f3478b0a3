using MediatR;
using Microsoft.Extensions.Logging;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Tenants;
using ProSaaS.Domain.Calls;
using ProSaaS.Domain.Common.PhoneNumbers;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Calls.AnswerInboundCall;

/// <summary>
/// Decides how an inbound call is answered. The business is the one that owns the dialled number (<see cref="To"/>): an
/// unknown number is refused and nothing is recorded; a suspended business refuses the caller (<c>call_rejected</c>,
/// <c>tenant_suspended</c>); a business whose call slots are all taken refuses too (<c>limit_reached</c>); otherwise the
/// call takes a slot and starts (<c>call_started</c>) — the slot and the event in one transaction. The same provider call
/// asked about again gets the same answer and records nothing more.
/// </summary>
/// <param name="ProviderCallId">The provider's call id (Twilio's CallSid).</param>
/// <param name="From">The caller's number as the provider sent it.</param>
/// <param name="To">The dialled number.</param>
/// <param name="ProviderStatus">The provider's status of the call (usually <c>ringing</c>).</param>
public sealed record AnswerInboundCall(string ProviderCallId, string? From, string? To, string? ProviderStatus) : IRequest<InboundCallAnswer>;

public enum InboundCallOutcome
{
    /// <summary>Connect the caller to the assistant.</summary>
    Connect,

    /// <summary>No business answers this number: refuse, nothing recorded.</summary>
    UnknownNumber,

    TenantSuspended,
    LimitReached,

    /// <summary>The provider asked again about a call that has ended meanwhile.</summary>
    Ended,
}

/// <param name="CallId">The call's id, for every outcome but <see cref="InboundCallOutcome.UnknownNumber"/>.</param>
/// <param name="TenantId">The business's tenant id, likewise.</param>
/// <param name="BusinessName">The business's name, to greet or apologise with.</param>
public sealed record InboundCallAnswer(InboundCallOutcome Outcome, Guid? CallId = null, string? TenantId = null, string? BusinessName = null);

public sealed partial class AnswerInboundCallHandler(
    ITenantQueries tenants, IEventStore events, TimeProvider clock, ILogger<AnswerInboundCallHandler> logger)
    : IRequestHandler<AnswerInboundCall, InboundCallAnswer>
{
    public async Task<InboundCallAnswer> Handle(AnswerInboundCall request, CancellationToken cancellationToken)
    {
        var tenant = IsraeliPhoneNumber.TryNormalize(request.To, out var dialled)
            ? await tenants.FindByPhoneNumberAsync(dialled, cancellationToken)
            : null;
        if (tenant is null)
        {
            LogUnknownNumber(request.To, request.ProviderCallId);
            return new InboundCallAnswer(InboundCallOutcome.UnknownNumber);
        }

        var store = events.ForTenant(tenant.TenantKey);
        var callId = CallIds.ForProviderCall(tenant.TenantKey, request.ProviderCallId);
        var from = CallNumbers.Normalize(request.From);
        var now = clock.GetUtcNow();
        if (tenant.Status == TenantStatus.Suspended)
        {
            return await RejectAsync(store, tenant, callId, request.ProviderCallId, from, dialled, CallRejectionReason.TenantSuspended, now, cancellationToken);
        }

        var status = CallStatusPolicy.TryParseProviderStatus(request.ProviderStatus, out var reported) && !CallStatusPolicy.IsFinal(reported)
            ? reported
            : CallStatus.Ringing;
        var call = Call.Start(callId, CallDirection.Inbound, request.ProviderCallId, from, dialled, null, status, now);
        try
        {
            await store.SaveAsync(call, cancellationToken);
            return Answer(InboundCallOutcome.Connect, tenant, callId);
        }
        catch (CallCapacityExceededException)
        {
            return await RejectAsync(store, tenant, callId, request.ProviderCallId, from, dialled, CallRejectionReason.LimitReached, now, cancellationToken);
        }
        catch (ConcurrencyException)
        {
            return await AnswerAgainAsync(store, tenant, callId, cancellationToken);
        }
    }

    private async Task<InboundCallAnswer> RejectAsync(
        IEventStore store, ResolvedTenant tenant, Guid callId, string providerCallId, string? from, string to,
        CallRejectionReason reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await store.SaveAsync(Call.Reject(callId, CallDirection.Inbound, providerCallId, from, to, null, reason, now), cancellationToken);
            return Answer(OutcomeOf(reason), tenant, callId);
        }
        catch (ConcurrencyException)
        {
            return await AnswerAgainAsync(store, tenant, callId, cancellationToken);
        }
    }

    /// <summary>The provider asked about this call before (a retry, or the same request to two instances): answer as then.</summary>
    private static async Task<InboundCallAnswer> AnswerAgainAsync(IEventStore store, ResolvedTenant tenant, Guid callId, CancellationToken cancellationToken)
    {
        var call = await store.AggregateStreamAsync<Call>(callId, cancellationToken: cancellationToken)
                   ?? throw new InvalidOperationException($"Call {callId} was reported to exist but has no events.");
        var outcome = call.IsLive ? InboundCallOutcome.Connect
            : call.RejectionReason is { } reason ? OutcomeOf(reason)
            : InboundCallOutcome.Ended;
        return Answer(outcome, tenant, callId);
    }

    private static InboundCallOutcome OutcomeOf(CallRejectionReason reason) => reason switch
    {
        CallRejectionReason.TenantSuspended => InboundCallOutcome.TenantSuspended,
        _ => InboundCallOutcome.LimitReached,
    };

    private static InboundCallAnswer Answer(InboundCallOutcome outcome, ResolvedTenant tenant, Guid callId) =>
        new(outcome, callId, tenant.TenantKey, tenant.Name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound call {ProviderCallId} to {DialledNumber}, a number no business answers: refused")]
    private partial void LogUnknownNumber(string? dialledNumber, string providerCallId);
}
