using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

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
/// decoded by <see cref="TwilioStreamMessages.TryDecodePayload"/> straight into the caller's buffer.
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

    /// <summary>
    /// Decodes the base64 µ-law of a <c>media</c> message into <paramref name="destination"/> without allocating;
    /// false when the message has no payload or it does not fit.
    /// </summary>
    public static bool TryDecodePayload(ReadOnlySpan<byte> utf8Json, Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        var reader = new Utf8JsonReader(utf8Json);
        var depth = 0;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        depth++;
                        break;
                    case JsonTokenType.EndObject:
                        depth--;
                        break;
                    case JsonTokenType.PropertyName when depth == 2 && reader.ValueTextEquals("payload"u8):
                        reader.Read();
                        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
                        {
                            return false;
                        }

                        var status = Base64.DecodeFromUtf8(reader.ValueSpan, destination, out _, out bytesWritten);
                        return status == OperationStatus.Done;
                }
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }

    /// <summary>Audio to play: <c>{"event":"media","streamSid":…,"media":{"payload":"&lt;base64&gt;"}}</c>.</summary>
    public static void WriteMedia(IBufferWriter<byte> output, string streamSid, ReadOnlySpan<byte> muLaw)
    {
        using var writer = new Utf8JsonWriter(output);
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
        writer.WriteStartObject();
        writer.WriteString("event"u8, "mark"u8);
        writer.WriteString("streamSid"u8, streamSid);
        writer.WriteStartObject("mark"u8);
        writer.WriteString("name"u8, name);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Drops all audio queued at Twilio; Twilio echoes every pending mark at once.</summary>
    public static void WriteClear(IBufferWriter<byte> output, string streamSid)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteString("event"u8, "clear"u8);
        writer.WriteString("streamSid"u8, streamSid);
        writer.WriteEndObject();
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
