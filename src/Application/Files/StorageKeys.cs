using System.Text.RegularExpressions;

namespace ProSaaS.Application.Files;

/// <summary>Blob keys: <c>{tenantId}/{yyyy}/{MM}/{32 hex digits}</c>. Nothing in them comes from the uploader.</summary>
public static partial class StorageKeys
{
    public static string New(string tenantId, DateTimeOffset now)
    {
        if (!SegmentPattern().IsMatch(tenantId))
        {
            throw new ArgumentException($"Tenant id '{tenantId}' cannot be part of a storage key.", nameof(tenantId));
        }

        var utc = now.ToUniversalTime();
        return $"{tenantId}/{utc:yyyy}/{utc:MM}/{Guid.CreateVersion7(utc):N}";
    }

    /// <summary>Whether <paramref name="key"/> has the shape of a key (any tenant): what adapters accept.</summary>
    public static bool IsValid(string? key) => key is not null && KeyPattern().IsMatch(key);

    public static bool BelongsTo(string key, string tenantId) => IsValid(key) && key.StartsWith(tenantId + "/", StringComparison.Ordinal);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex SegmentPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}/[0-9]{4}/[0-9]{2}/[0-9a-f]{32}$")]
    private static partial Regex KeyPattern();
}
