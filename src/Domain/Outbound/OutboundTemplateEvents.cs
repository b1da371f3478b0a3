using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.Outbound;

/// <summary>
/// A template for calls the business places to its leads: what the assistant is told (<see cref="PromptText"/>) and how it
/// opens the call (<see cref="GreetingTemplate"/>, with <c>{lead_name}</c> and <c>{business}</c>; null for the default).
/// </summary>
[EventType("outbound_template_created")]
public sealed record OutboundTemplateCreated(
    Guid OutboundTemplateId,
    string Name,
    string? Description,
    string PromptText,
    string? GreetingTemplate,
    bool IsActive,
    string? CreatedBy,
    DateTimeOffset CreatedAt) : IDomainEvent;

/// <summary>The name, description, prompt or greeting changed: the new values of all four.</summary>
[EventType("outbound_template_changed")]
public sealed record OutboundTemplateChanged(
    Guid OutboundTemplateId,
    string Name,
    string? Description,
    string PromptText,
    string? GreetingTemplate,
    string? ChangedBy,
    DateTimeOffset ChangedAt) : IDomainEvent;

/// <summary>The template may be chosen for new calls again.</summary>
[EventType("outbound_template_activated")]
public sealed record OutboundTemplateActivated(Guid OutboundTemplateId, string? ChangedBy, DateTimeOffset ChangedAt) : IDomainEvent;

/// <summary>The template is kept but may not be chosen for new calls.</summary>
[EventType("outbound_template_deactivated")]
public sealed record OutboundTemplateDeactivated(Guid OutboundTemplateId, string? ChangedBy, DateTimeOffset ChangedAt) : IDomainEvent;

/// <summary>
/// The template was removed from the business's lists and can no longer be used. It is a soft delete: calls placed with it
/// keep pointing at it and still show its name.
/// </summary>
[EventType("outbound_template_deleted")]
public sealed record OutboundTemplateDeleted(Guid OutboundTemplateId, string? DeletedBy, DateTimeOffset DeletedAt) : IDomainEvent;
