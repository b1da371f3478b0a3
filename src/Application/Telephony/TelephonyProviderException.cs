using ProSaaS.Application.Common.Errors;

namespace ProSaaS.Application.Telephony;

/// <summary>
/// The telephony provider refused a request or did not answer it (HTTP 502 <c>telephony.provider_error</c> or
/// <c>telephony.provider_unreachable</c>). <see cref="ProviderCode"/> and <see cref="ProviderMessage"/> are the provider's
/// own (Twilio's error code and text), when it answered.
/// </summary>
public sealed class TelephonyProviderException(
    string message,
    int? httpStatus = null,
    int? providerCode = null,
    string? providerMessage = null,
    string? moreInfo = null,
    bool answered = true,
    Exception? inner = null) : AppException(message, inner)
{
    public const string ProviderErrorCode = "telephony.provider_error";
    public const string UnreachableCode = "telephony.provider_unreachable";

    /// <summary>The provider's HTTP status; null when it did not answer.</summary>
    public int? HttpStatus { get; } = httpStatus;

    /// <summary>The provider's error code (e.g. Twilio 21211, an invalid 'To' number).</summary>
    public int? ProviderCode { get; } = providerCode;

    public string? ProviderMessage { get; } = providerMessage;

    /// <summary>Where the provider explains <see cref="ProviderCode"/>.</summary>
    public string? MoreInfo { get; } = moreInfo;

    /// <summary>
    /// False when no answer came (timeout, refused connection): for a request that is not safe to repeat, such as placing a
    /// call, whether the provider acted on it is then unknown.
    /// </summary>
    public bool Answered { get; } = answered;

    public string Code => Answered ? ProviderErrorCode : UnreachableCode;
}
