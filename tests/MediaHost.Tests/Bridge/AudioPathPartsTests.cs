using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Audio;
using ProSaaS.MediaHost.Calls;
using ProSaaS.MediaHost.Hosting;
using ProSaaS.MediaHost.Realtime;
using ProSaaS.MediaHost.Twilio;

namespace ProSaaS.MediaHost.Tests.Bridge;

public sealed class AudioPathPartsTests
{
    private static readonly byte[] Frame = Enumerable.Range(0, 160).Select(i => (byte)i).ToArray();

    [Fact]
    public void Twilio_media_and_marks_are_read_without_strings()
    {
        var media = Encoding.UTF8.GetBytes(
            $$"""{"event":"media","sequenceNumber":"4","media":{"track":"inbound","chunk":"2","timestamp":"5040","payload":"{{Convert.ToBase64String(Frame)}}"},"streamSid":"MZ1"}""");
        TwilioStreamMessages.PeekKind(media).Should().Be(TwilioStreamEventKind.Media);
        var buffer = new byte[256];
        TwilioStreamMessages.TryReadMedia(media, buffer, out var timestamp, out var written).Should().BeTrue();
        (timestamp, written).Should().Be((5040L, 160));
        buffer.AsSpan(0, 160).ToArray().Should().Equal(Frame);
        TwilioStreamMessages.TryReadMedia(media, new byte[100], out _, out _).Should().BeFalse("the payload does not fit");

        var mark = """{"sequenceNumber":"6","streamSid":"MZ1","event":"mark","mark":{"name":"m17"}}"""u8;
        TwilioStreamMessages.PeekKind(mark).Should().Be(TwilioStreamEventKind.Mark);
        TwilioStreamMessages.TryReadMarkName(mark, out var name).Should().BeTrue();
        Encoding.UTF8.GetString(name).Should().Be("m17");

        TwilioStreamMessages.PeekKind("""{"event":"stop","stop":{}}"""u8).Should().Be(TwilioStreamEventKind.Stop);
        TwilioStreamMessages.PeekKind("""{"event":"dtmf","dtmf":{"digit":"5"}}"""u8).Should().Be(TwilioStreamEventKind.Dtmf);
        TwilioStreamMessages.PeekKind("""{"event":"start"}"""u8).Should().Be(TwilioStreamEventKind.Start);
        TwilioStreamMessages.PeekKind("""{"event":"connected"}"""u8).Should().Be(TwilioStreamEventKind.Connected);
        TwilioStreamMessages.PeekKind("""{"event":"mystery"}"""u8).Should().Be(TwilioStreamEventKind.Unknown);
        TwilioStreamMessages.PeekKind("not json"u8).Should().Be(TwilioStreamEventKind.Unknown);
        TwilioStreamMessages.PeekKind("[1]"u8).Should().Be(TwilioStreamEventKind.Unknown);
    }

    [Fact]
    public void Messages_written_with_a_reused_writer_match_the_one_off_ones()
    {
        var sid = JsonEncodedText.Encode("MZ1");
        var output = new ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        string Write(Action<Utf8JsonWriter> write)
        {
            output.ResetWrittenCount();
            writer.Reset(output);
            write(writer);
            writer.Flush();
            return Encoding.UTF8.GetString(output.WrittenSpan);
        }

        string OneOff(Action<ArrayBufferWriter<byte>> write)
        {
            var one = new ArrayBufferWriter<byte>();
            write(one);
            return Encoding.UTF8.GetString(one.WrittenSpan);
        }

        Write(w => TwilioStreamMessages.WriteMedia(w, sid, Frame)).Should().Be(OneOff(o => TwilioStreamMessages.WriteMedia(o, "MZ1", Frame)));
        Write(w => TwilioStreamMessages.WriteMark(w, sid, "m3"u8)).Should().Be("""{"event":"mark","streamSid":"MZ1","mark":{"name":"m3"}}""");
        Write(w => TwilioStreamMessages.WriteClear(w, sid)).Should().Be("""{"event":"clear","streamSid":"MZ1"}""");
        Write(w => RealtimeClientEvents.WriteAudioAppend(w, Frame)).Should().Be(OneOff(o => RealtimeClientEvents.WriteAudioAppend(o, Frame)));
        Write(w => RealtimeClientEvents.WriteTruncate(w, "item_1", 420)).Should()
            .Be("""{"type":"conversation.item.truncate","item_id":"item_1","content_index":0,"audio_end_ms":420}""");
        Write(RealtimeClientEvents.WriteResponseCancel).Should().Be("""{"type":"response.cancel"}""");
        Write(w => RealtimeClientEvents.WriteResponseCreate(w, "אמור שלום")).Should()
            .Be("""{"type":"response.create","response":{"instructions":"אמור שלום"}}""");
    }

    [Fact]
    public void The_hot_path_allocates_nothing()
    {
        var media = Encoding.UTF8.GetBytes(
            $$"""{"event":"media","sequenceNumber":"4","media":{"track":"inbound","chunk":"2","timestamp":"5040","payload":"{{Convert.ToBase64String(Frame)}}"},"streamSid":"MZ1"}""");
        var delta = Encoding.UTF8.GetBytes(
            $$"""{"type":"response.output_audio.delta","event_id":"e1","response_id":"resp_1","item_id":"item_1","output_index":0,"content_index":0,"delta":"{{Convert.ToBase64String(Frame)}}"}""");
        var mark = """{"event":"mark","sequenceNumber":"6","streamSid":"MZ1","mark":{"name":"m17"}}"""u8.ToArray();
        var sid = JsonEncodedText.Encode("MZ1");
        var output = new ArrayBufferWriter<byte>(4096);
        using var writer = new Utf8JsonWriter(output);
        var buffer = new byte[1024];
        var name = new byte[PlaybackTracker.MaxMarkNameBytes];
        var tracker = new PlaybackTracker();
        tracker.StartResponse("item_1");

        void Once()
        {
            TwilioStreamMessages.PeekKind(media);
            TwilioStreamMessages.TryReadMedia(media, buffer, out _, out _);
            MuLaw.Rms(buffer.AsSpan(0, 160));
            output.ResetWrittenCount();
            writer.Reset(output);
            RealtimeClientEvents.WriteAudioAppend(writer, buffer.AsSpan(0, 160));
            writer.Flush();
            RealtimeServerEvents.PeekKind(delta);
            RealtimeServerEvents.TryReadAudioDelta(delta, buffer, out _, out _, out _);
            var number = tracker.AudioSentMark(160);
            var length = PlaybackTracker.FormatMarkName(number, name);
            output.ResetWrittenCount();
            writer.Reset(output);
            TwilioStreamMessages.WriteMedia(writer, sid, buffer.AsSpan(0, 160));
            writer.Flush();
            output.ResetWrittenCount();
            writer.Reset(output);
            TwilioStreamMessages.WriteMark(writer, sid, name.AsSpan(0, length));
            writer.Flush();
            TwilioStreamMessages.TryReadMarkName(mark, out var echoed);
            tracker.MarkEchoed(echoed);
            tracker.MarkEchoed(number);
        }

        for (var i = 0; i < 200; i++)
        {
            Once(); // warm up (the tracker's queue grows to its size)
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            Once();
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }

    [Fact]
    public void An_audio_delta_gives_its_audio_and_where_its_ids_are()
    {
        var json = Encoding.UTF8.GetBytes(
            $$"""{"type":"response.output_audio.delta","response_id":"resp_7","item_id":"item_3","delta":"{{Convert.ToBase64String(Frame)}}"}""");
        RealtimeServerEvents.PeekKind(json).Should().Be(RealtimeServerEventKind.AudioDelta);
        var buffer = new byte[RealtimeServerEvents.MaxAudioDeltaBytes(json.Length)];
        RealtimeServerEvents.TryReadAudioDelta(json, buffer, out var written, out var item, out var response).Should().BeTrue();
        buffer.AsSpan(0, written).ToArray().Should().Equal(Frame);
        Encoding.UTF8.GetString(json.AsSpan()[item]).Should().Be("item_3");
        Encoding.UTF8.GetString(json.AsSpan()[response]).Should().Be("resp_7");

        RealtimeServerEvents.PeekKind("""{"event_id":"e","type":"response.audio.delta"}"""u8).Should().Be(RealtimeServerEventKind.AudioDelta, "beta names are read");
        RealtimeServerEvents.PeekKind("""{"type":"input_audio_buffer.speech_started"}"""u8).Should().Be(RealtimeServerEventKind.SpeechStarted);
        RealtimeServerEvents.PeekKind("""{"type":"response.done"}"""u8).Should().Be(RealtimeServerEventKind.ResponseDone);
        RealtimeServerEvents.PeekKind("""{"type":"rate_limits.updated"}"""u8).Should().Be(RealtimeServerEventKind.Unknown);

        var transcriptDelta = RealtimeServerEvents.Parse("""{"type":"response.output_audio_transcript.delta","item_id":"item_3","delta":"שלום "}"""u8);
        (transcriptDelta.Kind, transcriptDelta.Transcript).Should().Be((RealtimeServerEventKind.AudioTranscriptDelta, "שלום "));
    }

    [Fact]
    public void Marks_are_numbered_for_the_whole_stream_and_stale_echoes_are_ignored()
    {
        var tracker = new PlaybackTracker();
        tracker.StartResponse("a");
        var first = tracker.AudioSentMark(160);
        var second = tracker.AudioSentMark(160);
        tracker.StartResponse("b");
        var third = tracker.AudioSentMark(320);
        third.Should().BeGreaterThan(second);
        tracker.MarkEchoed(first).Should().BeFalse("the marks of the previous response are stale");
        tracker.MarkEchoed(third).Should().BeTrue();
        tracker.PlayedMilliseconds.Should().Be(40);

        var name = new byte[PlaybackTracker.MaxMarkNameBytes];
        var length = PlaybackTracker.FormatMarkName(long.MaxValue, name);
        PlaybackTracker.TryParseMarkName(name.AsSpan(0, length), out var parsed).Should().BeTrue();
        parsed.Should().Be(long.MaxValue);
        PlaybackTracker.TryParseMarkName("x12"u8, out _).Should().BeFalse();
        PlaybackTracker.TryParseMarkName("m12x"u8, out _).Should().BeFalse();
        PlaybackTracker.TryParseMarkName("m"u8, out _).Should().BeFalse();
    }

    [Fact]
    public void A_recording_channel_is_cut_back_to_what_was_played()
    {
        var recording = new TwoChannelRecording();
        recording.Write(RecordingChannel.Assistant, 0, Frame);
        recording.Write(RecordingChannel.Caller, 0, new byte[80]);
        recording.Truncate(RecordingChannel.Assistant, 40);
        recording.ChannelLength(RecordingChannel.Assistant).Should().Be(40);
        recording.LengthSamples.Should().Be(80);
        recording.Write(RecordingChannel.Assistant, 100, Frame.AsSpan(0, 10));
        recording.ChannelLength(RecordingChannel.Assistant).Should().Be(110);

        using var wav = new MemoryStream();
        recording.WriteWav(wav);
        var samples = wav.ToArray()[44..];
        short Right(int i) => BitConverter.ToInt16(samples, i * 4 + 2);
        Right(39).Should().Be(MuLaw.Decode(Frame[39]));
        Right(40).Should().Be(MuLaw.Decode(MuLaw.Silence), "what was cut is silence again");
        Right(99).Should().Be(MuLaw.Decode(MuLaw.Silence));
        Right(100).Should().Be(MuLaw.Decode(Frame[0]));
    }

    [Fact]
    public void Latencies_are_summarised_from_fixed_buckets()
    {
        var histogram = new LatencyHistogram();
        histogram.Summary().Should().BeNull();
        for (var i = 1; i <= 100; i++)
        {
            histogram.Record(i * 0.1); // 0.1 … 10 ms
        }

        var summary = histogram.Summary()!;
        summary.Count.Should().Be(100);
        summary.P50.Should().BeApproximately(5.0, 0.02);
        summary.P99.Should().BeApproximately(9.9, 0.6);
        summary.Max.Should().Be(10);

        histogram.Record(2500);
        histogram.Summary()!.Max.Should().Be(2500);
        histogram.Record(-1);
        histogram.Record(double.NaN);
        histogram.Count.Should().Be(103);

        var samples = new LatencySamples();
        samples.Summary().Should().BeNull();
        foreach (var value in new[] { 300.0, 100, 200 })
        {
            samples.Record(value);
        }

        samples.Summary().Should().Be(new LatencySummary(200, 300, 300, 3));
    }

    [Fact]
    public void A_reopened_session_is_told_the_conversation_so_far()
    {
        var composed = ConversationContext.Compose("את נועה.", [(TranscriptTurnCommand.Assistant, "שלום, כאן נועה."), (TranscriptTurnCommand.Caller, "אני רוצה תור")]);
        composed.Should().StartWith("את נועה.");
        composed.Should().Contain("נציג: שלום, כאן נועה.\nמתקשר: אני רוצה תור\n");
        composed.Should().Contain("אל תברך שוב");

        var longCall = Enumerable.Range(0, 2000).Select(i => (TranscriptTurnCommand.Caller, $"משפט מספר {i}")).ToList();
        var trimmed = ConversationContext.Compose("x", longCall);
        trimmed.Length.Should().BeLessThan(ConversationContext.MaxContextChars + 400);
        trimmed.Should().Contain("משפט מספר 1999").And.NotContain("משפט מספר 0\n");
    }

    [Fact]
    public void The_fallback_message_is_a_short_hebrew_clip_of_whole_frames()
    {
        var clip = FallbackClip.MuLawAudio;
        (clip.Length % MuLaw.FrameBytes).Should().Be(0);
        FallbackClip.Duration.Should().BeGreaterThan(TimeSpan.FromSeconds(2)).And.BeLessThan(TimeSpan.FromSeconds(5));
        MuLaw.Rms(clip.Span).Should().BeGreaterThan(1000, "it is speech, not silence");
    }

    [Fact]
    public void Settings_are_checked()
    {
        new MediaHostOptions().Problems(development: true).Should().BeEmpty();
        new MediaHostOptions().Problems(development: false).Should().ContainSingle().Which.Should().Contain("StreamTokenKey");
        new MediaHostOptions { StreamTokenKey = "c2hvcnQ=" }.Problems(true).Should().ContainSingle().Which.Should().Contain("at least 32");
        new MediaHostOptions { StreamTokenKey = StreamToken.NewKey(), DrainSeconds = -1, FramesPerMark = 0, InboundQueueFrames = 1 }
            .Problems(false).Should().HaveCount(3);

        new OpenAIOptions().SessionUri().Should().Be(new Uri("wss://api.openai.com/v1/realtime?model=gpt-realtime"));
        new OpenAIOptions { RealtimeUrl = new Uri("ws://127.0.0.1:5/v1/realtime?x=1"), Model = "gpt realtime" }.SessionUri().Query
            .Should().Be("?x=1&model=gpt%20realtime");
        new OpenAIOptions { RealtimeUrl = new Uri("https://api.openai.com/v1/realtime") }.Problems().Should().ContainSingle();
    }

    [Fact]
    public void Semantic_turn_detection_is_written_with_its_eagerness()
    {
        var output = new ArrayBufferWriter<byte>();
        RealtimeClientEvents.WriteSessionUpdate(output, new RealtimeSessionConfig("x", "ash",
            TurnDetection: new RealtimeTurnDetection(Type: RealtimeTurnDetection.SemanticVad, Eagerness: "low")));
        var vad = JsonDocument.Parse(output.WrittenMemory).RootElement.GetProperty("session").GetProperty("audio").GetProperty("input")
            .GetProperty("turn_detection");
        vad.GetProperty("type").GetString().Should().Be("semantic_vad");
        vad.GetProperty("eagerness").GetString().Should().Be("low");
        vad.TryGetProperty("threshold", out _).Should().BeFalse();
        vad.GetProperty("interrupt_response").GetBoolean().Should().BeTrue();
    }
}
