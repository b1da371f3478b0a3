using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Calls;
using ProSaaS.MediaHost.Hosting;

namespace ProSaaS.MediaHost.Outbox;

public static class OutboxRegistration
{
    /// <summary>
    /// The Api side of the calls: <see cref="ICallConfigSource"/> (the config route), <see cref="ICallOutbox"/> (the disk
    /// journal and its delivery) and <see cref="ILiveCalls"/> (the heartbeats), all over one HTTP client of the Api.
    /// Settings: <c>Api:BaseUrl</c>, <c>Api:ServiceKey</c>, <c>Api:ConfigAttempts</c>, <c>Api:ConfigBudgetMilliseconds</c>,
    /// <c>Outbox:*</c> (<see cref="OutboxOptions"/>), <c>MediaHost:HeartbeatSeconds</c>.
    /// </summary>
    public static IServiceCollection AddCallOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section));
        services.AddOptions<CallConfigFetchOptions>().Bind(configuration.GetSection(ApiOptions.Section))
            .Validate(o => o.ConfigAttempts is >= 1 and <= 10, "Api:ConfigAttempts must be 1–10.")
            .Validate(o => o.ConfigBudgetMilliseconds is >= 100 and <= 60_000, "Api:ConfigBudgetMilliseconds must be 100–60000.")
            .ValidateOnStart();
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section))
            .Validate(o => o.MaxRetryDelaySeconds is > 0 and <= 3600, "Outbox:MaxRetryDelaySeconds must be above 0 and at most 3600.")
            .Validate(o => o.RequestTimeoutSeconds is > 0 and <= 600, "Outbox:RequestTimeoutSeconds must be above 0 and at most 600.")
            .Validate(o => o.RecordingTimeoutSeconds is > 0 and <= 3600, "Outbox:RecordingTimeoutSeconds must be above 0 and at most 3600.")
            .Validate(o => o.ShutdownGraceSeconds is >= 0 and <= 600, "Outbox:ShutdownGraceSeconds must be 0–600.")
            .Validate(o => o.SegmentBytes is >= 4096 and <= 1L << 30, "Outbox:SegmentBytes must be 4096 bytes to 1 GiB.")
            .ValidateOnStart();
        services.AddOptions<HeartbeatOptions>().Bind(configuration.GetSection("MediaHost"))
            .Validate(o => o.HeartbeatSeconds is > 0 and <= 60, "MediaHost:HeartbeatSeconds must be above 0 and at most 60 (the Api closes silent calls after 120 s).")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient(MediaHostApiClient.HttpClientName, (provider, http) =>
            {
                var key = provider.GetRequiredService<IOptions<ApiOptions>>().Value.ServiceKey;
                if (!string.IsNullOrWhiteSpace(key))
                {
                    http.DefaultRequestHeaders.TryAddWithoutValidation(MediaHostContract.ServiceKeyHeader, key.Trim());
                }

                // Each use sets its own time limit (Polly, or the heartbeat's own).
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                ConnectTimeout = TimeSpan.FromSeconds(5),
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                AllowAutoRedirect = false,
            })
            .RemoveAllLoggers();
        services.AddSingleton<MediaHostApiClient>();
        services.AddSingleton<ICallConfigSource, ApiCallConfigSource>();
        services.AddSingleton<CallOutbox>();
        services.AddSingleton<ICallOutbox>(provider => provider.GetRequiredService<CallOutbox>());
        services.AddHostedService<OutboxHostedService>();
        services.AddSingleton<CallHeartbeats>();
        services.AddSingleton<ILiveCalls>(provider => provider.GetRequiredService<CallHeartbeats>());
        services.AddHostedService(provider => provider.GetRequiredService<CallHeartbeats>());
        return services;
    }
}
