using System.Buffers;
using System.Text;
using System.Text.Json;
using ProSaaS.MediaHost.Realtime;

namespace ProSaaS.MediaHost.Tests.Realtime;

public sealed class RealtimeProtocolTests
{
    private static JsonElement Written(Action<ArrayBufferWriter<byte>> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(output);
        return JsonDocument.Parse(output.WrittenMemory).RootElement.Clone();
    }

    [Fact]
    public void The_session_update_has_the_ga_shape_with_pcmu_both_ways_hebrew_transcription_and_tools()
    {
        var session = Written(o => RealtimeClientEvents.WriteSessionUpdate(o, new RealtimeSessionConfig(
            "את נועה, העוזרת של שי דירות.", "ash",
            Tools: [new RealtimeTool("save_lead_field", "שומר פרט של הליד", """{"type":"object","properties":{"key":{"type":"string"}}}""")])));

        session.GetProperty("type").GetString().Should().Be("session.update");
        var s = session.GetProperty("session");
        s.GetProperty("type").GetString().Should().Be("realtime");
        s.GetProperty("model").GetString().Should().Be("gpt-realtime");
        s.GetProperty("output_modalities").EnumerateArray().Select(e => e.GetString()).Should().Equal("audio");
        s.GetProperty("instructions").GetString().Should().Be("את נועה, העוזרת של שי דירות.");
        var input = s.GetProperty("audio").GetProperty("input");
        input.GetProperty("format").GetProperty("type").GetString().Should().Be("audio/pcmu");
        input.GetProperty("transcription").GetProperty("language").GetString().Should().Be("he");
        input.GetProperty("transcription").GetProperty("model").GetString().Should().Be("gpt-4o-transcribe");
        input.GetProperty("noise_reduction").GetProperty("type").GetString().Should().Be("near_field");
        var vad = input.GetProperty("turn_detection");
        vad.GetProperty("type").GetString().Should().Be("server_vad");
        vad.GetProperty("silence_duration_ms").GetInt32().Should().Be(500);
        vad.GetProperty("interrupt_response").GetBoolean().Should().BeTrue();
        var outputAudio = s.GetProperty("audio").GetProperty("output");
        outputAudio.GetProperty("format").GetProperty("type").GetString().Should().Be("audio/pcmu");
        outputAudio.GetProperty("voice").GetString().Should().Be("ash");
        var tool = s.GetProperty("tools")[0];
        tool.GetProperty("type").GetString().Should().Be("function");
        tool.GetProperty("name").GetString().Should().Be("save_lead_field");
        tool.GetProperty("parameters").GetProperty("properties").GetProperty("key").GetProperty("type").GetString().Should().Be("string");
        s.GetProperty("tool_choice").GetString().Should().Be("auto");
        s.TryGetProperty("modalities", out _).Should().BeFalse("the beta shape is refused by the service");
    }

    [Fact]
    public void Client_events_have_their_exact_shapes()
    {
        var append = Written(o => RealtimeClientEvents.WriteAudioAppend(o, [0xFF, 0x00]));
        (append.GetProperty("type").GetString(), append.GetProperty("audio").GetString()).Should().Be(("input_audio_buffer.append", "/wA="));

        var truncate = Written(o => RealtimeClientEvents.WriteTruncate(o, "item_1", 1234));
        truncate.GetProperty("type").GetString().Should().Be("conversation.item.truncate");
        truncate.GetProperty("item_id").GetString().Should().Be("item_1");
        truncate.GetProperty("content_index").GetInt32().Should().Be(0);
        truncate.GetProperty("audio_end_ms").GetInt64().Should().Be(1234);
        Written(o => RealtimeClientEvents.WriteTruncate(o, "item_1", -5)).GetProperty("audio_end_ms").GetInt64().Should().Be(0);

        Written(RealtimeClientEvents.WriteResponseCancel).GetProperty("type").GetString().Should().Be("response.cancel");
        Written(o => RealtimeClientEvents.WriteResponseCreate(o)).TryGetProperty("response", out _).Should().BeFalse();
        Written(o => RealtimeClientEvents.WriteResponseCreate(o, "אמרי שלום")).GetProperty("response").GetProperty("instructions").GetString().Should().Be("אמרי שלום");

        var result = Written(o => RealtimeClientEvents.WriteFunctionCallOutput(o, "call_9", """{"ok":true}"""));
        result.GetProperty("item").GetProperty("type").GetString().Should().Be("function_call_output");
        result.GetProperty("item").GetProperty("call_id").GetString().Should().Be("call_9");
        result.GetProperty("item").GetProperty("output").GetString().Should().Be("""{"ok":true}""");

        var text = Written(o => RealtimeClientEvents.WriteUserText(o, "הקשר"));
        text.GetProperty("item").GetProperty("content")[0].GetProperty("type").GetString().Should().Be("input_text");
    }

    [Theory]
    [InlineData("""{"type":"session.created","session":{"id":"s1"}}""", RealtimeServerEventKind.SessionCreated)]
    [InlineData("""{"type":"input_audio_buffer.speech_stopped","audio_end_ms":900,"item_id":"i1"}""", RealtimeServerEventKind.SpeechStopped)]
    [InlineData("""{"type":"response.output_audio.done","item_id":"i2"}""", RealtimeServerEventKind.AudioDone)]
    [InlineData("""{"type":"response.audio.delta","item_id":"i2","delta":"/w=="}""", RealtimeServerEventKind.AudioDelta)]
    [InlineData("""{"type":"response.audio_transcript.done","transcript":"x"}""", RealtimeServerEventKind.AudioTranscriptDone)]
    [InlineData("""{"type":"rate_limits.updated","rate_limits":[]}""", RealtimeServerEventKind.Unknown)]
    [InlineData("""garbage""", RealtimeServerEventKind.Unknown)]
    public void Server_events_are_recognised_beta_names_included(string json, RealtimeServerEventKind kind)
    {
        RealtimeServerEvents.Parse(Encoding.UTF8.GetBytes(json)).Kind.Should().Be(kind);
    }

    [Fact]
    public void Server_event_fields_are_read()
    {
        var started = RealtimeServerEvents.Parse("""{"type":"input_audio_buffer.speech_started","audio_start_ms":1520,"item_id":"item_5"}"""u8);
        (started.Kind, started.AudioStartMs, started.ItemId).Should().Be((RealtimeServerEventKind.SpeechStarted, 1520L, "item_5"));
        started.AudioEndMs.Should().Be(-1, "a start has no end");

        var stopped = RealtimeServerEvents.Parse("""{"type":"input_audio_buffer.speech_stopped","audio_end_ms":2980,"item_id":"item_5"}"""u8);
        (stopped.Kind, stopped.AudioEndMs, stopped.ItemId).Should().Be((RealtimeServerEventKind.SpeechStopped, 2980L, "item_5"));

        var heard = RealtimeServerEvents.Parse(Encoding.UTF8.GetBytes("""{"type":"conversation.item.input_audio_transcription.completed","item_id":"item_5","content_index":0,"transcript":"אני מחפש דירה"}"""));
        heard.Transcript.Should().Be("אני מחפש דירה");

        var call = RealtimeServerEvents.Parse("""{"type":"response.function_call_arguments.done","response_id":"r1","item_id":"i3","call_id":"call_1","name":"save_lead_field","arguments":"{\"key\":\"city\"}"}"""u8);
        (call.CallId, call.Name, call.Arguments, call.ResponseId).Should().Be(("call_1", "save_lead_field", """{"key":"city"}""", "r1"));

        var done = RealtimeServerEvents.Parse("""{"type":"response.done","response":{"id":"r1","status":"cancelled","output":[{"id":"x"}],"usage":{"total_tokens":5}}}"""u8);
        (done.Kind, done.ResponseStatus, done.ResponseId).Should().Be((RealtimeServerEventKind.ResponseDone, "cancelled", "r1"));

        var error = RealtimeServerEvents.Parse("""{"type":"error","event_id":"e1","error":{"type":"invalid_request_error","code":"item_truncate_invalid","message":"audio_end_ms too large"}}"""u8);
        (error.Kind, error.ErrorCode, error.ErrorMessage).Should().Be((RealtimeServerEventKind.Error, "item_truncate_invalid", "audio_end_ms too large"));
    }

    [Fact]
    public void An_audio_delta_decodes_into_a_buffer()
    {
        var audio = Enumerable.Range(0, 320).Select(i => (byte)(i * 7)).ToArray();
        var json = Encoding.UTF8.GetBytes($$"""{"type":"response.output_audio.delta","response_id":"r","item_id":"i","output_index":0,"content_index":0,"delta":"{{Convert.ToBase64String(audio)}}"}""");
        var buffer = new byte[RealtimeServerEvents.MaxAudioDeltaBytes(json.Length)];
        RealtimeServerEvents.TryReadAudioDelta(json, buffer, out var written, out _, out _).Should().BeTrue();
        buffer.AsSpan(0, written).ToArray().Should().Equal(audio);
        var parsed = RealtimeServerEvents.Parse(json);
        (parsed.Kind, parsed.ItemId, parsed.ResponseId).Should().Be((RealtimeServerEventKind.AudioDelta, "i", "r"));
    }
}
