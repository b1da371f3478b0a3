using System.Text.RegularExpressions;
using ProSaaS.Domain.Common.PhoneNumbers;

namespace ProSaaS.Domain.Tenants;

/// <summary>
/// What a WhatsApp provider names a business's line by: a business phone number (stored in E.164, whatever prefix
/// the provider writes, e.g. <c>whatsapp:+972…</c>) or an opaque id such as the Cloud API's phone-number id.
/// </summary>
public static partial class WhatsAppIdentifier
{
    public const int MaxLength = 64;
    private const string ChannelPrefix = "whatsapp:";
    private const string UserJidSuffix = "@s.whatsapp.net";

    public static bool TryNormalize(string? input, out string identifier)
    {
        identifier = string.Empty;
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        var text = input.Trim();
        if (text.StartsWith(ChannelPrefix, StringComparison.OrdinalIgnoreCase))
        {
            text = text[ChannelPrefix.Length..].Trim();
        }

        // A WhatsApp Web user id ("972521234567:3@s.whatsapp.net") is the number, a device suffix and the server.
        if (text.EndsWith(UserJidSuffix, StringComparison.OrdinalIgnoreCase))
        {
            var user = text[..^UserJidSuffix.Length];
            var device = user.IndexOf(':', StringComparison.Ordinal);
            text = "+" + (device < 0 ? user : user[..device]);
        }

        if (IsraeliPhoneNumber.TryNormalize(text, out var e164))
        {
            identifier = e164;
            return true;
        }

        if (text.Length > MaxLength || !OpaqueIdPattern().IsMatch(text))
        {
            return false;
        }

        identifier = text;
        return true;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:@-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex OpaqueIdPattern();
}
