using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Behaviour;
using ProSaaS.MediaHost.Calls;
using ProSaaS.MediaHost.Realtime;
using ProSaaS.MediaHost.Tools;

namespace ProSaaS.MediaHost.Hosting;

/// <summary>
/// The audio bridge: the <c>/media</c> endpoint, the call sessions, the realtime client, the call behaviour
/// (<see cref="ConversationBehaviour"/> unless another factory is registered first) and the drain at shutdown. Settings: <c>MediaHost:*</c> (<see cref="MediaHostOptions"/>), <c>OpenAI:*</c> (<see cref="OpenAIOptions"/>),
/// checked at start. The call's tools go through <see cref="ICallToolClient"/> (<see cref="ToolsRegistration.AddCallTools"/>). The Api ports (<see cref="ICallConfigSource"/>, <see cref="ICallOutbox"/>, <see cref="ILiveCalls"/>) are
/// registered by the outbox's own registration.
/// </summary>
public static partial class MediaBridgeRegistration
{
    public static WebApplicationBuilder AddMediaBridge(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var development = builder.Environment.IsDevelopment();
        services.AddOptions<MediaHostOptions>().Bind(builder.Configuration.GetSection(MediaHostOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MediaHostOptions>>(new ProblemsValidator<MediaHostOptions>(o => o.Problems(development)));
        services.AddOptions<OpenAIOptions>().Bind(builder.Configuration.GetSection(OpenAIOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OpenAIOptions>>(new ProblemsValidator<OpenAIOptions>(o => o.Problems()));

        services.TryAddSingleton(TimeProvider.System);
        builder.AddSandboxAssistant();
        // The call's brain: its tools run by the Api (ICallToolClient, AddCallTools), its FAQ from the call's configuration.
        services.TryAddSingleton<ICallToolAnswererFactory, ApiCallToolAnswererFactory>();
        services.TryAddSingleton<ICallFaqSource, CallFaqSource>();
        services.TryAddSingleton<ICallBehaviourFactory, ConversationBehaviourFactory>();
        services.AddSingleton<RealtimeConnector>();
        services.AddSingleton<CallSessionServices>();
        services.AddSingleton<LiveCallSessions>();
        services.AddSingleton<MediaStreamEndpoint>();
        services.AddHostedService<LiveCallsDrain>();

        // The host waits for the drain (and each call's report) before it gives up on shutting down cleanly.
        var drainSeconds = builder.Configuration.GetValue($"{MediaHostOptions.Section}:{nameof(MediaHostOptions.DrainSeconds)}", 30);
        services.Configure<HostOptions>(o =>
        {
            var needed = TimeSpan.FromSeconds(Math.Clamp(drainSeconds, 0, 3600) + 25);
            if (o.ShutdownTimeout < needed)
            {
                o.ShutdownTimeout = needed;
            }
        });
        return builder;
    }

    /// <summary>WebSockets and the <c>/media</c> endpoint; warns at start about settings that leave calls unserved.</summary>
    public static WebApplication UseMediaBridge(this WebApplication app)
    {
        app.UseWebSockets();
        app.Map(MediaStreamEndpoint.Path, (HttpContext context, MediaStreamEndpoint endpoint) => endpoint.HandleAsync(context))
            .ExcludeFromDescription();
        var sandbox = app.MapSandboxAssistant();

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var media = app.Services.GetRequiredService<IOptions<MediaHostOptions>>().Value;
            var openAi = app.Services.GetRequiredService<IOptions<OpenAIOptions>>().Value;
            if (!StreamToken.TryParseKey(media.StreamTokenKey, out _))
            {
                LogNoStreamTokenKey(app.Logger);
            }

            if (sandbox)
            {
                LogSandboxMode(app.Logger);
            }
            else if (string.IsNullOrWhiteSpace(openAi.ApiKey))
            {
                LogNoApiKey(app.Logger, openAi.RealtimeUrl);
            }
        });
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "MediaHost:StreamTokenKey is not set: every media stream is refused (set the same key as the Api's)")]
    private static partial void LogNoStreamTokenKey(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Sandbox mode: no OpenAI key or Realtime address is configured, so calls talk to the built-in rule-based assistant (Sandbox:Assistant=false turns it off)")]
    private static partial void LogSandboxMode(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "OpenAI:ApiKey is not set: realtime sessions at {RealtimeUrl} are opened without a key")]
    private static partial void LogNoApiKey(ILogger logger, Uri realtimeUrl);

    private sealed class ProblemsValidator<T>(Func<T, IEnumerable<string>> problems) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var found = problems(options).ToList();
            return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
        }
    }
}
