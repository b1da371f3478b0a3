using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using ProSaaS.MediaHost.Audio;

namespace ProSaaS.MediaHost.Twilio;

public enum TwilioStreamEventKind
{
    Unknown,
    Connected,
    Start,
    Media,
    Dtmf,
    Mark,
    Stop,
}

/// <summary>
/// One message Twilio sent on a media stream. For <c>media</c> only the header fields are kept: the audio itself is
/// decoded by <see cref="TwilioStreamMessages.TryReadMedia"/> straight into the caller's buffer.
/// </summary>
public readonly record struct TwilioStreamEvent(
    TwilioStreamEventKind Kind,
    string? StreamSid = null,
    long SequenceNumber = 0,
    string? CallSid = null,
    IReadOnlyDictionary<string, string>? CustomParameters = null,
    string? Track = null,
    long Chunk = 0,
    long TimestampMs = 0,
    string? MarkName = null,
    string? Digit = null);

/// <summary>
/// The Twilio Media Streams wire format (PROTOCOLS.md §1), read with <see cref="Utf8JsonReader"/> and written with
/// <see cref="Utf8JsonWriter"/> into the caller's buffers: no intermediate strings for the audio, which is most of
/// the traffic (50 frames a second each way per call).
/// </summary>
public static class TwilioStreamMessages
{
    /// <summary>Reads a text frame. Unknown events and malformed JSON give <see cref="TwilioStreamEventKind.Unknown"/>.</summary>
    public static TwilioStreamEvent Parse(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return ParseCore(utf8Json);
        }
        catch (JsonException)
        {
            return new TwilioStreamEvent(TwilioStreamEventKind.Unknown);
        }
    }

    /// <summary>Audio to play: <c>{"event":"media","streamSid":…,"media":{"payload":"&lt;base64&gt;"}}</c>.</summary>
    public static void WriteMedia(IBufferWriter<byte> output, string streamSid, ReadOnlySpan<byte> muLaw)
    {
        using var writer = new Utf8JsonWriter(output);
        WriteMedia(writer, JsonEncodedText.Encode(streamSid), muLaw);
    }

    /// <summary>The hot path: <c>media</c> with a writer the caller reuses (and flushes) and the stream sid encoded once.</summary>
    public static void WriteMedia(Utf8JsonWriter writer, JsonEncodedText streamSid, ReadOnlySpan<byte> muLaw)
    {
        writer.WriteStartObject();
        writer.WriteString("event"u8, "media"u8);
        writer.WriteString("streamSid"u8, streamSid);
        writer.WriteStartObject("media"u8);
        writer.WriteBase64String("payload"u8, muLaw);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>A named mark, echoed by Twilio once the audio queued before it has played.</summary>
    public static void WriteMark(IBufferWriter<byte> output, string streamSid, string name)
    {
        using var writer = new Utf8JsonWriter(output);
        WriteMark(writer, JsonEncodedText.Encode(streamSid), Encoding.UTF8.GetBytes(name));
    }

    /// <summary>A mark whose name is given as UTF-8 (e.g. formatted on the stack), with a reused writer.</summary>
    public static void WriteMark(Utf8JsonWriter writer, JsonEncodedText streamSid, ReadOnlySpan<byte> utf8Name)
    {
        writer.WriteStartObject();
        writer.WriteString("event"u8, "mark"u8);
        writer.WriteString("streamSid"u8, streamSid);
        writer.WriteStartObject("mark"u8);
        writer.WriteString("name"u8, utf8Name);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Drops all audio queued at Twilio; Twilio echoes every pending mark at once.</summary>
    public static void WriteClear(IBufferWriter<byte> output, string streamSid)
    {
        using var writer = new Utf8JsonWriter(output);
        WriteClear(writer, JsonEncodedText.Encode(streamSid));
    }

    public static void WriteClear(Utf8JsonWriter writer, JsonEncodedText streamSid)
    {
        writer.WriteStartObject();
        writer.WriteString("event"u8, "clear"u8);
        writer.WriteString("streamSid"u8, streamSid);
        writer.WriteEndObject();
    }

    /// <summary>
    /// The kind of a message from its top-level <c>event</c>, read without allocating: the audio path asks this first and
    /// reads <c>media</c> and <c>mark</c> with <see cref="TryReadMedia"/> and <see cref="TryReadMarkName"/>, the rare rest
    /// with <see cref="Parse"/>.
    /// </summary>
    public static TwilioStreamEventKind PeekKind(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return TwilioStreamEventKind.Unknown;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("event"u8))
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }

                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return TwilioStreamEventKind.Unknown;
                }

                return reader.ValueTextEquals("media"u8) ? TwilioStreamEventKind.Media
                    : reader.ValueTextEquals("mark"u8) ? TwilioStreamEventKind.Mark
                    : reader.ValueTextEquals("dtmf"u8) ? TwilioStreamEventKind.Dtmf
                    : reader.ValueTextEquals("start"u8) ? TwilioStreamEventKind.Start
                    : reader.ValueTextEquals("stop"u8) ? TwilioStreamEventKind.Stop
                    : reader.ValueTextEquals("connected"u8) ? TwilioStreamEventKind.Connected
                    : TwilioStreamEventKind.Unknown;
            }
        }
        catch (JsonException)
        {
        }

        return TwilioStreamEventKind.Unknown;
    }

    /// <summary>
    /// A <c>media</c> message's <c>timestamp</c> (ms since the stream's start) and its µ-law, decoded into
    /// <paramref name="destination"/>, without allocating; false when there is no payload or it does not fit.
    /// </summary>
    public static bool TryReadMedia(ReadOnlySpan<byte> utf8Json, Span<byte> destination, out long timestampMs, out int bytesWritten)
    {
        timestampMs = 0;
        bytesWritten = 0;
        var decoded = false;
        var reader = new Utf8JsonReader(utf8Json);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 2)
                {
                    continue;
                }

                if (reader.ValueTextEquals("payload"u8))
                {
                    if (!JsonAudio.TryDecodeValue(ref reader, destination, out bytesWritten))
                    {
                        return false;
                    }

                    decoded = true;
                }
                else if (reader.ValueTextEquals("timestamp"u8))
                {
                    timestampMs = ReadNumber(ref reader);
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return decoded;
    }

    /// <summary>A <c>mark</c> message's name as UTF-8, a slice of the message (nothing allocated).</summary>
    public static bool TryReadMarkName(ReadOnlySpan<byte> utf8Json, out ReadOnlySpan<byte> name)
    {
        name = default;
        var reader = new Utf8JsonReader(utf8Json);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 2 && reader.ValueTextEquals("name"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
                    {
                        return false;
                    }

                    name = reader.ValueSpan;
                    return true;
                }
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }

    private static TwilioStreamEvent ParseCore(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        string? eventName = null, streamSid = null, callSid = null, track = null, markName = null, digit = null;
        long sequence = 0, chunk = 0, timestamp = 0;
        Dictionary<string, string>? parameters = null;
        var depth = 0;
        var inCustomParameters = false;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    depth++;
                    break;
                case JsonTokenType.EndObject:
                    depth--;
                    inCustomParameters &= depth >= 3;
                    break;
                case JsonTokenType.StartArray:
                    reader.Skip();
                    break;
                case JsonTokenType.PropertyName when depth == 1:
                    if (reader.ValueTextEquals("event"u8)) { eventName = ReadString(ref reader); }
                    else if (reader.ValueTextEquals("streamSid"u8)) { streamSid = ReadString(ref reader); }
                    else if (reader.ValueTextEquals("sequenceNumber"u8)) { sequence = ReadNumber(ref reader); }
                    break;
                case JsonTokenType.PropertyName when depth == 2:
                    if (reader.ValueTextEquals("payload"u8)) { reader.Skip(); }
                    else if (reader.ValueTextEquals("callSid"u8)) { callSid = ReadString(ref reader); }
                    else if (reader.ValueTextEquals("streamSid"u8)) { streamSid ??= ReadString(ref reader); }
                    else if (reader.ValueTextEquals("track"u8)) { track = ReadString(ref reader); }
                    else if (reader.ValueTextEquals("chunk"u8)) { chunk = ReadNumber(ref reader); }
                    else if (reader.ValueTextEquals("timestamp"u8)) { timestamp = ReadNumber(ref reader); }
                    else if (reader.ValueTextEquals("name"u8)) { markName = ReadString(ref reader); }
                    else if (reader.ValueTextEquals("digit"u8)) { digit = ReadString(ref reader); }
                    else if (reader.ValueTextEquals("customParameters"u8)) { inCustomParameters = true; parameters ??= new(StringComparer.Ordinal); }
                    break;
                case JsonTokenType.PropertyName when depth == 3 && inCustomParameters:
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        parameters![name] = reader.GetString()!;
                    }
                    else
                    {
                        reader.Skip();
                    }

                    break;
                }
            }
        }

        var kind = eventName switch
        {
            "connected" => TwilioStreamEventKind.Connected,
            "start" => TwilioStreamEventKind.Start,
            "media" => TwilioStreamEventKind.Media,
            "dtmf" => TwilioStreamEventKind.Dtmf,
            "mark" => TwilioStreamEventKind.Mark,
            "stop" => TwilioStreamEventKind.Stop,
            _ => TwilioStreamEventKind.Unknown,
        };
        return kind == TwilioStreamEventKind.Connected
            ? new TwilioStreamEvent(kind)
            : new TwilioStreamEvent(kind, streamSid, sequence, callSid,
                kind == TwilioStreamEventKind.Start ? (IReadOnlyDictionary<string, string>?)parameters ?? new Dictionary<string, string>() : null,
                track, chunk, timestamp, markName, digit);
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    /// <summary>Twilio sends numbers as strings ("4"); both forms are accepted.</summary>
    private static long ReadNumber(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number))
        {
            return number;
        }

        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && Utf8Parser.TryParse(reader.ValueSpan, out long parsed, out var consumed)
            && consumed == reader.ValueSpan.Length)
        {
            return parsed;
        }

        reader.Skip();
        return 0;
    }
}
