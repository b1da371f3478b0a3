using System.Net;
using System.Net.Sockets;

namespace ProSaaS.Domain.Webhooks;

/// <summary>
/// Where outgoing webhooks may be sent. A webhook URL is typed in by a business, so it must not become a way to reach
/// the platform's own machine or network (loopback, private, link-local, carrier-grade NAT, multicast, reserved and
/// documentation ranges). Addresses are checked when the URL is saved and again at every connection, since a name
/// may later resolve somewhere else.
/// </summary>
public static class WebhookTargetRules
{
    public const int MaxUrlLength = 2000;

    public const string UrlInvalidCode = "webhook.url_invalid";
    public const string UrlNotHttpsCode = "webhook.url_not_https";
    public const string UrlCredentialsCode = "webhook.url_credentials";
    public const string PrivateTargetCode = "webhook.url_private_target";

    public const string UrlInvalidMessage = "כתובת ה-webhook אינה כתובת אינטרנט מלאה ותקינה (למשל https://hooks.example.com/prosaas).";
    public const string UrlNotHttpsMessage = "כתובת ה-webhook חייבת להתחיל ב-https://.";
    public const string UrlCredentialsMessage = "אין לכלול שם משתמש או סיסמה בכתובת ה-webhook.";
    public const string PrivateTargetMessage = "הכתובת מפנה למחשב המקומי או לרשת פנימית, ואליה לא נשלחים webhooks.";

    /// <summary>
    /// Checks the form of a webhook URL: absolute http(s) (http only when <paramref name="allowInsecure"/>), no
    /// credentials, no fragment, and — unless <paramref name="allowPrivate"/> — no loopback/private address literal or
    /// local-only host name. Names are resolved elsewhere. Returns null when the URL is acceptable.
    /// </summary>
    public static WebhookUrlProblem? CheckUrl(string? url, bool allowInsecure, bool allowPrivate)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxUrlLength
            || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http")
            || string.IsNullOrEmpty(uri.Host)
            || uri.Fragment.Length > 0)
        {
            return new WebhookUrlProblem(UrlInvalidCode, UrlInvalidMessage);
        }

        if (uri.Scheme == "http" && !allowInsecure)
        {
            return new WebhookUrlProblem(UrlNotHttpsCode, UrlNotHttpsMessage);
        }

        if (uri.UserInfo.Length > 0)
        {
            return new WebhookUrlProblem(UrlCredentialsCode, UrlCredentialsMessage);
        }

        if (!allowPrivate)
        {
            var literal = IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) ? address : null;
            if (literal is not null ? !IsPublicAddress(literal) : IsLocalHostName(uri.IdnHost))
            {
                return new WebhookUrlProblem(PrivateTargetCode, PrivateTargetMessage);
            }
        }

        return null;
    }

    /// <summary>Names that by definition mean this machine or a local network, whatever DNS says.</summary>
    public static bool IsLocalHostName(string host)
    {
        var name = host.TrimEnd('.').ToLowerInvariant();
        return name is "localhost" or "localhost.localdomain" or "ip6-localhost" or "ip6-loopback"
               || !name.Contains('.')
               || name.EndsWith(".localhost", StringComparison.Ordinal)
               || name.EndsWith(".local", StringComparison.Ordinal)
               || name.EndsWith(".internal", StringComparison.Ordinal)
               || name.EndsWith(".home.arpa", StringComparison.Ordinal);
    }

    /// <summary>Whether an address is on the public internet (globally routable unicast).</summary>
    public static bool IsPublicAddress(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublicV4(address.MapToIPv4().GetAddressBytes());
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IsPublicV6(address.GetAddressBytes()),
            _ => false,
        };
    }

    private static bool IsPublicV4(byte[] b) => !(
        b[0] == 0                                           // "this network"
        || b[0] == 10                                       // private
        || (b[0] == 100 && (b[1] & 0xC0) == 64)             // carrier-grade NAT 100.64/10
        || b[0] == 127                                      // loopback
        || (b[0] == 169 && b[1] == 254)                     // link-local (cloud metadata lives here)
        || (b[0] == 172 && (b[1] & 0xF0) == 16)             // private 172.16/12
        || (b[0] == 192 && b[1] == 0 && b[2] == 0)          // IETF protocol assignments
        || (b[0] == 192 && b[1] == 0 && b[2] == 2)          // documentation
        || (b[0] == 192 && b[1] == 88 && b[2] == 99)        // 6to4 relay anycast
        || (b[0] == 192 && b[1] == 168)                     // private
        || (b[0] == 198 && (b[1] & 0xFE) == 18)             // benchmarking 198.18/15
        || (b[0] == 198 && b[1] == 51 && b[2] == 100)       // documentation
        || (b[0] == 203 && b[1] == 0 && b[2] == 113)        // documentation
        || b[0] >= 224);                                    // multicast, reserved, broadcast

    private static bool IsPublicV6(byte[] b)
    {
        // Only global unicast (2000::/3) is public, minus the ranges inside it that are not.
        if ((b[0] & 0xE0) != 0x20)
        {
            // 64:ff9b::/96 (NAT64) carries an IPv4 address: as public as that address.
            var nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0;
            return nat64 && IsPublicV4(b[12..16]);
        }

        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)
        {
            return false; // documentation 2001:db8::/32
        }

        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0)
        {
            return false; // Teredo 2001::/32: tunnels to an address we cannot see
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IsPublicV4(b[2..6]); // 6to4 2002::/16 carries an IPv4 address
        }

        return true;
    }
}

/// <summary>Why a webhook URL was refused: a stable code and a Hebrew message.</summary>
public sealed record WebhookUrlProblem(string Code, string Message);
