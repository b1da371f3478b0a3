namespace ProSaaS.Domain.ApiKeys;

/// <summary>
/// The shape of an API key: <c>psk_&lt;prefix&gt;_&lt;secret&gt;</c>. The 8-character prefix (lower-case letters and
/// digits) is public: it finds the key and tells keys apart in lists. The secret is URL-safe base64 of random bytes.
/// </summary>
public static class ApiKeyFormat
{
    public const string Scheme = "psk_";
    public const int PrefixLength = 8;
    public const int MinSecretLength = 32;
    public const int MaxSecretLength = 256;

    private const int SecretStart = 4 + PrefixLength + 1;

    public static int MinLength => SecretStart + MinSecretLength;

    public static string Compose(string prefix, string secret)
    {
        if (!IsValidPrefix(prefix))
        {
            throw new ArgumentException("A prefix is 8 lower-case letters or digits.", nameof(prefix));
        }

        if (!IsValidSecret(secret))
        {
            throw new ArgumentException($"A secret is {MinSecretLength}–{MaxSecretLength} URL-safe base64 characters.", nameof(secret));
        }

        return Scheme + prefix + "_" + secret;
    }

    /// <summary>Splits a presented key into prefix and secret; false for anything not shaped like a key.</summary>
    public static bool TryParse(string? value, out string prefix, out string secret)
    {
        prefix = "";
        secret = "";
        if (value is null
            || value.Length < SecretStart + MinSecretLength
            || value.Length > SecretStart + MaxSecretLength
            || !value.StartsWith(Scheme, StringComparison.Ordinal)
            || value[SecretStart - 1] != '_')
        {
            return false;
        }

        var candidatePrefix = value.Substring(Scheme.Length, PrefixLength);
        var candidateSecret = value[SecretStart..];
        if (!IsValidPrefix(candidatePrefix) || !IsValidSecret(candidateSecret))
        {
            return false;
        }

        prefix = candidatePrefix;
        secret = candidateSecret;
        return true;
    }

    public static bool IsValidPrefix(string? prefix) =>
        prefix is { Length: PrefixLength } && prefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));

    public static bool IsValidSecret(string? secret) =>
        secret is { Length: >= MinSecretLength and <= MaxSecretLength } && secret.All(IsUrlSafe);

    private static bool IsUrlSafe(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
