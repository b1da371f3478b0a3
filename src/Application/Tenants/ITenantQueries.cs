using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Tenants;

/// <summary>
/// Reads of the tenant read models. A business's own profile and settings are read in its own scope; the
/// platform-wide lookups (number resolution, slug and number ownership, the tenant list) across all tenants.
/// </summary>
public interface ITenantQueries
{
    Task<bool> SlugExistsAsync(string slug, CancellationToken cancellationToken);

    /// <summary>The business that answers <paramref name="phoneNumber"/> (E.164), if any.</summary>
    Task<ResolvedTenant?> FindByPhoneNumberAsync(string phoneNumber, CancellationToken cancellationToken);

    /// <summary>The business that a normalised WhatsApp identifier belongs to, if any.</summary>
    Task<ResolvedTenant?> FindByWhatsAppIdentifierAsync(string identifier, CancellationToken cancellationToken);

    Task<IReadOnlyList<TenantSummary>> ListAsync(CancellationToken cancellationToken);

    Task<TenantProfile?> GetProfileAsync(string tenantId, CancellationToken cancellationToken);

    Task<TenantSettingsView?> GetSettingsAsync(string tenantId, CancellationToken cancellationToken);
}

/// <summary>The business a dialled number or WhatsApp line belongs to. A suspended business is found, and refuses the caller.</summary>
public sealed record ResolvedTenant(Guid TenantId, string Name, TenantStatus Status, string TimeZone)
{
    /// <summary>The tenant id its streams and read-model rows are kept under.</summary>
    public string TenantKey => TenantId.ToString();
}

/// <summary>
/// One business in the platform's list: what the system admin manages without opening it (status, numbers, call limits)
/// and its <see cref="Version"/>, the expected version of a change to it.
/// </summary>
public sealed record TenantSummary(
    Guid Id,
    string Name,
    string Slug,
    TenantStatus Status,
    IReadOnlyList<string> PhoneNumbers,
    IReadOnlyList<string> WhatsAppIdentifiers,
    DateTimeOffset CreatedAt,
    TenantLimits Limits,
    string TimeZone,
    long Version);

public sealed record TenantProfile(
    Guid Id,
    string Name,
    string Slug,
    string TimeZone,
    TenantStatus Status,
    string? SuspensionReason,
    TenantLimits Limits,
    IReadOnlyList<string> PhoneNumbers,
    IReadOnlyList<string> WhatsAppIdentifiers,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version)
{
    /// <summary>The business's street address as callers are told it; null when it has none.</summary>
    public string? Address { get; init; }
}

/// <summary>The settings document and the tenant's version, to send back as the expected version of an update.</summary>
public sealed record TenantSettingsView(Guid TenantId, TenantSettings Settings, long Version, DateTimeOffset UpdatedAt);
