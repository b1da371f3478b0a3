using ProSaaS.Domain.Common;
using ProSaaS.Domain.Users;

namespace ProSaaS.Domain.ApiKeys;

/// <summary>A tenant's credential for a third-party system (n8n, Monday.com, a website form), acting with one role.</summary>
[StreamType("api_key")]
public sealed class ApiKey : AggregateRoot
{
    public const int MaxNameLength = 100;

    private ApiKey()
    {
    }

    public string Name { get; private set; } = "";
    public string Prefix { get; private set; } = "";
    public string KeyHash { get; private set; } = "";
    public Role Role { get; private set; }
    public string? CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string? RevokedBy { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public bool IsRevoked => RevokedAt is not null;

    public static ApiKey Create(
        Guid id,
        string name,
        string prefix,
        string keyHash,
        Role role,
        Role creatorRole,
        string? createdBy,
        DateTimeOffset createdAt)
    {
        if (id == Guid.Empty)
        {
            throw new DomainException("api_key.id_required", "An API key needs an id.");
        }

        var trimmedName = (name ?? "").Trim();
        if (trimmedName.Length == 0)
        {
            throw new DomainException("api_key.name_required", "יש לתת למפתח שם.");
        }

        if (trimmedName.Length > MaxNameLength)
        {
            throw new DomainException("api_key.name_too_long", $"שם המפתח ארוך מדי (עד {MaxNameLength} תווים).");
        }

        if (!ApiKeyPolicy.CanIssue(creatorRole, role))
        {
            throw new DomainException("api_key.role_forbidden", "אי אפשר ליצור מפתח בתפקיד גבוה מתפקידך.");
        }

        if (!ApiKeyFormat.IsValidPrefix(prefix))
        {
            throw new DomainException("api_key.prefix_invalid", "An API key prefix is 8 lower-case letters or digits.");
        }

        if (keyHash is not { Length: 64 } || !keyHash.All(char.IsAsciiHexDigitLower))
        {
            throw new DomainException("api_key.hash_invalid", "An API key hash is a lower-case hex SHA-256.");
        }

        var key = new ApiKey();
        key.Raise(new ApiKeyCreated(id, trimmedName, prefix, keyHash, role, createdBy, createdAt));
        return key;
    }

    /// <summary>Stops the key from authenticating, for good. Revoking a revoked key changes nothing.</summary>
    public void Revoke(string? revokedBy, DateTimeOffset revokedAt)
    {
        if (!IsRevoked)
        {
            Raise(new ApiKeyRevoked(Id, revokedBy, revokedAt));
        }
    }

    protected override void Apply(IDomainEvent @event)
    {
        switch (@event)
        {
            case ApiKeyCreated e:
                Id = e.ApiKeyId;
                Name = e.Name;
                Prefix = e.Prefix;
                KeyHash = e.KeyHash;
                Role = e.Role;
                CreatedBy = e.CreatedBy;
                CreatedAt = e.CreatedAt;
                break;
            case ApiKeyRevoked e:
                RevokedBy = e.RevokedBy;
                RevokedAt = e.RevokedAt;
                break;
            default:
                throw new InvalidOperationException($"ApiKey cannot apply {@event.GetType().Name}.");
        }
    }
}

public static class ApiKeyPolicy
{
    /// <summary>
    /// Whether someone with <paramref name="creator"/> may issue (or revoke) a key acting as <paramref name="keyRole"/>:
    /// never above their own role and never platform-wide, so a key always belongs to one tenant.
    /// </summary>
    public static bool CanIssue(Role creator, Role keyRole) =>
        Enum.IsDefined(keyRole) && keyRole != Role.SystemAdmin && keyRole <= creator;
}
