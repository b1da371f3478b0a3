using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ProSaaS.Application.Telephony;
using ProSaaS.Infrastructure.Telephony.Twilio;

// In the root namespace so that AddInfrastructure sees the extension without an import.
namespace ProSaaS.Infrastructure;

public static class OutboundCallsRegistration
{
    /// <summary>
    /// Outbound calls: the webhook addresses given to the telephony provider for each placed call, on
    /// <c>Twilio:PublicBaseUrl</c> (read when a call is placed; without it placing is refused).
    /// </summary>
    public static IServiceCollection AddOutboundCalls(this IServiceCollection services)
    {
        services.AddOptions<TwilioOptions>();
        services.TryAddSingleton<ITelephonyWebhooks, TwilioWebhookUrls>();
        return services;
    }
}
