using System.Security.Cryptography;
using System.Text;

namespace ProSaaS.Application.Calls;

/// <summary>
/// A call's id comes from its provider call id (a name-based UUID, RFC 9562 version 5, within the business): the same
/// provider call always maps to the same stream, so a repeated webhook finds the call it started instead of starting
/// (and counting) a second one.
/// </summary>
public static class CallIds
{
    private static readonly Guid Namespace = Guid.Parse("5d1c0e64-3a8b-4f0e-9c57-0f4c2b7a9e11");

    public static Guid ForProviderCall(string tenantId, string providerCallId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(providerCallId);
        var name = Encoding.UTF8.GetBytes($"{tenantId}/{providerCallId}");
        var input = new byte[16 + name.Length];
        Namespace.TryWriteBytes(input, bigEndian: true, out _);
        name.CopyTo(input, 16);
        var hash = SHA1.HashData(input);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
