using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using ProSaaS.Sandbox;

namespace ProSaaS.MediaHost.Tests.Fakes;

/// <summary>A bare WebSocket client of the fake realtime server: sends JSON events, hands the test every server event in order.</summary>
internal sealed class RawRealtimeClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly Channel<JsonElement> _events = Channel.CreateUnbounded<JsonElement>();
    private readonly Task _receiving;

    private RawRealtimeClient(ClientWebSocket socket)
    {
        _socket = socket;
        _receiving = Task.Run(ReceiveAsync);
    }

    public ClientWebSocket Socket => _socket;

    public Exception? ReceiveFailure { get; private set; }

    public static async Task<RawRealtimeClient> ConnectAsync(FakeRealtimeServer server, string? key = null, string? subprotocol = "realtime",
        string model = "gpt-realtime")
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + (key ?? server.ApiKey));
        if (subprotocol is not null)
        {
            socket.Options.AddSubProtocol(subprotocol);
        }

        await socket.ConnectAsync(server.RealtimeUriFor(model), CancellationToken.None);
        return new RawRealtimeClient(socket);
    }

    public Task SendAsync(string json) => _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task SendAsync(object @event) => SendAsync(JsonSerializer.Serialize(@event));

    /// <summary>The GA session configuration MediaHost sends (PROTOCOLS.md §5).</summary>
    public Task ConfigureAsync(bool createResponse = true, bool interruptResponse = true, int silenceMs = 500, bool vad = true)
    {
        var turnDetection = vad
            ? JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["type"] = "server_vad", ["threshold"] = 0.5, ["prefix_padding_ms"] = 300, ["silence_duration_ms"] = silenceMs,
                ["create_response"] = createResponse, ["interrupt_response"] = interruptResponse,
            })
            : "null";
        return SendAsync("""
            {"type":"session.update","session":{"type":"realtime","model":"gpt-realtime","output_modalities":["audio"],
             "instructions":"את נציגה של העסק.",
             "audio":{
              "input":{"format":{"type":"audio/pcmu"},
                       "transcription":{"model":"gpt-4o-transcribe","language":"he"},
                       "noise_reduction":{"type":"near_field"},
                       "turn_detection":TURN_DETECTION},
              "output":{"format":{"type":"audio/pcmu"},"voice":"ash"}},
             "tools":[{"type":"function","name":"save_lead_field","description":"שמירת שדה","parameters":{"type":"object","properties":{}}}],
             "tool_choice":"auto"}}
            """.Replace("TURN_DETECTION", turnDetection, StringComparison.Ordinal));
    }

    /// <summary>Appends audio in 20 ms chunks, as MediaHost forwards Twilio's frames.</summary>
    public async Task AppendAsync(byte[] audio)
    {
        for (var offset = 0; offset < audio.Length; offset += 160)
        {
            var chunk = audio.AsSpan(offset, Math.Min(160, audio.Length - offset)).ToArray();
            await SendAsync($$"""{"type":"input_audio_buffer.append","audio":"{{Convert.ToBase64String(chunk)}}"}""");
        }
    }

    /// <summary>The next server event, whatever it is.</summary>
    public async Task<JsonElement> NextAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        return await _events.Reader.ReadAsync(cts.Token);
    }

    /// <summary>The next server event of this type; the events skipped on the way are returned too.</summary>
    public async Task<(JsonElement Event, List<JsonElement> Skipped)> NextOfTypeAsync(string type, TimeSpan? timeout = null)
    {
        var skipped = new List<JsonElement>();
        while (true)
        {
            var next = await NextAsync(timeout);
            if (next.GetProperty("type").GetString() == type)
            {
                return (next, skipped);
            }

            skipped.Add(next);
        }
    }

    /// <summary>Every event until (and including) the next one of this type.</summary>
    public async Task<List<JsonElement>> UntilAsync(string type, TimeSpan? timeout = null)
    {
        var (last, skipped) = await NextOfTypeAsync(type, timeout);
        skipped.Add(last);
        return skipped;
    }

    /// <summary>Whether no event arrives within <paramref name="wait"/>.</summary>
    public async Task<bool> QuietForAsync(TimeSpan wait)
    {
        using var cts = new CancellationTokenSource(wait);
        try
        {
            await _events.Reader.WaitToReadAsync(cts.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    public Task Completion => _receiving;

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        await _receiving;
        _socket.Dispose();
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[1 << 20];
        try
        {
            while (true)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
                    count += result.Count;
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                    break;
                }

                _events.Writer.TryWrite(JsonDocument.Parse(buffer.AsMemory(0, count)).RootElement.Clone());
            }
        }
        catch (Exception e)
        {
            ReceiveFailure = e;
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }
}

internal static class RealtimeEventExtensions
{
    public static string Type(this JsonElement e) => e.GetProperty("type").GetString()!;

    public static IEnumerable<string> Types(this IEnumerable<JsonElement> events) => events.Select(Type);
}
