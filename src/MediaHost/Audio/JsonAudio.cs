using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace ProSaaS.MediaHost.Audio;

/// <summary>Audio carried as a base64 JSON string (Twilio's <c>payload</c>, the AI service's <c>delta</c>), decoded in place.</summary>
internal static class JsonAudio
{
    /// <summary>
    /// Reads the value after the property <paramref name="reader"/> stands on and decodes it into <paramref name="destination"/>;
    /// false (nothing written) when it is not a plain string of base64 or does not fit.
    /// </summary>
    public static bool TryDecodeValue(ref Utf8JsonReader reader, Span<byte> destination, out int bytesWritten)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped
            && Base64.DecodeFromUtf8(reader.ValueSpan, destination, out _, out bytesWritten) == OperationStatus.Done)
        {
            return true;
        }

        bytesWritten = 0;
        return false;
    }
}
