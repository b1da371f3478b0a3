using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ProSaaS.Sandbox;

/// <summary>
/// The OpenAI Realtime API, GA protocol only (PROTOCOLS.md §5), as a real WebSocket server on 127.0.0.1 (a random
/// port): <c>/v1/realtime?model=…</c> checks <c>Authorization: Bearer &lt;key&gt;</c>, accepts the subprotocol
/// <c>realtime</c> (or none), and runs one <see cref="FakeRealtimeSession"/> per connection — <c>session.created</c>,
/// <c>session.updated</c>, energy-based speech detection on the appended µ-law, scripted transcripts and responses
/// (see <see cref="RealtimeScript"/>), cancel, truncate and item creation as the real service does them, and its
/// <c>error</c> events for what it refuses (beta shapes among them).
/// <para>
/// Tests count and inspect sessions (<see cref="Sessions"/>, <see cref="WaitForSessionAsync"/>), drop their sockets
/// (<see cref="FakeRealtimeSession.Drop"/>, <see cref="DropAllSessions"/>), or make the server refuse new sessions
/// (<see cref="RefuseNewSessions"/>) to test fallbacks. Point a client at <see cref="BaseAddress"/> (the OpenAI
/// package's <c>RealtimeClientOptions.Endpoint</c>) or <see cref="RealtimeUri"/> (a raw WebSocket).
/// </para>
/// </summary>
public sealed class FakeRealtimeServer : IAsyncDisposable
{
    /// <summary>The API key the server expects unless <see cref="FakeRealtimeOptions.ApiKey"/> says otherwise.</summary>
    public const string DefaultApiKey = "sk-fake-realtime-test-key";

    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    private readonly WebApplication _app;
    private readonly object _gate = new();
    private readonly List<FakeRealtimeSession> _sessions = [];
    private readonly List<RefusedRealtimeConnection> _refused = [];
    private readonly ChangeSignal _changed = new();
    private HttpStatusCode? _refuseAll;
    private int _refuseNext;
    private HttpStatusCode _refuseNextStatus;
    private int _attempts;

    private FakeRealtimeServer(WebApplication app, FakeRealtimeOptions options)
    {
        _app = app;
        Options = options;
        app.UseWebSockets();
        app.Run(HandleAsync);
    }

    /// <summary>The server's options.</summary>
    public FakeRealtimeOptions Options { get; }

    /// <summary>The API key clients must present.</summary>
    public string ApiKey => Options.ApiKey;

    /// <summary><c>http://127.0.0.1:PORT/v1</c>: what the OpenAI package's <c>RealtimeClientOptions.Endpoint</c> is set to.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary><c>ws://127.0.0.1:PORT/v1/realtime</c> (add <c>?model=…</c>, or use <see cref="RealtimeUriFor"/>).</summary>
    public Uri RealtimeUri { get; private set; } = null!;

    /// <summary>Every session opened so far, in order (closed ones included).</summary>
    public IReadOnlyList<FakeRealtimeSession> Sessions
    {
        get
        {
            lock (_gate)
            {
                return _sessions.ToList();
            }
        }
    }

    /// <summary>Number of sessions opened so far.</summary>
    public int SessionCount
    {
        get
        {
            lock (_gate)
            {
                return _sessions.Count;
            }
        }
    }

    /// <summary>Every WebSocket connection attempt, refused ones included.</summary>
    public int ConnectionAttempts => Volatile.Read(ref _attempts);

    /// <summary>The connection attempts refused (bad key, no WebSocket, or told to refuse).</summary>
    public IReadOnlyList<RefusedRealtimeConnection> Refused
    {
        get
        {
            lock (_gate)
            {
                return _refused.ToList();
            }
        }
    }

    /// <summary>Starts a server on 127.0.0.1 with a random port.</summary>
    public static async Task<FakeRealtimeServer> StartAsync(FakeRealtimeOptions? options = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var fake = new FakeRealtimeServer(builder.Build(), options ?? new FakeRealtimeOptions());
        await fake._app.StartAsync().ConfigureAwait(false);
        var address = fake._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        address = address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        fake.BaseAddress = new Uri(address + "/v1");
        fake.RealtimeUri = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + "/v1/realtime");
        return fake;
    }

    /// <summary><c>ws://127.0.0.1:PORT/v1/realtime?model=<paramref name="model"/></c>.</summary>
    public Uri RealtimeUriFor(string model = "gpt-realtime") => new(RealtimeUri + "?model=" + Uri.EscapeDataString(model));

    /// <summary>The session opened <paramref name="index"/>-th (0 = the first); null if not (yet).</summary>
    public FakeRealtimeSession? Session(int index)
    {
        lock (_gate)
        {
            return index < _sessions.Count ? _sessions[index] : null;
        }
    }

    /// <summary>Waits until the <paramref name="index"/>-th session (0 = the first) has connected (its <c>session.created</c> follows at once).</summary>
    public Task<FakeRealtimeSession> WaitForSessionAsync(int index = 0, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _changed.WaitAsync(() => Session(index), timeout ?? DefaultWait, $"realtime session #{index}", cancellationToken);

    /// <summary>From now on every new connection is refused with <paramref name="status"/> and an OpenAI error body, until <see cref="AcceptNewSessions"/>.</summary>
    public void RefuseNewSessions(HttpStatusCode status = HttpStatusCode.ServiceUnavailable)
    {
        lock (_gate)
        {
            _refuseAll = status;
        }
    }

    /// <summary>The next <paramref name="count"/> connections are refused with <paramref name="status"/>; later ones are accepted.</summary>
    public void RefuseNextSessions(int count, HttpStatusCode status = HttpStatusCode.ServiceUnavailable)
    {
        lock (_gate)
        {
            _refuseNext = count;
            _refuseNextStatus = status;
        }
    }

    /// <summary>New connections are accepted again.</summary>
    public void AcceptNewSessions()
    {
        lock (_gate)
        {
            _refuseAll = null;
            _refuseNext = 0;
        }
    }

    /// <summary>Drops the socket of every open session abruptly.</summary>
    public void DropAllSessions()
    {
        foreach (var session in Sessions)
        {
            session.Drop();
        }
    }

    public async ValueTask DisposeAsync()
    {
        DropAllSessions();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    internal void Changed() => _changed.Pulse();

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path != "/v1/realtime")
        {
            await ErrorAsync(context, HttpStatusCode.NotFound, "invalid_request_error", "unknown_url",
                $"Invalid URL ({context.Request.Method} {context.Request.Path})").ConfigureAwait(false);
            return;
        }

        Interlocked.Increment(ref _attempts);
        var key = BearerKey(context);
        if (Options.RequireApiKey && key != Options.ApiKey)
        {
            Refuse(HttpStatusCode.Unauthorized, key is null ? "no API key" : "wrong API key");
            await ErrorAsync(context, HttpStatusCode.Unauthorized, "invalid_request_error", "invalid_api_key",
                key is null
                    ? "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
                    : $"Incorrect API key provided: {Mask(key)}. You can find your API key at https://platform.openai.com/account/api-keys.").ConfigureAwait(false);
            return;
        }

        HttpStatusCode? refusal;
        lock (_gate)
        {
            refusal = _refuseAll;
            if (refusal is null && _refuseNext > 0)
            {
                _refuseNext--;
                refusal = _refuseNextStatus;
            }
        }

        if (refusal is { } status)
        {
            Refuse(status, "told to refuse new sessions");
            await ErrorAsync(context, status, "server_error", null,
                "The server is overloaded or not ready yet. Please try again later.").ConfigureAwait(false);
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            Refuse(HttpStatusCode.BadRequest, "not a WebSocket request");
            await ErrorAsync(context, HttpStatusCode.BadRequest, "invalid_request_error", null,
                "This endpoint only accepts WebSocket connections.").ConfigureAwait(false);
            return;
        }

        var requested = context.WebSockets.WebSocketRequestedProtocols;
        var subprotocol = requested.Contains("realtime") ? "realtime" : null;
        var socket = await context.WebSockets.AcceptWebSocketAsync(subprotocol).ConfigureAwait(false);
        FakeRealtimeSession session;
        lock (_gate)
        {
            session = new FakeRealtimeSession(this, _sessions.Count, context, socket,
                context.Request.Query["model"].ToString() is { Length: > 0 } model ? model : null, subprotocol,
                context.Request.Headers["OpenAI-Beta"].ToString() is { Length: > 0 } beta ? beta : null);
            _sessions.Add(session);
        }

        await session.RunAsync().ConfigureAwait(false);
    }

    private void Refuse(HttpStatusCode status, string reason)
    {
        lock (_gate)
        {
            _refused.Add(new RefusedRealtimeConnection(FakeClock.Now, status, reason));
        }

        _changed.Pulse();
    }

    /// <summary>The key from <c>Authorization: Bearer</c>, or from the browser subprotocol <c>openai-insecure-api-key.&lt;key&gt;</c>.</summary>
    private static string? BearerKey(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return header["Bearer ".Length..].Trim();
        }

        const string prefix = "openai-insecure-api-key.";
        return context.WebSockets.WebSocketRequestedProtocols.FirstOrDefault(p => p.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];
    }

    private static string Mask(string key) => key.Length <= 8 ? "****" : key[..4] + new string('*', key.Length - 8) + key[^4..];

    private static async Task ErrorAsync(HttpContext context, HttpStatusCode status, string type, string? code, string message)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["error"] = new Dictionary<string, object?> { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = code },
        })).ConfigureAwait(false);
    }
}
