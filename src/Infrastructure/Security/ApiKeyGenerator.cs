using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using ProSaaS.Application.ApiKeys;
using ProSaaS.Domain.ApiKeys;

namespace ProSaaS.Infrastructure.Security;

/// <summary>
/// Keys of <see cref="SecretBytes"/> random bytes from the operating system's CSPRNG, stored as the SHA-256 of the
/// whole key. A fast hash is right here, unlike for passwords: the secret has 256 bits of entropy, so there is
/// nothing to guess, and verification stays cheap on every API request.
/// </summary>
public sealed class ApiKeyGenerator : IApiKeyGenerator
{
    public const int SecretBytes = 32;

    private const string PrefixAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const int HashBytes = 32;

    public GeneratedApiKey Generate()
    {
        var prefix = RandomNumberGenerator.GetString(PrefixAlphabet, ApiKeyFormat.PrefixLength);
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        var key = ApiKeyFormat.Compose(prefix, secret);
        return new GeneratedApiKey(key, prefix, Hash(key));
    }

    public bool Verify(string presentedKey, string storedHash)
    {
        if (!ApiKeyFormat.TryParse(presentedKey, out _, out _) || storedHash is not { Length: HashBytes * 2 })
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HashBytes];
        if (Convert.FromHexString(storedHash, expected, out _, out var written) != System.Buffers.OperationStatus.Done || written != HashBytes)
        {
            return false;
        }

        Span<byte> actual = stackalloc byte[HashBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey), actual);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Lower-case hex SHA-256 of the whole key, as stored.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
