namespace ProSaaS.Infrastructure.Telephony.Twilio;

/// <summary>Configuration section <c>Twilio</c>. Without an account and token the platform runs in sandbox mode.</summary>
public sealed class TwilioOptions
{
    public const string Section = "Twilio";

    /// <summary>The account (AC…); empty means sandbox mode.</summary>
    public string AccountSid { get; set; } = string.Empty;

    /// <summary>The auth token: the key of request signatures and of REST calls; empty means sandbox mode.</summary>
    public string AuthToken { get; set; } = string.Empty;

    /// <summary>
    /// The public https address Twilio reaches the Api at (e.g. https://api.example.co.il). Signatures are checked
    /// against URLs built from it — never from the request's Host header — and webhook URLs given to Twilio use it.
    /// </summary>
    public string PublicBaseUrl { get; set; } = string.Empty;

    /// <summary>Twilio's REST base address (a fake's address in tests).</summary>
    public string ApiBaseUrl { get; set; } = "https://api.twilio.com";

    /// <summary>Timeout of one REST request.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool IsSandbox => string.IsNullOrWhiteSpace(AccountSid) || string.IsNullOrWhiteSpace(AuthToken);
}
