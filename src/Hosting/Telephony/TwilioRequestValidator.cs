using System.Security.Cryptography;
using System.Text;

namespace ProSaaS.Hosting.Telephony;

/// <summary>
/// Checks <c>X-Twilio-Signature</c>: HMAC-SHA1, keyed with the account's auth token, over the URL Twilio requested
/// followed by the form parameters sorted by name (or, for a JSON body, over the URL alone, which carries the body's
/// SHA-256). Twilio may have signed the URL with or without its port, so both forms are tried. The URL must be the
/// public one Twilio called, rebuilt from configuration — never from the request's Host header.
/// </summary>
public static class TwilioRequestValidator
{
    public const string SignatureHeader = "X-Twilio-Signature";
    private const string BodyHashParameter = "bodySHA256";

    /// <summary>A form-encoded POST (or a GET, with no parameters).</summary>
    public static bool IsValid(string authToken, string url, IEnumerable<KeyValuePair<string, string>> formParameters, string? signature)
    {
        if (string.IsNullOrEmpty(authToken) || string.IsNullOrEmpty(signature) || !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            return false;
        }

        var parameters = new StringBuilder();
        foreach (var group in formParameters.GroupBy(p => p.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            foreach (var value in group.Select(p => p.Value ?? string.Empty).OrderBy(v => v, StringComparer.Ordinal))
            {
                parameters.Append(group.Key).Append(value);
            }
        }

        var suffix = parameters.ToString();
        return UrlVariants(url).Any(candidate => Matches(authToken, candidate + suffix, signature));
    }

    /// <summary>A JSON body: the URL's <c>bodySHA256</c> must be the body's hash and the signature covers the URL alone.</summary>
    public static bool IsValidJson(string authToken, string url, ReadOnlySpan<byte> body, string? signature)
    {
        if (string.IsNullOrEmpty(authToken) || string.IsNullOrEmpty(signature) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return false;
        }

        var expectedHash = QueryValue(uri.Query, BodyHashParameter);
        if (expectedHash is null)
        {
            return false;
        }

        var actualHash = Convert.ToHexStringLower(SHA256.HashData(body));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(actualHash), Encoding.ASCII.GetBytes(expectedHash)))
        {
            return false;
        }

        return UrlVariants(url).Any(candidate => Matches(authToken, candidate, signature));
    }

    /// <summary>The signature Twilio would send for <paramref name="data"/> (the URL plus sorted parameters).</summary>
    public static string Sign(string authToken, string data) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data)));

    /// <summary>The form data string that is signed: URL then every name+value, names sorted, a repeated name's values sorted.</summary>
    public static string SignedData(string url, IEnumerable<KeyValuePair<string, string>> formParameters)
    {
        var data = new StringBuilder(url);
        foreach (var group in formParameters.GroupBy(p => p.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            foreach (var value in group.Select(p => p.Value ?? string.Empty).OrderBy(v => v, StringComparer.Ordinal))
            {
                data.Append(group.Key).Append(value);
            }
        }

        return data.ToString();
    }

    private static bool Matches(string authToken, string data, string signature)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(authToken, data));
        var given = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>The URL as given, and the same URL with its port removed (when it has one) or the scheme's default port added.</summary>
    internal static IEnumerable<string> UrlVariants(string url)
    {
        yield return url;
        var uri = new Uri(url);
        var authorityStart = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var pathStart = url.IndexOfAny(['/', '?', '#'], authorityStart);
        var authority = pathStart < 0 ? url[authorityStart..] : url[authorityStart..pathStart];
        var rest = pathStart < 0 ? string.Empty : url[pathStart..];
        var userInfoEnd = authority.LastIndexOf('@');
        var hostPort = authority[(userInfoEnd + 1)..];
        var prefix = url[..authorityStart] + authority[..(userInfoEnd + 1)];
        var portSeparator = hostPort.LastIndexOf(':');
        var hasPort = portSeparator > hostPort.LastIndexOf(']');
        if (hasPort)
        {
            yield return prefix + hostPort[..portSeparator] + rest;
        }
        else if (uri.Scheme is "https" or "http")
        {
            yield return prefix + hostPort + (uri.Scheme == "https" ? ":443" : ":80") + rest;
        }
    }

    private static string? QueryValue(string query, string name)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = pair.IndexOf('=');
            var key = Uri.UnescapeDataString(separator < 0 ? pair : pair[..separator]);
            if (string.Equals(key, name, StringComparison.Ordinal))
            {
                return separator < 0 ? string.Empty : Uri.UnescapeDataString(pair[(separator + 1)..]);
            }
        }

        return null;
    }
}
