using ProSaaS.Domain.Common;
using ProSaaS.Domain.Users;

namespace ProSaaS.Domain.ApiKeys;

/// <summary>
/// A key was issued. Only its public <see cref="Prefix"/> and the SHA-256 of the whole key (<see cref="KeyHash"/>,
/// lower-case hex) are kept: the key itself is shown once to whoever created it. Use is not an event (far too
/// frequent); the read model keeps the last use.
/// </summary>
[EventType("api_key_created")]
public sealed record ApiKeyCreated(
    Guid ApiKeyId,
    string Name,
    string Prefix,
    string KeyHash,
    Role Role,
    string? CreatedBy,
    DateTimeOffset CreatedAt) : IDomainEvent;

[EventType("api_key_revoked")]
public sealed record ApiKeyRevoked(Guid ApiKeyId, string? RevokedBy, DateTimeOffset RevokedAt) : IDomainEvent;
