using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace ProSaaS.MediaHost.Outbox;

/// <summary>
/// The journal's record format. Each record is a frame: the magic <c>PSJ1</c>, the payload's length (int32 LE), its
/// CRC-32 (uint32 LE), then the payload, a small JSON object. A record is either an entry (<c>command</c> or
/// <c>recording</c>) or the note that an entry is <c>settled</c> (acknowledged by the Api, or set aside as a dead letter).
/// A reader skips what fails the frame check (a write torn by a crash, a damaged block) and resumes at the next whole
/// record.
/// </summary>
internal static class JournalCodec
{
    public const int HeaderBytes = 12;

    /// <summary>No record comes near this; a length above it is damage.</summary>
    public const int MaxPayloadBytes = 16 * 1024 * 1024;

    private static ReadOnlySpan<byte> Magic => "PSJ1"u8;

    public static byte[] EncodeEntry(OutboxEntry entry) => Frame(writer =>
    {
        writer.WriteString("kind", entry.Kind == OutboxEntryKind.Command ? "command" : "recording");
        writer.WriteNumber("seq", entry.Sequence);
        writer.WriteString("tenant", entry.TenantId);
        writer.WriteString("call", entry.CallId);
        writer.WriteString("id", entry.Id);
        writer.WriteString("at", entry.EnqueuedAt);
        if (entry.Command is { } command)
        {
            writer.WritePropertyName("body");
            writer.WriteRawValue(command, skipInputValidation: true);
        }

        if (entry.RecordingFile is { } file)
        {
            writer.WriteString("file", file);
        }

        if (entry.RecordingSource is { } source)
        {
            writer.WriteString("source", source);
        }
    });

    public static byte[] EncodeSettled(long sequence, bool deadLetter) => Frame(writer =>
    {
        writer.WriteString("kind", "settled");
        writer.WriteNumber("seq", sequence);
        if (deadLetter)
        {
            writer.WriteBoolean("dead", true);
        }
    });

    /// <summary>
    /// Every whole record of a segment, in order. <paramref name="damagedBytes"/> counts what had to be skipped (a torn
    /// tail, a damaged block).
    /// </summary>
    public static List<JournalRecord> Read(ReadOnlySpan<byte> data, out long damagedBytes)
    {
        var records = new List<JournalRecord>();
        damagedBytes = 0;
        var position = 0;
        while (position < data.Length)
        {
            if (TryReadFrame(data[position..], out var record, out var frameLength))
            {
                records.Add(record);
                position += frameLength;
                continue;
            }

            var next = data[(position + 1)..].IndexOf(Magic);
            var skip = next < 0 ? data.Length - position : next + 1;
            damagedBytes += skip;
            position += skip;
        }

        return records;
    }

    private static bool TryReadFrame(ReadOnlySpan<byte> data, out JournalRecord record, out int frameLength)
    {
        record = default;
        frameLength = 0;
        if (data.Length < HeaderBytes || !data.StartsWith(Magic))
        {
            return false;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(data[4..]);
        if (length <= 0 || length > MaxPayloadBytes || length > data.Length - HeaderBytes)
        {
            return false;
        }

        var payload = data.Slice(HeaderBytes, length);
        if (BinaryPrimitives.ReadUInt32LittleEndian(data[8..]) != Crc32.Compute(payload) || !TryParse(payload, out record))
        {
            return false;
        }

        frameLength = HeaderBytes + length;
        return true;
    }

    private static bool TryParse(ReadOnlySpan<byte> payload, out JournalRecord record)
    {
        record = default;
        try
        {
            var reader = new Utf8JsonReader(payload);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            var kind = root.GetProperty("kind").GetString();
            var sequence = root.GetProperty("seq").GetInt64();
            if (kind == "settled")
            {
                record = new JournalRecord(sequence, null);
                return true;
            }

            var entryKind = kind switch
            {
                "command" => OutboxEntryKind.Command,
                "recording" => OutboxEntryKind.Recording,
                _ => throw new FormatException($"Unknown journal record kind '{kind}'."),
            };
            var entry = new OutboxEntry
            {
                Sequence = sequence,
                Kind = entryKind,
                TenantId = root.GetProperty("tenant").GetString() ?? throw new FormatException("No tenant."),
                CallId = root.GetProperty("call").GetGuid(),
                Id = root.GetProperty("id").GetGuid(),
                EnqueuedAt = root.GetProperty("at").GetDateTimeOffset(),
                Command = root.TryGetProperty("body", out var body) ? Encoding.UTF8.GetBytes(body.GetRawText()) : null,
                RecordingFile = root.TryGetProperty("file", out var file) ? file.GetString() : null,
                RecordingSource = root.TryGetProperty("source", out var source) ? source.GetString() : null,
            };
            if ((entryKind == OutboxEntryKind.Command && entry.Command is null)
                || (entryKind == OutboxEntryKind.Recording && string.IsNullOrEmpty(entry.RecordingFile)))
            {
                return false;
            }

            record = new JournalRecord(sequence, entry);
            return true;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            return false;
        }
    }

    private static byte[] Frame(Action<Utf8JsonWriter> writePayload)
    {
        var payload = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writePayload(writer);
            writer.WriteEndObject();
        }

        var frame = new byte[HeaderBytes + payload.WrittenCount];
        Magic.CopyTo(frame);
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(4), payload.WrittenCount);
        BinaryPrimitives.WriteUInt32LittleEndian(frame.AsSpan(8), Crc32.Compute(payload.WrittenSpan));
        payload.WrittenSpan.CopyTo(frame.AsSpan(HeaderBytes));
        return frame;
    }
}

/// <summary>A record read back: an entry, or (with <see cref="Entry"/> null) the settling of entry <see cref="Sequence"/>.</summary>
internal readonly record struct JournalRecord(long Sequence, OutboxEntry? Entry);
