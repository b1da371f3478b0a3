using ProSaaS.MediaHost.Hosting;
using ProSaaS.MediaHost.Outbox;

namespace ProSaaS.MediaHost.Tools;

public static class ToolsRegistration
{
    /// <summary>
    /// The tools the calls' AI calls, run by the Api (<see cref="ICallToolClient"/> over <see cref="MediaHostApiClient"/>, which
    /// <see cref="OutboxRegistration.AddCallOutbox"/> registers). Setting: <c>Api:ToolTimeoutSeconds</c> (default 4).
    /// </summary>
    public static IServiceCollection AddCallTools(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ToolCallOptions>().Bind(configuration.GetSection(ApiOptions.Section))
            .Validate(o => o.ToolTimeoutSeconds is >= 0.5 and <= 30, "Api:ToolTimeoutSeconds must be 0.5–30 (the caller is waiting).")
            .ValidateOnStart();
        services.AddSingleton<ICallToolClient, ApiToolClient>();
        return services;
    }
}
