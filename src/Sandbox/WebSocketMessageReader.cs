using System.Net.WebSockets;

namespace ProSaaS.Sandbox;

/// <summary>Reads whole WebSocket messages into one buffer that grows when a message does not fit.</summary>
internal sealed class WebSocketMessageReader(WebSocket socket, int initialSize)
{
    private byte[] _buffer = new byte[initialSize];

    /// <summary>The last message read; valid until the next read.</summary>
    public ReadOnlyMemory<byte> Message { get; private set; }

    /// <summary>Reads the next whole message and tells its type (a close message has no content).</summary>
    public async ValueTask<WebSocketMessageType> ReadAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            if (count == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            result = await socket.ReceiveAsync(_buffer.AsMemory(count), cancellationToken).ConfigureAwait(false);
            count += result.Count;
        }
        while (!result.EndOfMessage);

        Message = _buffer.AsMemory(0, count);
        return result.MessageType;
    }
}
