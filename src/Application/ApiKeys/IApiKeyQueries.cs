using ProSaaS.Domain.Users;

namespace ProSaaS.Application.ApiKeys;

/// <summary>Reads of the <c>api_keys</c> read model, and the one direct write to it: the time of last use.</summary>
public interface IApiKeyQueries
{
    /// <summary>The key with this prefix in any tenant, with its hash: for authentication only.</summary>
    Task<ApiKeyCredential?> FindByPrefixAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>Every key of one tenant, newest first, revoked ones included.</summary>
    Task<IReadOnlyList<ApiKeyView>> ListAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>
    /// Records that the key was used at <paramref name="usedAt"/>, unless a use within the last
    /// <paramref name="resolution"/> is already recorded: keys used many times a second cost one write a minute.
    /// </summary>
    Task RecordUseAsync(string tenantId, Guid apiKeyId, DateTimeOffset usedAt, TimeSpan resolution, CancellationToken cancellationToken);
}

public sealed record ApiKeyCredential(
    Guid Id,
    string TenantId,
    string Name,
    Role Role,
    string KeyHash,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt);

/// <summary>A key as its tenant's admins see it: never the key, never its hash.</summary>
public sealed record ApiKeyView(
    Guid Id,
    string Name,
    string Prefix,
    Role Role,
    DateTimeOffset CreatedAt,
    string? CreatedBy,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt);

public static class ApiKeyConflicts
{
    public const string PrefixTaken = "api_key.prefix_taken";
}
