using ProSaaS.Sandbox;

namespace ProSaaS.MediaHost.Hosting;

/// <summary>
/// Sandbox mode: with no <c>OpenAI:ApiKey</c> and no <c>OpenAI:RealtimeUrl</c> in the configuration (and
/// <c>Sandbox:Assistant</c> not false), every call talks to the built-in rule-based assistant (<see cref="SandboxAssistant"/>)
/// on its own loopback port instead of OpenAI, and <c>POST /sandbox/v1/calls/{callId}/caller-lines</c> tells it what each
/// call's caller says. With a key or an address configured nothing of this exists (the route is 404, no header is sent).
/// </summary>
public static class SandboxMode
{
    public const string Section = "Sandbox";

    /// <summary>The caller-lines route (sandbox mode only).</summary>
    public const string CallerLinesRoute = "/sandbox/v1/calls/{callId:guid}/caller-lines";

    /// <summary>Whether <paramref name="configuration"/> asks for sandbox mode.</summary>
    public static bool IsOn(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration[$"{OpenAIOptions.Section}:{nameof(OpenAIOptions.ApiKey)}"])
        && string.IsNullOrWhiteSpace(configuration[$"{OpenAIOptions.Section}:{nameof(OpenAIOptions.RealtimeUrl)}"])
        && configuration.GetValue($"{Section}:Assistant", true);

    /// <summary>Registers <see cref="SandboxRealtime"/> when the configuration asks for sandbox mode.</summary>
    public static WebApplicationBuilder AddSandboxAssistant(this WebApplicationBuilder builder)
    {
        if (IsOn(builder.Configuration))
        {
            builder.Services.AddSingleton<SandboxRealtime>();
        }

        return builder;
    }

    /// <summary>Maps the caller-lines route in sandbox mode; false (and nothing mapped) otherwise.</summary>
    public static bool MapSandboxAssistant(this WebApplication app)
    {
        if (app.Services.GetService<SandboxRealtime>() is null)
        {
            return false;
        }

        app.MapPost(CallerLinesRoute, async (Guid callId, SandboxCallerLinesRequest? body, SandboxRealtime sandbox, CancellationToken cancellationToken) =>
            {
                if (body?.Lines is null)
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request",
                        detail: "יש לשלוח את דברי המתקשר: {\"lines\": [\"...\"]}", extensions: new Dictionary<string, object?> { ["code"] = "sandbox.lines_required" });
                }

                var assistant = await sandbox.AssistantAsync(cancellationToken).ConfigureAwait(false);
                assistant.ExpectCallerLines(callId, body.Lines);
                return Results.NoContent();
            })
            .ExcludeFromDescription();
        return true;
    }
}

/// <summary>The in-process sandbox assistant of sandbox mode, started on first use and stopped with the host.</summary>
public sealed class SandboxRealtime(ILoggerFactory loggers) : IAsyncDisposable
{
    /// <summary>The upgrade header that ties a realtime session to its call.</summary>
    public const string CallIdHeader = SandboxAssistant.CallIdHeader;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private SandboxAssistant? _assistant;

    public async Task<SandboxAssistant> AssistantAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _assistant) is { } started)
        {
            return started;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _assistant ??= await SandboxAssistant.StartAsync(new SandboxAssistantOptions { LoggerFactory = loggers }).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Where a call's session opens: the sandbox's Realtime address with <c>model</c> in its query.</summary>
    public async Task<Uri> SessionUriAsync(string model, CancellationToken cancellationToken) =>
        (await AssistantAsync(cancellationToken).ConfigureAwait(false)).Server.RealtimeUriFor(model);

    public async ValueTask DisposeAsync()
    {
        if (_assistant is { } assistant)
        {
            await assistant.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }
}
