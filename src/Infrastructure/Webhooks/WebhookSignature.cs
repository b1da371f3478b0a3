using System.Security.Cryptography;
using System.Text;

namespace ProSaaS.Infrastructure.Webhooks;

/// <summary>
/// Standard Webhooks signatures (https://www.standardwebhooks.com): HMAC-SHA256 with the secret's bytes (the base64
/// after <c>whsec_</c>) over <c>{webhook-id}.{webhook-timestamp}.{body}</c>, sent as <c>v1,&lt;base64&gt;</c>.
/// </summary>
public static class WebhookSignature
{
    public const string SecretPrefix = "whsec_";

    /// <summary>Secrets are 24–32 random bytes; we make 32.</summary>
    public const int SecretBytes = 32;

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes));

    public static byte[] SecretKey(string secret)
    {
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        return Convert.FromBase64String(encoded);
    }

    public static string Sign(string secret, string messageId, long timestamp, string body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(SecretKey(secret), Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}")));

    /// <summary>A masked form of a secret for lists: the prefix and its last four characters.</summary>
    public static string Hint(string secret) => SecretPrefix + "…" + secret[^4..];
}
