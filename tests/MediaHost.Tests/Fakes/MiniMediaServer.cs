using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ProSaaS.MediaHost.Tests.Fakes;

/// <summary>
/// The smallest media server the fake Twilio client can talk to: accepts one WebSocket at <c>/media</c>, hands the test
/// every text message it receives and sends what the test tells it to.
/// </summary>
internal sealed class MiniMediaServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource<WebSocket> _socket = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<(TimeSpan At, string Text)> _messages = Channel.CreateUnbounded<(TimeSpan, string)>();

    private MiniMediaServer(WebApplication app)
    {
        _app = app;
        app.UseWebSockets();
        app.Run(async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest || context.Request.Path != "/media")
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            var socket = await context.WebSockets.AcceptWebSocketAsync();
            _socket.TrySetResult(socket);
            var buffer = new byte[64 * 1024];
            try
            {
                while (true)
                {
                    var count = 0;
                    WebSocketReceiveResult result;
                    do
                    {
                        result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer, count, buffer.Length - count), CancellationToken.None);
                        count += result.Count;
                    }
                    while (!result.EndOfMessage);

                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        ClosedByClient = true;
                        if (socket.State == WebSocketState.CloseReceived)
                        {
                            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                        }

                        break;
                    }

                    _messages.Writer.TryWrite((ProSaaS.Sandbox.FakeClock.Now, Encoding.UTF8.GetString(buffer, 0, count)));
                }
            }
            catch (WebSocketException e)
            {
                Failure = e;
            }

            _messages.Writer.TryComplete();
        });
    }

    public Uri MediaUri { get; private set; } = null!;

    public bool ClosedByClient { get; private set; }

    public Exception? Failure { get; private set; }

    public static async Task<MiniMediaServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new MiniMediaServer(builder.Build());
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.MediaUri = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal) + "/media");
        return server;
    }

    public Task<WebSocket> Socket => _socket.Task;

    /// <summary>The next message the client sent, parsed; null when the socket has closed.</summary>
    public async Task<(TimeSpan At, JsonElement Message)?> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        if (!await _messages.Reader.WaitToReadAsync(cts.Token))
        {
            return null;
        }

        var (at, text) = await _messages.Reader.ReadAsync(cts.Token);
        return (at, JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>The next message of this event, skipping others (e.g. media frames).</summary>
    public async Task<(TimeSpan At, JsonElement Message)> NextEventAsync(string @event, TimeSpan? timeout = null)
    {
        while (true)
        {
            var next = await NextAsync(timeout) ?? throw new InvalidOperationException($"The socket closed before a '{@event}' arrived.");
            if (next.Message.GetProperty("event").GetString() == @event)
            {
                return next;
            }
        }
    }

    public async Task SendAsync(string json) =>
        await (await Socket).SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    public async Task SendBinaryAsync(byte[] data) =>
        await (await Socket).SendAsync(data, WebSocketMessageType.Binary, true, CancellationToken.None);

    public Task SendMediaAsync(string streamSid, byte[] audio) =>
        SendAsync($$$"""{"event":"media","streamSid":"{{{streamSid}}}","media":{"payload":"{{{Convert.ToBase64String(audio)}}}"}}""");

    public Task SendMarkAsync(string streamSid, string name) =>
        SendAsync($$$"""{"event":"mark","streamSid":"{{{streamSid}}}","mark":{"name":"{{{name}}}"}}""");

    public Task SendClearAsync(string streamSid) => SendAsync($$"""{"event":"clear","streamSid":"{{streamSid}}"}""");

    public async Task CloseAsync()
    {
        var socket = await Socket;
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "call ended", CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.Task.IsCompletedSuccessfully && _messages.Reader.Completion.IsCompleted is false)
        {
            try
            {
                _socket.Task.Result.Abort();
            }
            catch (ObjectDisposedException)
            {
                // The request ended meanwhile.
            }
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
