using Microsoft.Extensions.Options;
using ProSaaS.Application.Telephony;

namespace ProSaaS.Infrastructure.Telephony.Twilio;

/// <summary>The paths of Twilio's voice webhooks on the Api, under <c>Twilio:PublicBaseUrl</c>.</summary>
public static class TwilioWebhookPaths
{
    public const string Inbound = "/twilio/voice/inbound";
    public const string Outbound = "/twilio/voice/outbound";
    public const string Status = "/twilio/voice/status";

    /// <summary>The query parameter that names the call in the webhooks of a call the platform placed.</summary>
    public const string CallIdParameter = "callId";
}

/// <summary>
/// The webhook addresses of a placed call, on <c>Twilio:PublicBaseUrl</c> — the address the signatures of Twilio's requests
/// are checked against, so that what Twilio signs is what the Api rebuilds.
/// </summary>
public sealed class TwilioWebhookUrls(IOptions<TwilioOptions> options) : ITelephonyWebhooks
{
    public Uri OutboundAnswerUrl(Guid callId) => Build(TwilioWebhookPaths.Outbound, callId);

    public Uri StatusCallbackUrl(Guid callId) => Build(TwilioWebhookPaths.Status, callId);

    private Uri Build(string path, Guid callId)
    {
        var baseUrl = options.Value.PublicBaseUrl?.Trim().TrimEnd('/');
        if (string.IsNullOrEmpty(baseUrl) || !Uri.TryCreate(baseUrl, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("https" or "http"))
        {
            throw new TelephonyNotConfiguredException($"{TwilioOptions.Section}:PublicBaseUrl");
        }

        return new Uri($"{baseUrl}{path}?{TwilioWebhookPaths.CallIdParameter}={callId:D}");
    }
}
