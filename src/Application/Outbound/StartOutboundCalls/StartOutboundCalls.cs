namespace ProSaaS.Application.Outbound.StartOutboundCalls;

/// <summary>
/// Calls one to three leads of the actor's business with an outbound template. The shape is checked by
/// <see cref="StartOutboundCallsValidator"/>; <see cref="OutboundCallPlanning.PlanAsync"/> then checks the business's
/// data (template usable, leads of the business with a phone, a number to call from) and says whom to call with what.
/// </summary>
/// <remarks>
/// Not yet a MediatR request: placing the calls needs the call slots. The handler to come makes this
/// <c>IRequest&lt;…&gt;</c>, plans with <see cref="OutboundCallPlanning.PlanAsync"/>, takes one outbound slot per target
/// (refusing with <see cref="OutboundCallLimitException"/> → 429 when none is free), appends each call's start and places
/// it through <c>ITelephonyGateway.PlaceCallAsync</c>.
/// </remarks>
/// <param name="LeadIds">The leads to call: one to three, each once.</param>
/// <param name="TemplateId">The outbound template the calls follow.</param>
public sealed record StartOutboundCalls(IReadOnlyList<Guid> LeadIds, Guid TemplateId);
