using MediatR;
using Microsoft.Extensions.Logging;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Calls;

namespace ProSaaS.Application.Calls.AnswerOutboundCall;

/// <summary>
/// Decides what an outbound call does once the lead's phone is answered (Twilio's outbound voice webhook, whose address names
/// the call). The call is found by its own id among the live calls, so its business is the call's own — never one found
/// from a phone number. A call that is not live (unknown, ended, cancelled meanwhile) is hung up on; so is a request whose
/// provider call id is not the call's. An answering machine (or fax) is hung up on and the call ends as
/// <c>answering_machine</c>; anyone else is connected to the assistant, and the call is recorded as answered. The provider's
/// call id is recorded here if its answer to the create-call request has not been yet.
/// </summary>
/// <param name="CallId">The call the webhook's address names.</param>
/// <param name="ProviderCallId">Twilio's CallSid.</param>
/// <param name="ProviderStatus">Twilio's CallStatus (<c>in-progress</c> once answered).</param>
/// <param name="AnsweredBy">Twilio's AnsweredBy (answering machine detection).</param>
public sealed record AnswerOutboundCall(Guid CallId, string ProviderCallId, string? ProviderStatus, string? AnsweredBy)
    : IRequest<OutboundCallAnswer>;

public enum OutboundCallOutcome
{
    /// <summary>Connect the lead to the assistant.</summary>
    Connect,

    /// <summary>An answering machine picked up: hang up; the call has ended.</summary>
    AnsweringMachine,

    /// <summary>No live outbound call has this id, or the request's provider call id is not the call's: hang up, nothing recorded.</summary>
    NotLive,
}

/// <param name="TenantId">The call's business, for <see cref="OutboundCallOutcome.Connect"/>.</param>
/// <param name="LeadId">The lead called.</param>
/// <param name="TemplateId">The outbound template the call follows.</param>
public sealed record OutboundCallAnswer(
    OutboundCallOutcome Outcome, Guid CallId, string? TenantId = null, Guid? LeadId = null, Guid? TemplateId = null);

public sealed partial class AnswerOutboundCallHandler(
    ICallSlots slots, IEventStore events, TimeProvider clock, ILogger<AnswerOutboundCallHandler> logger)
    : IRequestHandler<AnswerOutboundCall, OutboundCallAnswer>
{
    public async Task<OutboundCallAnswer> Handle(AnswerOutboundCall request, CancellationToken cancellationToken)
    {
        var notLive = new OutboundCallAnswer(OutboundCallOutcome.NotLive, request.CallId);
        var live = await slots.FindByCallIdAsync(request.CallId, cancellationToken);
        if (live is null)
        {
            return notLive;
        }

        var store = events.ForTenant(live.TenantId);
        var providerCallId = request.ProviderCallId.Trim();
        return await ConcurrencyRetry.RunAsync(retry: true, async () =>
        {
            var call = await store.AggregateStreamAsync<Call>(request.CallId, cancellationToken: cancellationToken);
            if (call is null || call.Direction != CallDirection.Outbound || !call.IsLive)
            {
                return notLive;
            }

            if (!call.MayBeProviderCall(providerCallId))
            {
                LogNotTheCallsProviderId(live.TenantId, call.Id, providerCallId, call.ProviderCallId);
                return notLive;
            }

            var now = clock.GetUtcNow();
            call.RecordPlacement(providerCallId, now);
            // The webhook comes when the call is answered; only a final status (the call ended meanwhile) says otherwise.
            var answered = CallStatusPolicy.TryParseProviderStatus(request.ProviderStatus, out var reported) && CallStatusPolicy.IsFinal(reported)
                ? reported
                : CallStatus.InProgress;
            call.ApplyProviderStatus(answered, null, null, request.AnsweredBy, now);
            var machine = !AnsweringMachineDetection.ShouldConnect(request.AnsweredBy);
            if (machine)
            {
                call.End(CallEndReason.AnsweringMachine, now);
            }

            if (call.UncommittedEvents.Count > 0)
            {
                await store.SaveAsync(call, cancellationToken);
            }
            else
            {
                await slots.TouchAsync(live.TenantId, call.Id, now, cancellationToken);
            }

            return !call.IsLive
                ? machine ? new OutboundCallAnswer(OutboundCallOutcome.AnsweringMachine, call.Id, live.TenantId, call.LeadId, call.TemplateId) : notLive
                : new OutboundCallAnswer(OutboundCallOutcome.Connect, call.Id, live.TenantId, call.LeadId, call.TemplateId);
        });
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Outbound webhook for call {CallId} of business {TenantId} came for provider call {ProviderCallId}, but the call is {KnownProviderCallId}: hung up, nothing recorded")]
    private partial void LogNotTheCallsProviderId(string tenantId, Guid callId, string providerCallId, string? knownProviderCallId);
}
