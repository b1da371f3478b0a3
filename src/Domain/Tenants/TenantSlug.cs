using System.Text.RegularExpressions;

namespace ProSaaS.Domain.Tenants;

/// <summary>The short name a business is addressed by in URLs: 3–40 lowercase Latin letters, digits and inner dashes.</summary>
public static partial class TenantSlug
{
    public const int MinLength = 3;
    public const int MaxLength = 40;

    /// <summary>Trimmed and lower-cased, as people type it; null stays null.</summary>
    public static string? Normalize(string? slug) => slug?.Trim().ToLowerInvariant();

    public static bool IsValid(string? slug) => slug is not null && Pattern().IsMatch(slug);

    [GeneratedRegex(@"^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
