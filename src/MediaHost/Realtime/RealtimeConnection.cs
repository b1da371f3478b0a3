using System.Buffers;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ProSaaS.MediaHost.Hosting;

namespace ProSaaS.MediaHost.Realtime;

/// <summary>
/// Opens realtime sessions (PROTOCOLS.md §5, GA) over a plain <see cref="ClientWebSocket"/>: at <c>OpenAI:RealtimeUrl</c>, or,
/// in sandbox mode (<see cref="SandboxRealtime"/>), at the built-in sandbox assistant with the call named in
/// <c>X-ProSaaS-Call-Id</c>.
/// </summary>
public sealed partial class RealtimeConnector(IOptions<OpenAIOptions> options, ILogger<RealtimeConnector> logger, SandboxRealtime? sandbox = null)
{
    private readonly OpenAIOptions _options = options.Value;

    public string Model => _options.Model;

    public string TranscriptionModel => _options.TranscriptionModel;

    /// <summary>
    /// Connects and sends <c>session.update</c> with <paramref name="config"/>; the session is ready for audio at once (the
    /// service applies the update before anything sent after it). Throws when the service cannot be reached or refuses.
    /// </summary>
    public async Task<RealtimeConnection> ConnectAsync(RealtimeSessionConfig config, Guid callId, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(15);
        if (!string.IsNullOrWhiteSpace(_options.ApiKey))
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + _options.ApiKey.Trim());
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var uri = _options.SessionUri();
            if (sandbox is not null)
            {
                uri = await sandbox.SessionUriAsync(_options.Model, cancellationToken).ConfigureAwait(false);
                socket.Options.SetRequestHeader(SandboxRealtime.CallIdHeader, callId.ToString());
            }

            await socket.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
            var connection = new RealtimeConnection(socket);
            await connection.SendSessionUpdateAsync(config, cancellationToken).ConfigureAwait(false);
            LogConnected(logger, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return connection;
        }
        catch
        {
            socket.Abort();
            socket.Dispose();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Realtime session opened in {ElapsedMs:F0} ms")]
    private static partial void LogConnected(ILogger logger, double elapsedMs);
}

/// <summary>
/// One realtime session's socket. Sends are serialised (any task may send); receiving is for one reader at a time. Client
/// events are written by a reused <see cref="Utf8JsonWriter"/> into a reused buffer, so the audio path (an append every
/// 20 ms) allocates nothing; each received message is handed out from a pooled buffer that is valid until the next
/// receive.
/// </summary>
public sealed class RealtimeConnection : IAsyncDisposable
{
    private const int MaxMessageBytes = 4 * 1024 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ClientWebSocket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ArrayBufferWriter<byte> _sendBuffer = new(2048);
    private readonly Utf8JsonWriter _writer;
    private byte[] _receiveBuffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int _disposed;

    internal RealtimeConnection(ClientWebSocket socket)
    {
        _socket = socket;
        _writer = new Utf8JsonWriter(_sendBuffer, WriterOptions);
    }

    public bool IsOpen => _socket.State == WebSocketState.Open;

    public ValueTask SendSessionUpdateAsync(RealtimeSessionConfig config, CancellationToken cancellationToken) =>
        SendAsync(config, static (w, c) => RealtimeClientEvents.WriteSessionUpdate(w, c), cancellationToken);

    public ValueTask SendAudioAsync(ReadOnlyMemory<byte> muLaw, CancellationToken cancellationToken) =>
        SendAsync(muLaw, static (w, audio) => RealtimeClientEvents.WriteAudioAppend(w, audio.Span), cancellationToken);

    public ValueTask SendTruncateAsync(string itemId, long audioEndMs, CancellationToken cancellationToken) =>
        SendAsync((itemId, audioEndMs), static (w, t) => RealtimeClientEvents.WriteTruncate(w, t.itemId, t.audioEndMs), cancellationToken);

    public ValueTask SendResponseCancelAsync(CancellationToken cancellationToken) =>
        SendAsync(0, static (w, _) => RealtimeClientEvents.WriteResponseCancel(w), cancellationToken);

    public ValueTask SendResponseCreateAsync(string? instructions, CancellationToken cancellationToken) =>
        SendAsync(instructions, static (w, i) => RealtimeClientEvents.WriteResponseCreate(w, i), cancellationToken);

    public ValueTask SendFunctionCallOutputAsync(string callId, string outputJson, CancellationToken cancellationToken) =>
        SendAsync((callId, outputJson), static (w, t) => RealtimeClientEvents.WriteFunctionCallOutput(w, t.callId, t.outputJson), cancellationToken);

    public ValueTask SendUserTextAsync(string text, CancellationToken cancellationToken) =>
        SendAsync(text, static (w, t) => RealtimeClientEvents.WriteUserText(w, t), cancellationToken);

    /// <summary>
    /// The next text message, in a buffer valid until the next call; null when the service closed the session. Throws
    /// <see cref="WebSocketException"/> when the socket is lost.
    /// </summary>
    public async ValueTask<ReadOnlyMemory<byte>?> ReceiveAsync(CancellationToken cancellationToken)
    {
        var filled = 0;
        while (true)
        {
            if (filled == _receiveBuffer.Length)
            {
                if (_receiveBuffer.Length >= MaxMessageBytes)
                {
                    throw new WebSocketException(WebSocketError.Faulted, "A realtime message was larger than the limit.");
                }

                var larger = ArrayPool<byte>.Shared.Rent(_receiveBuffer.Length * 2);
                _receiveBuffer.AsSpan(0, filled).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_receiveBuffer);
                _receiveBuffer = larger;
            }

            var result = await _socket.ReceiveAsync(_receiveBuffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            filled += result.Count;
            if (result.EndOfMessage)
            {
                if (result.MessageType == WebSocketMessageType.Text)
                {
                    return _receiveBuffer.AsMemory(0, filled);
                }

                filled = 0;
            }
        }
    }

    private async ValueTask SendAsync<TState>(TState state, Action<Utf8JsonWriter, TState> write, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _sendBuffer.ResetWrittenCount();
            _writer.Reset(_sendBuffer);
            write(_writer, state);
            _writer.Flush();
            await _socket.SendAsync(_sendBuffer.WrittenMemory, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>
    /// Starts the close handshake (bounded): the service answers with its close, which ends <see cref="ReceiveAsync"/>
    /// with null. Sends after it fail.
    /// </summary>
    public async ValueTask SendCloseAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var locked = false;
        try
        {
            await _sendLock.WaitAsync(cts.Token).ConfigureAwait(false);
            locked = true;
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "call ended", cts.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            if (locked)
            {
                _sendLock.Release();
            }
        }
    }

    /// <summary>Closes the session politely (bounded), then drops what is left of it.</summary>
    public async ValueTask CloseAsync(TimeSpan timeout)
    {
        await SendCloseAsync(timeout).ConfigureAwait(false);
        _socket.Abort();
    }

    /// <summary>Drops the socket at once; a pending <see cref="ReceiveAsync"/> ends with an exception.</summary>
    public void Abort() => _socket.Abort();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await CloseAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        _socket.Dispose();
        _writer.Dispose();
        // The receive buffer goes back to the pool only once nobody can be reading into it.
        var buffer = Interlocked.Exchange(ref _receiveBuffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
