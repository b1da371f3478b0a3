using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Sandbox;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Behaviour;
using ProSaaS.MediaHost.Calls;
using ProSaaS.MediaHost.Tools;

namespace ProSaaS.MediaHost.Tests.Bridge;

/// <summary>
/// A real MediaHost (Kestrel on a loopback port) wired to a fake realtime service, with in-memory stand-ins for the Api's
/// ports, and a way to open fake Twilio media streams to it for calls it knows.
/// </summary>
public sealed class MediaHostHarness : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;
    private readonly List<FakeTwilioMediaClient> _streams = [];
    private int _hostStopped;

    private MediaHostHarness(FakeRealtimeServer ai, byte[] key, string recordings, WebApplicationFactory<Program> factory, Uri mediaUri)
    {
        Ai = ai;
        Key = key;
        RecordingsPath = recordings;
        _factory = factory;
        MediaUri = mediaUri;
    }

    public FakeRealtimeServer Ai { get; }

    public InMemoryCallConfigSource Configs { get; } = new();

    public InMemoryCallOutbox Outbox { get; } = new();

    public InMemoryLiveCalls LiveCalls { get; } = new();

    public InMemoryCallTools Tools { get; } = new();

    public byte[] Key { get; }

    public string RecordingsPath { get; }

    public Uri MediaUri { get; }

    public IServiceProvider Services => _factory.Services;

    public static async Task<MediaHostHarness> StartAsync(FakeRealtimeOptions? ai = null, Action<IServiceCollection>? services = null,
        IDictionary<string, string?>? settings = null)
    {
        var server = await FakeRealtimeServer.StartAsync(ai);
        var key = Convert.FromBase64String(StreamToken.NewKey());
        var recordings = Path.Combine(Path.GetTempPath(), "prosaas-bridge-tests", Guid.NewGuid().ToString("N"));
        MediaHostHarness? harness = null;
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("MediaHost:StreamTokenKey", Convert.ToBase64String(key));
            builder.UseSetting("MediaHost:RecordingsPath", recordings);
            builder.UseSetting("MediaHost:DrainSeconds", "1");
            builder.UseSetting("OpenAI:RealtimeUrl", server.RealtimeUri.ToString());
            builder.UseSetting("OpenAI:ApiKey", server.ApiKey);
            foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
            {
                builder.UseSetting(name, value);
            }

            builder.ConfigureTestServices(s =>
            {
                s.AddSingleton<ICallConfigSource>(_ => harness!.Configs);
                s.AddSingleton<ICallOutbox>(_ => harness!.Outbox);
                s.AddSingleton<ILiveCalls>(_ => harness!.LiveCalls);
                s.AddSingleton<ICallToolClient>(_ => harness!.Tools);
                // The bridge's own tests relay the conversation as the service drives it; a test may register another behaviour.
                s.AddSingleton<ICallBehaviourFactory, RelayBehaviourFactory>();
                services?.Invoke(s);
            });
        });
        factory.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var media = new UriBuilder(address) { Scheme = "ws", Path = MediaStreamEndpoint.Path }.Uri;
        harness = new MediaHostHarness(server, key, recordings, factory, media);
        return harness;
    }

    /// <summary>A call the Api knows (its configuration is served), with a unique instruction text to find its AI session by.</summary>
    public CallConfig NewCall(bool botSpeaksFirst = true, bool record = false, string tenantId = "biz-a", string greeting = "שלום, כאן נועה מהמספרה.",
        IReadOnlyList<CallTool>? tools = null)
    {
        var callId = Guid.NewGuid();
        var config = new CallConfig(
            callId, tenantId, CallDirections.Inbound, null, null, "+972501234567", "+97231234567", "המספרה של שי", "Asia/Jerusalem", "he",
            "נועה", $"את נועה, העוזרת של המספרה. שיחה {callId:N}.", greeting, "ash", botSpeaksFirst, new CallAutoHangup(true, true),
            new CallSilence(8, 20, 2), 600, new CallTurnDetection(), [new CallLeadField("name", "שם", "text", true)],
            tools ?? [new CallTool("save_lead_field", "שומר פרט של הליד", JsonDocument.Parse("""{"type":"object","properties":{"key":{"type":"string"}}}""").RootElement)],
            record);
        Configs.Add(config);
        return config;
    }

    public string TokenFor(CallConfig call, TimeSpan? lifetime = null) =>
        StreamToken.Issue(Key, call.CallId, call.TenantId, DateTimeOffset.UtcNow + (lifetime ?? TimeSpan.FromMinutes(1)));

    /// <summary>Opens Twilio's media stream for <paramref name="call"/> (its token and callId parameters unless given).</summary>
    public async Task<FakeTwilioMediaClient> ConnectAsync(CallConfig call, double speed = 1, double? playbackSpeed = null,
        IReadOnlyDictionary<string, string>? parameters = null, bool sendSilenceWhenIdle = true)
    {
        var stream = await FakeTwilioMediaClient.ConnectAsync(MediaUri, new FakeTwilioCallOptions
        {
            CustomParameters = parameters ?? new Dictionary<string, string> { ["callId"] = call.CallId.ToString(), ["token"] = TokenFor(call) },
            Speed = speed,
            PlaybackSpeed = playbackSpeed,
            SendSilenceWhenIdle = sendSilenceWhenIdle,
        });
        lock (_streams)
        {
            _streams.Add(stream);
        }

        return stream;
    }

    /// <summary>The AI session of <paramref name="call"/> (found by the call's unique instructions), the <paramref name="nth"/> one opened.</summary>
    public async Task<FakeRealtimeSession> SessionOfAsync(CallConfig call, int nth = 0, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var sessions = Ai.Sessions.Where(s => s.Settings.Instructions?.Contains(call.CallId.ToString("N"), StringComparison.Ordinal) == true).ToList();
            if (sessions.Count > nth)
            {
                return sessions[nth];
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No AI session #{nth} of call {call.CallId}.");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Stops the MediaHost as its host would (drain included), leaving the fakes running.</summary>
    public async Task StopHostAsync()
    {
        if (Interlocked.Exchange(ref _hostStopped, 1) == 0)
        {
            await _factory.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<FakeTwilioMediaClient> streams;
        lock (_streams)
        {
            streams = [.. _streams];
        }

        foreach (var stream in streams)
        {
            await stream.DisposeAsync();
        }

        await StopHostAsync();
        await Ai.DisposeAsync();
        try
        {
            Directory.Delete(RecordingsPath, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}

/// <summary>A behaviour that records every event it is given and lets a test act on them.</summary>
public sealed class RecordingBehaviour(Func<CallEvent, ICallHandle, ValueTask>? onEvent = null, bool decidesResponses = false) : ICallBehaviour
{
    private readonly object _gate = new();
    private readonly List<CallEvent> _events = [];

    public bool DecidesResponses => decidesResponses;

    public IReadOnlyList<CallEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public async ValueTask OnEventAsync(CallEvent callEvent, ICallHandle call, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _events.Add(callEvent);
        }

        if (onEvent is not null)
        {
            await onEvent(callEvent, call);
        }
    }

    public async Task<T> WaitForAsync<T>(Func<T, bool>? match = null, TimeSpan? timeout = null)
        where T : CallEvent
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            if (Events.OfType<T>().FirstOrDefault(e => match?.Invoke(e) ?? true) is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No {typeof(T).Name} event.");
            }

            await Task.Delay(10);
        }
    }
}

/// <summary>Gives every call the same <see cref="RecordingBehaviour"/> (tests with one call).</summary>
public sealed class SingleBehaviourFactory(ICallBehaviour behaviour) : ICallBehaviourFactory
{
    public ICallBehaviour Create(CallConfig config) => behaviour;
}
