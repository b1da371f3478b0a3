using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.Webhooks;

/// <summary>
/// An outgoing webhook endpoint was configured. The signing secret is never recorded in the clear: only its
/// encrypted form (<see cref="ProtectedSecret"/>, opaque to the domain) and a masked hint for people.
/// </summary>
[EventType("webhook_endpoint_created")]
public sealed record WebhookEndpointCreated(
    Guid WebhookEndpointId,
    string Url,
    string? Description,
    IReadOnlyList<string> EventTypes,
    WebhookEndpointKind Kind,
    bool Enabled,
    string ProtectedSecret,
    string SecretHint,
    string? CreatedBy,
    DateTimeOffset CreatedAt) : IDomainEvent;

/// <summary>The endpoint's address, description, subscriptions or enabled flag changed (the new values, all of them).</summary>
[EventType("webhook_endpoint_changed")]
public sealed record WebhookEndpointChanged(
    Guid WebhookEndpointId,
    string Url,
    string? Description,
    IReadOnlyList<string> EventTypes,
    bool Enabled,
    string? ChangedBy,
    DateTimeOffset ChangedAt) : IDomainEvent;

/// <summary>A new signing secret replaced the old one; deliveries from now on are signed with it.</summary>
[EventType("webhook_endpoint_secret_rotated")]
public sealed record WebhookEndpointSecretRotated(
    Guid WebhookEndpointId,
    string ProtectedSecret,
    string SecretHint,
    string? RotatedBy,
    DateTimeOffset RotatedAt) : IDomainEvent;

/// <summary>The endpoint was removed: nothing more is sent to it and its delivery log goes with it.</summary>
[EventType("webhook_endpoint_deleted")]
public sealed record WebhookEndpointDeleted(Guid WebhookEndpointId, string? DeletedBy, DateTimeOffset DeletedAt) : IDomainEvent;
