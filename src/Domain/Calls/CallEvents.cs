using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.Calls;

/// <summary>
/// A call was connected to the assistant: it holds one of the business's call slots until it ends. <see cref="From"/>
/// and <see cref="To"/> are E.164 (From is null when the caller withheld the number); <see cref="LeadId"/> is known for an
/// outbound call, and for an inbound one only once the caller is captured as a lead (<see cref="CallLeadLinked"/>). An
/// outbound call names the template it follows (<see cref="TemplateId"/>; null on inbound calls and on events recorded
/// before templates existed) and learns its <see cref="ProviderCallId"/> only once placed (<see cref="CallPlaced"/>).
/// </summary>
[EventType("call_started")]
public sealed record CallStarted(
    Guid CallId,
    Guid? LeadId,
    CallDirection Direction,
    string? ProviderCallId,
    string? From,
    string? To,
    CallStatus Status,
    DateTimeOffset StartedAt,
    Guid? TemplateId = null) : IDomainEvent;

/// <summary>
/// The telephony provider accepted an outbound call and named it (<see cref="ProviderCallId"/>, Twilio's CallSid): its status
/// reports are found by this id from now on. Recorded once, by whichever comes first: the provider's answer to the
/// create-call request, or one of its callbacks about the call (they can overtake that answer).
/// </summary>
[EventType("call_placed")]
public sealed record CallPlaced(
    Guid CallId,
    Guid? LeadId,
    string ProviderCallId,
    DateTimeOffset PlacedAt) : IDomainEvent;

/// <summary>
/// A call was refused before it was connected (the business is suspended, or all its call slots are taken). It has its
/// own stream, so the business sees the calls it missed; it never held a slot.
/// </summary>
[EventType("call_rejected")]
public sealed record CallRejected(
    Guid CallId,
    Guid? LeadId,
    CallDirection Direction,
    string? ProviderCallId,
    string? From,
    string? To,
    CallRejectionReason Reason,
    DateTimeOffset RejectedAt) : IDomainEvent;

/// <summary>The provider reported progress (ringing, answered). <see cref="SequenceNumber"/> is the provider's callback number, for audit.</summary>
[EventType("call_status_changed")]
public sealed record CallStatusChanged(
    Guid CallId,
    Guid? LeadId,
    CallStatus FromStatus,
    CallStatus ToStatus,
    int? SequenceNumber,
    string? AnsweredBy,
    DateTimeOffset ChangedAt) : IDomainEvent;

/// <summary>
/// The call ended, by whichever route: a final provider status, a hang-up by the business, the media host, or the
/// platform closing a lost call. Its slot is free again. <see cref="Status"/> is the final status and
/// <see cref="EndReason"/> why; <see cref="DurationSeconds"/> counts from the answer (0 when never answered).
/// </summary>
[EventType("call_completed")]
public sealed record CallCompleted(
    Guid CallId,
    Guid? LeadId,
    CallDirection Direction,
    string? From,
    string? To,
    CallStatus Status,
    CallEndReason EndReason,
    DateTimeOffset StartedAt,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset EndedAt,
    int DurationSeconds,
    int? SequenceNumber) : IDomainEvent;

/// <summary>The caller of an inbound call was captured as (or recognised as) a lead: the call now belongs to its timeline.</summary>
[EventType("call_lead_linked")]
public sealed record CallLeadLinked(
    Guid CallId,
    Guid LeadId,
    DateTimeOffset LinkedAt) : IDomainEvent;

/// <summary>
/// The media host was handed the call's configuration: <see cref="PromptVersion"/> is the version of the business's prompt
/// for <see cref="Channel"/> that the call's instructions were composed from (0: the default text). Recorded when the
/// configuration is first handed out, and again only if a later hand-out (a restarted media host) used another version.
/// </summary>
[EventType("call_configured")]
public sealed record CallConfigured(
    Guid CallId,
    Guid? LeadId,
    Tenants.AssistantChannel Channel,
    int PromptVersion,
    DateTimeOffset ConfiguredAt) : IDomainEvent;
