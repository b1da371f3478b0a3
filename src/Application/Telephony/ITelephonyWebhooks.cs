using ProSaaS.Application.Common.Errors;

namespace ProSaaS.Application.Telephony;

/// <summary>
/// The Api's public addresses the telephony provider is sent to about a call the platform places: where it asks what to do
/// once the call is answered, and where it reports the call's progress. Both name the call (<c>callId</c> in the query), so
/// that the call — and with it its business — is found by its own id, never by a phone number.
/// </summary>
public interface ITelephonyWebhooks
{
    /// <summary>
    /// The outbound voice webhook of the call. Throws <see cref="TelephonyNotConfiguredException"/> when the Api's public
    /// address is not configured: the provider could not reach it, so no call may be placed.
    /// </summary>
    Uri OutboundAnswerUrl(Guid callId);

    /// <summary>The status callback of the call; <see cref="TelephonyNotConfiguredException"/> as <see cref="OutboundAnswerUrl"/>.</summary>
    Uri StatusCallbackUrl(Guid callId);
}

/// <summary>
/// The telephony provider cannot be used because the platform's telephony settings are missing (HTTP 503
/// <c>telephony.not_configured</c>). <paramref name="setting"/> names the missing one.
/// </summary>
public sealed class TelephonyNotConfiguredException(string setting)
    : AppException($"Telephony is not configured: {setting} is missing.")
{
    public const string NotConfiguredCode = "telephony.not_configured";

    public string Code => NotConfiguredCode;

    public string Setting { get; } = setting;

    public string HebrewMessage => $"הטלפוניה אינה מוגדרת בשרת (חסרה ההגדרה {Setting}); פנו למנהל המערכת.";
}
