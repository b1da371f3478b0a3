using System.Text;

namespace ProSaaS.Application.ApiKeys;

/// <summary>Makes API keys and checks presented ones against stored hashes.</summary>
public interface IApiKeyGenerator
{
    /// <summary>A fresh random key in the <see cref="Domain.ApiKeys.ApiKeyFormat"/> shape, its prefix and the hash to store.</summary>
    GeneratedApiKey Generate();

    /// <summary>Whether <paramref name="presentedKey"/> hashes to <paramref name="storedHash"/>, compared in constant time.</summary>
    bool Verify(string presentedKey, string storedHash);
}

/// <summary>A new key. <see cref="Key"/> is handed to its owner once and then forgotten; it is kept out of ToString.</summary>
public sealed record GeneratedApiKey(string Key, string Prefix, string Hash)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Key = ***, Prefix = ").Append(Prefix).Append(", Hash = ").Append(Hash);
        return true;
    }
}
