using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using ProSaaS.MediaHost.Audio;

namespace ProSaaS.MediaHost.Realtime;

/// <summary>A function the model may call mid-call; <see cref="ParametersJsonSchema"/> is a JSON Schema object.</summary>
public sealed record RealtimeTool(string Name, string Description, string ParametersJsonSchema);

/// <summary>
/// The service's voice-activity detection as the session is configured with: <c>server_vad</c> (threshold, padding,
/// silence) or <c>semantic_vad</c> (<see cref="Eagerness"/>: low, medium, high or auto).
/// </summary>
public sealed record RealtimeTurnDetection(
    double Threshold = 0.5,
    int PrefixPaddingMs = 300,
    int SilenceDurationMs = 500,
    bool CreateResponse = true,
    bool InterruptResponse = true,
    string Type = RealtimeTurnDetection.ServerVad,
    string? Eagerness = null)
{
    public const string ServerVad = "server_vad";
    public const string SemanticVad = "semantic_vad";
}

/// <summary>What one call's realtime session is configured with (from the call's configuration, loaded once).</summary>
public sealed record RealtimeSessionConfig(
    string Instructions,
    string Voice,
    string Model = "gpt-realtime",
    string TranscriptionModel = "gpt-4o-transcribe",
    string TranscriptionLanguage = "he",
    RealtimeTurnDetection? TurnDetection = null,
    IReadOnlyList<RealtimeTool>? Tools = null);

/// <summary>
/// The client events of the OpenAI Realtime API, GA shape only (PROTOCOLS.md §5), written with
/// <see cref="Utf8JsonWriter"/> into the caller's buffer. Audio is G.711 µ-law (<c>audio/pcmu</c>) both ways: Twilio's
/// format, so nothing is resampled.
/// </summary>
public static class RealtimeClientEvents
{
    public static void WriteSessionUpdate(IBufferWriter<byte> output, RealtimeSessionConfig config) =>
        Write(output, config, static (w, c) => WriteSessionUpdate(w, c));

    /// <summary>Writes <c>session.update</c> with a writer the caller reuses (and flushes).</summary>
    public static void WriteSessionUpdate(Utf8JsonWriter w, RealtimeSessionConfig config)
    {
        var vad = config.TurnDetection ?? new RealtimeTurnDetection();
        w.WriteStartObject();
        w.WriteString("type"u8, "session.update"u8);
        w.WriteStartObject("session"u8);
        w.WriteString("type"u8, "realtime"u8);
        w.WriteString("model"u8, config.Model);
        w.WriteStartArray("output_modalities"u8);
        w.WriteStringValue("audio"u8);
        w.WriteEndArray();
        w.WriteString("instructions"u8, config.Instructions);
        w.WriteStartObject("audio"u8);
        w.WriteStartObject("input"u8);
        WriteFormat(w);
        w.WriteStartObject("transcription"u8);
        w.WriteString("model"u8, config.TranscriptionModel);
        w.WriteString("language"u8, config.TranscriptionLanguage);
        w.WriteEndObject();
        w.WriteStartObject("noise_reduction"u8);
        w.WriteString("type"u8, "near_field"u8);
        w.WriteEndObject();
        w.WriteStartObject("turn_detection"u8);
        if (vad.Type == RealtimeTurnDetection.SemanticVad)
        {
            w.WriteString("type"u8, "semantic_vad"u8);
            w.WriteString("eagerness"u8, vad.Eagerness ?? "auto");
        }
        else
        {
            w.WriteString("type"u8, "server_vad"u8);
            w.WriteNumber("threshold"u8, vad.Threshold);
            w.WriteNumber("prefix_padding_ms"u8, vad.PrefixPaddingMs);
            w.WriteNumber("silence_duration_ms"u8, vad.SilenceDurationMs);
        }

        w.WriteBoolean("create_response"u8, vad.CreateResponse);
        w.WriteBoolean("interrupt_response"u8, vad.InterruptResponse);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject("output"u8);
        WriteFormat(w);
        w.WriteString("voice"u8, config.Voice);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("tools"u8);
        foreach (var tool in config.Tools ?? [])
        {
            w.WriteStartObject();
            w.WriteString("type"u8, "function"u8);
            w.WriteString("name"u8, tool.Name);
            w.WriteString("description"u8, tool.Description);
            w.WritePropertyName("parameters"u8);
            using (var schema = JsonDocument.Parse(tool.ParametersJsonSchema))
            {
                schema.RootElement.WriteTo(w);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("tool_choice"u8, "auto"u8);
        w.WriteEndObject();
        w.WriteEndObject();

        static void WriteFormat(Utf8JsonWriter w)
        {
            w.WriteStartObject("format"u8);
            w.WriteString("type"u8, "audio/pcmu"u8);
            w.WriteEndObject();
        }
    }

    public static void WriteAudioAppend(IBufferWriter<byte> output, ReadOnlySpan<byte> muLaw)
    {
        using var w = new Utf8JsonWriter(output);
        WriteAudioAppend(w, muLaw);
    }

    /// <summary>The hot path: 50 a second per call, written with a writer the caller reuses (and flushes).</summary>
    public static void WriteAudioAppend(Utf8JsonWriter w, ReadOnlySpan<byte> muLaw)
    {
        w.WriteStartObject();
        w.WriteString("type"u8, "input_audio_buffer.append"u8);
        w.WriteBase64String("audio"u8, muLaw);
        w.WriteEndObject();
    }

    /// <summary>Cuts the assistant's item at what the caller actually heard.</summary>
    public static void WriteTruncate(IBufferWriter<byte> output, string itemId, long audioEndMs, int contentIndex = 0)
    {
        using var w = new Utf8JsonWriter(output);
        WriteTruncate(w, itemId, audioEndMs, contentIndex);
    }

    public static void WriteTruncate(Utf8JsonWriter w, string itemId, long audioEndMs, int contentIndex = 0)
    {
        w.WriteStartObject();
        w.WriteString("type"u8, "conversation.item.truncate"u8);
        w.WriteString("item_id"u8, itemId);
        w.WriteNumber("content_index"u8, contentIndex);
        w.WriteNumber("audio_end_ms"u8, Math.Max(0, audioEndMs));
        w.WriteEndObject();
    }

    public static void WriteResponseCancel(IBufferWriter<byte> output) => WriteType(output, "response.cancel"u8);

    public static void WriteResponseCancel(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("type"u8, "response.cancel"u8);
        w.WriteEndObject();
    }

    /// <summary>Asks for a response now, optionally with instructions for this response only (a greeting, a warning).</summary>
    public static void WriteResponseCreate(IBufferWriter<byte> output, string? instructions = null)
    {
        using var w = new Utf8JsonWriter(output);
        WriteResponseCreate(w, instructions);
    }

    public static void WriteResponseCreate(Utf8JsonWriter w, string? instructions = null)
    {
        w.WriteStartObject();
        w.WriteString("type"u8, "response.create"u8);
        if (instructions is not null)
        {
            w.WriteStartObject("response"u8);
            w.WriteString("instructions"u8, instructions);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    /// <summary>The result of a function the model called, as a conversation item.</summary>
    public static void WriteFunctionCallOutput(IBufferWriter<byte> output, string callId, string outputJson)
    {
        using var w = new Utf8JsonWriter(output);
        WriteFunctionCallOutput(w, callId, outputJson);
    }

    public static void WriteFunctionCallOutput(Utf8JsonWriter w, string callId, string outputJson)
    {
        w.WriteStartObject();
        w.WriteString("type"u8, "conversation.item.create"u8);
        w.WriteStartObject("item"u8);
        w.WriteString("type"u8, "function_call_output"u8);
        w.WriteString("call_id"u8, callId);
        w.WriteString("output"u8, outputJson);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Context given as a user message (e.g. the conversation so far, when a session is reopened).</summary>
    public static void WriteUserText(IBufferWriter<byte> output, string text)
    {
        using var w = new Utf8JsonWriter(output);
        WriteUserText(w, text);
    }

    public static void WriteUserText(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject();
        w.WriteString("type"u8, "conversation.item.create"u8);
        w.WriteStartObject("item"u8);
        w.WriteString("type"u8, "message"u8);
        w.WriteString("role"u8, "user"u8);
        w.WriteStartArray("content"u8);
        w.WriteStartObject();
        w.WriteString("type"u8, "input_text"u8);
        w.WriteString("text"u8, text);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Write<T>(IBufferWriter<byte> output, T state, Action<Utf8JsonWriter, T> write)
    {
        using var w = new Utf8JsonWriter(output);
        write(w, state);
    }

    private static void WriteType(IBufferWriter<byte> output, ReadOnlySpan<byte> type)
    {
        using var w = new Utf8JsonWriter(output);
        w.WriteStartObject();
        w.WriteString("type"u8, type);
        w.WriteEndObject();
    }
}

public enum RealtimeServerEventKind
{
    Unknown,
    SessionCreated,
    SessionUpdated,
    SpeechStarted,
    SpeechStopped,
    InputCommitted,
    InputTranscriptCompleted,
    ResponseCreated,
    AudioDelta,
    AudioDone,
    AudioTranscriptDelta,
    AudioTranscriptDone,
    FunctionCallArgumentsDone,
    ResponseDone,
    Error,
}

/// <summary>
/// One server event's fields. Audio deltas are decoded with <see cref="RealtimeServerEvents.TryReadAudioDelta"/>; for a
/// transcript delta <see cref="Transcript"/> holds the delta's text.
/// </summary>
public readonly record struct RealtimeServerEvent(
    RealtimeServerEventKind Kind,
    string Type,
    string? ItemId = null,
    string? ResponseId = null,
    string? Transcript = null,
    string? CallId = null,
    string? Name = null,
    string? Arguments = null,
    long AudioStartMs = 0,
    string? ResponseStatus = null,
    string? ErrorType = null,
    string? ErrorCode = null,
    string? ErrorMessage = null,
    long AudioEndMs = -1);

public static class RealtimeServerEvents
{
    public static RealtimeServerEvent Parse(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return ParseCore(utf8Json);
        }
        catch (JsonException)
        {
            return new RealtimeServerEvent(RealtimeServerEventKind.Unknown, string.Empty);
        }
    }

    /// <summary>
    /// The kind of a server event from its top-level <c>type</c>, read without allocating: audio deltas, most of the
    /// traffic, are then read with <see cref="TryReadAudioDelta(ReadOnlySpan{byte}, Span{byte}, out int, out Range, out Range)"/>,
    /// the rest with <see cref="Parse"/>.
    /// </summary>
    public static RealtimeServerEventKind PeekKind(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return RealtimeServerEventKind.Unknown;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }

                reader.Read();
                return reader.TokenType == JsonTokenType.String ? KindOf(ref reader) : RealtimeServerEventKind.Unknown;
            }
        }
        catch (JsonException)
        {
        }

        return RealtimeServerEventKind.Unknown;
    }

    /// <summary>
    /// An audio delta read without allocating: its µ-law decoded into <paramref name="destination"/>, and where its
    /// <c>item_id</c> and <c>response_id</c> are in the message (compare them with the ids already known before making
    /// strings of them).
    /// </summary>
    public static bool TryReadAudioDelta(ReadOnlySpan<byte> utf8Json, Span<byte> destination, out int bytesWritten, out Range itemId, out Range responseId)
    {
        bytesWritten = 0;
        itemId = default;
        responseId = default;
        var decoded = false;
        var reader = new Utf8JsonReader(utf8Json);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                {
                    continue;
                }

                if (reader.ValueTextEquals("delta"u8))
                {
                    if (!JsonAudio.TryDecodeValue(ref reader, destination, out bytesWritten))
                    {
                        return false;
                    }

                    decoded = true;
                }
                else if (reader.ValueTextEquals("item_id"u8))
                {
                    itemId = StringRange(ref reader);
                }
                else if (reader.ValueTextEquals("response_id"u8))
                {
                    responseId = StringRange(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return decoded;

        static Range StringRange(ref Utf8JsonReader reader)
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
            {
                return default;
            }

            var start = (int)reader.TokenStartIndex + 1;
            return new Range(start, start + reader.ValueSpan.Length);
        }
    }

    private static RealtimeServerEventKind KindOf(ref Utf8JsonReader r) =>
        r.ValueTextEquals("response.output_audio.delta"u8) || r.ValueTextEquals("response.audio.delta"u8) ? RealtimeServerEventKind.AudioDelta
        : r.ValueTextEquals("response.output_audio_transcript.delta"u8) || r.ValueTextEquals("response.audio_transcript.delta"u8) ? RealtimeServerEventKind.AudioTranscriptDelta
        : r.ValueTextEquals("input_audio_buffer.speech_started"u8) ? RealtimeServerEventKind.SpeechStarted
        : r.ValueTextEquals("input_audio_buffer.speech_stopped"u8) ? RealtimeServerEventKind.SpeechStopped
        : r.ValueTextEquals("input_audio_buffer.committed"u8) ? RealtimeServerEventKind.InputCommitted
        : r.ValueTextEquals("conversation.item.input_audio_transcription.completed"u8) ? RealtimeServerEventKind.InputTranscriptCompleted
        : r.ValueTextEquals("response.created"u8) ? RealtimeServerEventKind.ResponseCreated
        : r.ValueTextEquals("response.output_audio.done"u8) || r.ValueTextEquals("response.audio.done"u8) ? RealtimeServerEventKind.AudioDone
        : r.ValueTextEquals("response.output_audio_transcript.done"u8) || r.ValueTextEquals("response.audio_transcript.done"u8) ? RealtimeServerEventKind.AudioTranscriptDone
        : r.ValueTextEquals("response.function_call_arguments.done"u8) ? RealtimeServerEventKind.FunctionCallArgumentsDone
        : r.ValueTextEquals("response.done"u8) ? RealtimeServerEventKind.ResponseDone
        : r.ValueTextEquals("session.created"u8) ? RealtimeServerEventKind.SessionCreated
        : r.ValueTextEquals("session.updated"u8) ? RealtimeServerEventKind.SessionUpdated
        : r.ValueTextEquals("error"u8) ? RealtimeServerEventKind.Error
        : RealtimeServerEventKind.Unknown;

    /// <summary>The number of bytes <see cref="TryReadAudioDelta"/> needs at most for this message.</summary>
    public static int MaxAudioDeltaBytes(int messageLength) => Base64.GetMaxDecodedFromUtf8Length(messageLength);

    private static RealtimeServerEvent ParseCore(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        string? type = null, itemId = null, responseId = null, transcript = null, callId = null, name = null, arguments = null;
        string? status = null, errorType = null, errorCode = null, errorMessage = null;
        long audioStart = 0, audioEnd = -1;
        string? section = null, delta = null;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            var depth = reader.CurrentDepth;
            if (depth == 1)
            {
                if (reader.ValueTextEquals("type"u8)) { type = ReadString(ref reader); }
                else if (reader.ValueTextEquals("item_id"u8)) { itemId = ReadString(ref reader); }
                else if (reader.ValueTextEquals("response_id"u8)) { responseId = ReadString(ref reader); }
                else if (reader.ValueTextEquals("transcript"u8)) { transcript = ReadString(ref reader); }
                else if (reader.ValueTextEquals("call_id"u8)) { callId = ReadString(ref reader); }
                else if (reader.ValueTextEquals("name"u8)) { name = ReadString(ref reader); }
                else if (reader.ValueTextEquals("arguments"u8)) { arguments = ReadString(ref reader); }
                else if (reader.ValueTextEquals("audio_start_ms"u8)) { reader.Read(); audioStart = reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : 0; }
                else if (reader.ValueTextEquals("audio_end_ms"u8)) { reader.Read(); audioEnd = reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : -1; }
                else if (reader.ValueTextEquals("delta"u8))
                {
                    // Text deltas (the transcript's) are kept; audio is read with TryReadAudioDelta instead.
                    if (type is not null && type.Contains("audio.delta", StringComparison.Ordinal)) { reader.Read(); }
                    else { delta = ReadString(ref reader); }
                }
                else if (reader.ValueTextEquals("response"u8)) { section = "response"; }
                else if (reader.ValueTextEquals("error"u8)) { section = "error"; }
                else if (reader.ValueTextEquals("item"u8)) { section = "item"; }
                else { section = null; }
            }
            else if (depth == 2 && section == "response")
            {
                if (reader.ValueTextEquals("status"u8)) { status = ReadString(ref reader); }
                else if (reader.ValueTextEquals("id"u8)) { responseId ??= ReadString(ref reader); }
                else { reader.Read(); reader.Skip(); }
            }
            else if (depth == 2 && section == "error")
            {
                if (reader.ValueTextEquals("type"u8)) { errorType = ReadString(ref reader); }
                else if (reader.ValueTextEquals("code"u8)) { errorCode = ReadString(ref reader); }
                else if (reader.ValueTextEquals("message"u8)) { errorMessage = ReadString(ref reader); }
            }
            else if (depth == 2 && section == "item" && reader.ValueTextEquals("id"u8))
            {
                itemId ??= ReadString(ref reader);
            }
        }

        var kind = type switch
        {
            "session.created" => RealtimeServerEventKind.SessionCreated,
            "session.updated" => RealtimeServerEventKind.SessionUpdated,
            "input_audio_buffer.speech_started" => RealtimeServerEventKind.SpeechStarted,
            "input_audio_buffer.speech_stopped" => RealtimeServerEventKind.SpeechStopped,
            "input_audio_buffer.committed" => RealtimeServerEventKind.InputCommitted,
            "conversation.item.input_audio_transcription.completed" => RealtimeServerEventKind.InputTranscriptCompleted,
            "response.created" => RealtimeServerEventKind.ResponseCreated,
            // The beta names are still read (never sent).
            "response.output_audio.delta" or "response.audio.delta" => RealtimeServerEventKind.AudioDelta,
            "response.output_audio.done" or "response.audio.done" => RealtimeServerEventKind.AudioDone,
            "response.output_audio_transcript.delta" or "response.audio_transcript.delta" => RealtimeServerEventKind.AudioTranscriptDelta,
            "response.output_audio_transcript.done" or "response.audio_transcript.done" => RealtimeServerEventKind.AudioTranscriptDone,
            "response.function_call_arguments.done" => RealtimeServerEventKind.FunctionCallArgumentsDone,
            "response.done" => RealtimeServerEventKind.ResponseDone,
            "error" => RealtimeServerEventKind.Error,
            _ => RealtimeServerEventKind.Unknown,
        };
        if (kind == RealtimeServerEventKind.AudioTranscriptDelta)
        {
            transcript ??= delta;
        }

        return new RealtimeServerEvent(kind, type ?? string.Empty, itemId, responseId, transcript, callId, name, arguments, audioStart,
            status, errorType, errorCode, errorMessage, audioEnd);
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
}
