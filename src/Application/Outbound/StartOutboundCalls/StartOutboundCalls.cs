using System.Runtime.ExceptionServices;
using MediatR;
using Microsoft.Extensions.Logging;
using ProSaaS.Application.Calls;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Leads;
using ProSaaS.Application.Telephony;
using ProSaaS.Application.Tenants;
using ProSaaS.Domain.Calls;
using ProSaaS.Domain.Common;

namespace ProSaaS.Application.Outbound.StartOutboundCalls;

/// <summary>
/// Calls one to three leads of the actor's business with an outbound template. The shape is checked by
/// <see cref="StartOutboundCallsValidator"/>; <see cref="OutboundCallPlanning.PlanAsync"/> then checks the business's
/// data (template usable, leads of the business with a phone, a number to call from) and says whom to call with what.
/// </summary>
/// <remarks>
/// All or nothing on the limits: every call's <c>call_started</c> is appended in one transaction, in which each takes a
/// slot under the business's lock; if the business cannot take them all, nothing is recorded and the answer is
/// <see cref="OutboundCallLimitException"/> (429). Each call is then placed with the provider; a call the provider refuses
/// or does not answer for ends at once as <c>failed</c> (its slot is free) and is reported so, while the others go on.
/// When not one call could be placed the request fails as the provider failed (502), with no slot left taken.
/// </remarks>
/// <param name="LeadIds">The leads to call: one to three, each once.</param>
/// <param name="TemplateId">The outbound template the calls follow.</param>
public sealed record StartOutboundCalls(IReadOnlyList<Guid> LeadIds, Guid TemplateId) : IRequest<OutboundCallsStarted>;

/// <summary>The calls, one per lead asked for, in the order asked.</summary>
public sealed record OutboundCallsStarted(IReadOnlyList<StartedOutboundCall> Calls);

/// <summary>
/// One call of a start. <see cref="Status"/> is <c>queued</c> when the provider took the call (its progress follows in the
/// call's own record) or <c>failed</c> when it could not be placed — then <see cref="ErrorCode"/> and <see cref="Error"/>
/// (Hebrew) say why.
/// </summary>
public sealed record StartedOutboundCall(
    Guid CallId, Guid LeadId, string? LeadName, CallStatus Status, string? ErrorCode = null, string? Error = null);

public sealed partial class StartOutboundCallsHandler(
    IOutboundTemplateQueries templates,
    ILeadQueries leads,
    ITenantQueries tenants,
    ICallSlots slots,
    IEventStore events,
    ITelephonyGateway telephony,
    ITelephonyWebhooks webhooks,
    IRequestContext context,
    TimeProvider clock,
    ILogger<StartOutboundCallsHandler> logger)
    : IRequestHandler<StartOutboundCalls, OutboundCallsStarted>
{
    public const string PlacementFailedCode = "outbound.call_failed";
    public const string ProviderRefusedMessage = "ספק הטלפוניה סירב להתקשר לליד הזה; השיחה לא יצאה.";
    public const string ProviderUnreachableMessage = "ספק הטלפוניה לא ענה בזמן, ולכן השיחה בוטלה.";
    public const string PlacementFailedMessage = "אירעה תקלה בהתקשרות לליד הזה, ולכן השיחה בוטלה.";

    public async Task<OutboundCallsStarted> Handle(StartOutboundCalls request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        var plan = await OutboundCallPlanning.PlanAsync(templates, leads, tenants, tenantId, request, cancellationToken);
        var now = clock.GetUtcNow();
        var calls = plan.Targets
            .Select(target => new OutboundCall(target, Call.StartOutbound(Guid.CreateVersion7(now), plan.FromNumber, target.Phone, target.LeadId, plan.Template.Id, now)))
            .ToList();
        // The addresses first: without them no call could be answered, and nothing may be taken for it.
        var placements = calls.Select(c => new PlaceCallRequest(
            c.Target.Phone, plan.FromNumber, webhooks.OutboundAnswerUrl(c.Call.Id), webhooks.StatusCallbackUrl(c.Call.Id))).ToList();

        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            // Not cancelled halfway: once the slots may be taken, the calls must be placed or ended below.
            await events.SaveManyAsync(calls.Select(c => (AggregateRoot)c.Call).ToList(), CancellationToken.None);
        }
        catch (CallCapacityExceededException full)
        {
            throw await LimitReachedAsync(tenantId, full.Direction, CancellationToken.None);
        }

        // The calls hold slots now: whatever becomes of the request (its caller may leave), each is placed or ended.
        var outcomes = await Task.WhenAll(placements.Select(PlaceAsync));
        var results = new List<StartedOutboundCall>(calls.Count);
        for (var i = 0; i < calls.Count; i++)
        {
            results.Add(outcomes[i].Placed is { } placed
                ? await RecordPlacedAsync(tenantId, calls[i], placed)
                : await EndUnplacedAsync(tenantId, calls[i], outcomes[i].Failure!));
        }

        if (results.All(r => r.Status == CallStatus.Failed))
        {
            var failure = outcomes.Select(o => o.Failure).OfType<TelephonyProviderException>().FirstOrDefault()
                          ?? outcomes[0].Failure!;
            ExceptionDispatchInfo.Capture(failure).Throw();
        }

        return new OutboundCallsStarted(results);
    }

    private async Task<Placement> PlaceAsync(PlaceCallRequest request)
    {
        try
        {
            return new Placement(await telephony.PlaceCallAsync(request, CancellationToken.None), null);
        }
        catch (Exception ex)
        {
            return new Placement(null, ex);
        }
    }

    private async Task<StartedOutboundCall> RecordPlacedAsync(string tenantId, OutboundCall outbound, PlacedCall placed)
    {
        try
        {
            // A callback of the provider may have recorded the id already (it can overtake the provider's answer).
            await ConcurrencyRetry.RunAsync(retry: true, async () =>
            {
                var call = await events.AggregateStreamAsync<Call>(outbound.Call.Id, cancellationToken: CancellationToken.None)
                           ?? throw new NotFoundException("call", outbound.Call.Id);
                if (call.RecordPlacement(placed.ProviderCallId, clock.GetUtcNow()))
                {
                    await events.SaveAsync(call, CancellationToken.None);
                }

                return true;
            });
            LogPlaced(tenantId, outbound.Call.Id, outbound.Target.LeadId, placed.ProviderCallId);
        }
        catch (Exception ex)
        {
            // The call is under way at the provider; its callbacks name the call and record the id themselves.
            LogPlacementNotRecorded(ex, tenantId, outbound.Call.Id, placed.ProviderCallId);
        }

        return new StartedOutboundCall(outbound.Call.Id, outbound.Target.LeadId, outbound.Target.LeadName, CallStatus.Queued);
    }

    private async Task<StartedOutboundCall> EndUnplacedAsync(string tenantId, OutboundCall outbound, Exception failure)
    {
        var provider = failure as TelephonyProviderException;
        LogPlacementFailed(failure, tenantId, outbound.Call.Id, outbound.Target.LeadId, provider?.ProviderCode, provider?.ProviderMessage);
        try
        {
            await ConcurrencyRetry.RunAsync(retry: true, async () =>
            {
                var call = await events.AggregateStreamAsync<Call>(outbound.Call.Id, cancellationToken: CancellationToken.None)
                           ?? throw new NotFoundException("call", outbound.Call.Id);
                if (call.End(CallEndReason.Failed, clock.GetUtcNow()))
                {
                    await events.SaveAsync(call, CancellationToken.None);
                }

                return true;
            });
        }
        catch (Exception ex)
        {
            // Left holding its slot: the lost call scan closes it, as nothing will ever report about it.
            LogEndNotRecorded(ex, tenantId, outbound.Call.Id);
        }

        var (code, message) = provider switch
        {
            { Answered: true } => (provider.Code, ProviderRefusedMessage),
            { Answered: false } => (provider.Code, ProviderUnreachableMessage),
            _ => (PlacementFailedCode, PlacementFailedMessage),
        };
        return new StartedOutboundCall(outbound.Call.Id, outbound.Target.LeadId, outbound.Target.LeadName, CallStatus.Failed, code, message);
    }

    /// <summary>The refusal, told with the business's counts as they are now.</summary>
    private async Task<OutboundCallLimitException> LimitReachedAsync(string tenantId, CallDirection refused, CancellationToken cancellationToken)
    {
        var count = await slots.CountAsync(tenantId, cancellationToken);
        return refused == CallDirection.Outbound
            ? OutboundCallLimitException.Outbound(count.Outbound, count.MaxOutboundCalls)
            : OutboundCallLimitException.Total(count.Total, count.MaxConcurrentCalls);
    }

    private sealed record OutboundCall(OutboundCallTarget Target, Call Call);

    private sealed record Placement(PlacedCall? Placed, Exception? Failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbound call {CallId} of business {TenantId} to lead {LeadId} placed as {ProviderCallId}")]
    private partial void LogPlaced(string tenantId, Guid callId, Guid leadId, string providerCallId);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Outbound call {CallId} of business {TenantId} to lead {LeadId} could not be placed (provider code {ProviderCode}: {ProviderMessage}); ending it as failed")]
    private partial void LogPlacementFailed(Exception exception, string tenantId, Guid callId, Guid leadId, int? providerCode, string? providerMessage);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Outbound call {CallId} of business {TenantId} was placed as {ProviderCallId}, but recording that failed; its callbacks will record it")]
    private partial void LogPlacementNotRecorded(Exception exception, string tenantId, Guid callId, string providerCallId);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Outbound call {CallId} of business {TenantId} could not be placed, and ending it failed; the lost call scan will free its slot")]
    private partial void LogEndNotRecorded(Exception exception, string tenantId, Guid callId);
}
