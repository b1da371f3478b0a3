namespace ProSaaS.Infrastructure.Telephony.Twilio;

/// <summary>How Twilio's webhooks to the Api are authenticated.</summary>
public static class TwilioWebhookSecurity
{
    /// <summary>
    /// The key of webhook signatures in sandbox mode (no account and token configured): public on purpose — the sandbox's
    /// scripted calls and the tests sign with it, so that the webhooks run exactly as with Twilio, signature check included.
    /// </summary>
    public const string SandboxAuthToken = "prosaas-sandbox-auth-token";

    /// <summary>The user name recorded on the events that Twilio's webhooks cause.</summary>
    public const string UserName = "twilio";

    /// <summary>The account's auth token, or the sandbox's key in sandbox mode.</summary>
    public static string SigningKeyOf(TwilioOptions options) => options.IsSandbox ? SandboxAuthToken : options.AuthToken;
}
