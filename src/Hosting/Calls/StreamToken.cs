using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ProSaaS.Hosting.Calls;

/// <summary>
/// The short-lived token the Api hands to a call's media stream (as the <c>token</c> parameter of
/// <c>&lt;Connect&gt;&lt;Stream&gt;</c>) and the media host checks before it serves the stream: it names the call and its
/// business and expires soon. Format (ASCII, dot-separated):
/// <c>v1.&lt;callId, 32 hex digits&gt;.&lt;tenantId&gt;.&lt;expiry, Unix seconds&gt;.&lt;signature&gt;</c>, where the signature is
/// HMAC-SHA256, keyed with the key both processes share (<c>MediaHost:StreamTokenKey</c>, base64, at least 32 bytes), over
/// everything before the last dot, in base64url without padding.
/// </summary>
public static class StreamToken
{
    public const string Version = "v1";
    public const int MinKeyBytes = 32;
    private const int MaxTokenLength = 256;

    /// <summary>Signs a token for <paramref name="callId"/> of <paramref name="tenantId"/> that expires at <paramref name="expiresAt"/>.</summary>
    public static string Issue(ReadOnlySpan<byte> key, Guid callId, string tenantId, DateTimeOffset expiresAt)
    {
        EnsureKey(key);
        if (!IsValidTenantId(tenantId))
        {
            throw new ArgumentException("A tenant id is 1–64 letters, digits and dashes.", nameof(tenantId));
        }

        var payload = string.Create(CultureInfo.InvariantCulture,
            $"{Version}.{callId:N}.{tenantId}.{expiresAt.ToUnixTimeSeconds()}");
        return payload + "." + Sign(key, payload);
    }

    /// <summary>
    /// Checks a token: well-formed, signed with <paramref name="key"/>, not expired at <paramref name="now"/>. The caller
    /// also checks that the call it names is the call the stream says it is.
    /// </summary>
    public static bool TryVerify(ReadOnlySpan<byte> key, string? token, DateTimeOffset now, out StreamTokenClaims claims)
    {
        claims = default;
        if (key.Length < MinKeyBytes || string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return false;
        }

        var signatureAt = token.LastIndexOf('.');
        if (signatureAt < 0)
        {
            return false;
        }

        var payload = token[..signatureAt];
        var expected = Encoding.ASCII.GetBytes(Sign(key, payload));
        var given = Encoding.ASCII.GetBytes(token[(signatureAt + 1)..]);
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return false;
        }

        var parts = payload.Split('.');
        if (parts is not [Version, var call, var tenant, var expiry]
            || !Guid.TryParseExact(call, "N", out var callId)
            || !IsValidTenantId(tenant)
            || !long.TryParse(expiry, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (now >= expiresAt)
        {
            return false;
        }

        claims = new StreamTokenClaims(callId, tenant, expiresAt);
        return true;
    }

    /// <summary>Reads a configured key (base64); false when it is missing, not base64, or shorter than <see cref="MinKeyBytes"/>.</summary>
    public static bool TryParseKey(string? base64, out byte[] key)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(base64))
        {
            return false;
        }

        try
        {
            key = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        return key.Length >= MinKeyBytes;
    }

    /// <summary>A fresh random key, base64, for configuration.</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinKeyBytes));

    private static string Sign(ReadOnlySpan<byte> key, string payload) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(payload)));

    /// <summary>1–64 ASCII letters, digits and dashes: the shape of a business id.</summary>
    public static bool IsValidTenantId(string? tenantId) =>
        tenantId is { Length: > 0 and <= 64 } && tenantId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static void EnsureKey(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinKeyBytes)
        {
            throw new ArgumentException($"A stream token key has at least {MinKeyBytes} bytes.", nameof(key));
        }
    }
}

/// <summary>What a verified stream token says: the call, its business, and until when the token was good.</summary>
public readonly record struct StreamTokenClaims(Guid CallId, string TenantId, DateTimeOffset ExpiresAt);
