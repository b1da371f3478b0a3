using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Application.Telephony;
using ProSaaS.Infrastructure.Telephony;
using ProSaaS.Infrastructure.Telephony.Twilio;

// In the root namespace so that hosts see the extension without an import.
namespace ProSaaS.Infrastructure;

public static class TelephonyRegistration
{
    /// <summary>
    /// <see cref="TwilioOptions"/> bound to <c>Twilio:*</c> and the <see cref="ITelephonyGateway"/> they call for: the Twilio
    /// REST client on a named <see cref="HttpClient"/> when an account and token are configured, otherwise the sandbox
    /// (<see cref="SandboxTelephonyGateway"/>, also registered as itself so that its record can be read).
    /// </summary>
    public static IServiceCollection AddTelephony(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(TwilioOptions.Section);
        services.AddOptions<TwilioOptions>().Bind(section);
        var options = section.Get<TwilioOptions>() ?? new TwilioOptions();
        if (options.IsSandbox)
        {
            services.AddSingleton<SandboxTelephonyGateway>();
            services.AddSingleton<ITelephonyGateway>(provider => provider.GetRequiredService<SandboxTelephonyGateway>());
            return services;
        }

        var baseAddress = TwilioRetrySettings.ParseBaseAddress(options.ApiBaseUrl);
        services.AddSingleton(TwilioRetrySettings.Default);
        services.AddHttpClient<ITelephonyGateway, TwilioRestClient>(client =>
        {
            client.BaseAddress = baseAddress;
            // Each attempt has its own timeout (Twilio:RequestTimeout); the client's own would cut a retried request short.
            client.Timeout = Timeout.InfiniteTimeSpan;
        });
        return services;
    }
}
