using System.Buffers;
using System.Text;
using ProSaaS.MediaHost.Twilio;

namespace ProSaaS.MediaHost.Tests.Twilio;

public sealed class TwilioStreamMessagesTests
{
    private static TwilioStreamEvent Parse(string json) => TwilioStreamMessages.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Every_message_twilio_sends_is_read_with_its_fields()
    {
        Parse("""{"event":"connected","protocol":"Call","version":"1.0.0"}""").Kind.Should().Be(TwilioStreamEventKind.Connected);

        var start = Parse("""
            {"event":"start","sequenceNumber":"1","start":{"accountSid":"AC1","streamSid":"MZ1","callSid":"CA1",
             "tracks":["inbound"],"mediaFormat":{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1},
             "customParameters":{"callId":"c-1","token":"t.o.k"}},"streamSid":"MZ1"}
            """);
        start.Kind.Should().Be(TwilioStreamEventKind.Start);
        start.StreamSid.Should().Be("MZ1");
        start.CallSid.Should().Be("CA1");
        start.SequenceNumber.Should().Be(1);
        start.CustomParameters.Should().Equal(new Dictionary<string, string> { ["callId"] = "c-1", ["token"] = "t.o.k" });

        var media = Parse("""{"event":"media","sequenceNumber":"4","media":{"track":"inbound","chunk":"2","timestamp":"5","payload":"//8="},"streamSid":"MZ1"}""");
        media.Should().Be(new TwilioStreamEvent(TwilioStreamEventKind.Media, "MZ1", 4, Track: "inbound", Chunk: 2, TimestampMs: 5));

        var dtmf = Parse("""{"event":"dtmf","streamSid":"MZ1","sequenceNumber":"5","dtmf":{"track":"inbound_track","digit":"1"}}""");
        (dtmf.Kind, dtmf.Digit).Should().Be((TwilioStreamEventKind.Dtmf, "1"));

        var mark = Parse("""{"event":"mark","sequenceNumber":"6","streamSid":"MZ1","mark":{"name":"resp-1-17"}}""");
        (mark.Kind, mark.MarkName).Should().Be((TwilioStreamEventKind.Mark, "resp-1-17"));

        var stop = Parse("""{"event":"stop","sequenceNumber":"7","stop":{"accountSid":"AC1","callSid":"CA1"},"streamSid":"MZ1"}""");
        (stop.Kind, stop.CallSid, stop.StreamSid).Should().Be((TwilioStreamEventKind.Stop, "CA1", "MZ1"));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"event\":\"mystery\"}")]
    [InlineData("[1,2]")]
    [InlineData("{\"media\":{}}")]
    public void Unknown_or_malformed_messages_are_unknown_rather_than_errors(string json)
    {
        Parse(json).Kind.Should().Be(TwilioStreamEventKind.Unknown);
    }

    [Fact]
    public void A_media_payload_decodes_straight_into_a_buffer()
    {
        var audio = Enumerable.Range(0, 160).Select(i => (byte)i).ToArray();
        var json = Encoding.UTF8.GetBytes($$"""{"event":"media","media":{"track":"inbound","chunk":"1","timestamp":"20","payload":"{{Convert.ToBase64String(audio)}}"},"streamSid":"MZ1"}""");
        var buffer = new byte[160];
        TwilioStreamMessages.TryReadMedia(json, buffer, out _, out var written).Should().BeTrue();
        written.Should().Be(160);
        buffer.Should().Equal(audio);
        TwilioStreamMessages.TryReadMedia(json, new byte[10], out _, out _).Should().BeFalse("it does not fit");
        TwilioStreamMessages.TryReadMedia("""{"event":"mark","mark":{"name":"x"}}"""u8, buffer, out _, out _).Should().BeFalse();
    }

    [Fact]
    public void Outbound_messages_have_the_exact_wire_shape()
    {
        var output = new ArrayBufferWriter<byte>();
        TwilioStreamMessages.WriteMedia(output, "MZ1", [0xFF, 0x7F]);
        Encoding.UTF8.GetString(output.WrittenSpan).Should().Be("""{"event":"media","streamSid":"MZ1","media":{"payload":"/38="}}""");
        output.Clear();
        TwilioStreamMessages.WriteMark(output, "MZ1", "resp-1-17");
        Encoding.UTF8.GetString(output.WrittenSpan).Should().Be("""{"event":"mark","streamSid":"MZ1","mark":{"name":"resp-1-17"}}""");
        output.Clear();
        TwilioStreamMessages.WriteClear(output, "MZ1");
        Encoding.UTF8.GetString(output.WrittenSpan).Should().Be("""{"event":"clear","streamSid":"MZ1"}""");
    }
}

public sealed class PlaybackTrackerTests
{
    [Fact]
    public void Played_time_follows_the_echoed_marks_not_what_was_sent()
    {
        var tracker = new PlaybackTracker();
        tracker.StartResponse("item-1");
        var first = tracker.AudioSent(1600);
        var second = tracker.AudioSent(1600);
        tracker.AudioSent(800);
        tracker.PlayedMilliseconds.Should().Be(0);
        tracker.IsPlaying.Should().BeTrue();

        tracker.MarkEchoed(first).Should().BeTrue();
        tracker.PlayedMilliseconds.Should().Be(200);
        tracker.MarkEchoed(second).Should().BeTrue();
        tracker.PlayedMilliseconds.Should().Be(400);
        tracker.PendingMarks.Should().Be(1);
        tracker.MarkEchoed("unknown").Should().BeFalse();
        tracker.MarkEchoed(first).Should().BeFalse("an echoed mark is not pending any more");

        var (item, endMs) = tracker.Interrupt();
        (item, endMs).Should().Be(("item-1", 400L));
        tracker.IsPlaying.Should().BeFalse();
    }

    [Fact]
    public void A_later_mark_echo_covers_the_earlier_ones_and_a_new_response_starts_from_zero()
    {
        var tracker = new PlaybackTracker();
        tracker.StartResponse("a");
        tracker.AudioSent(160);
        var last = tracker.AudioSent(160);
        tracker.MarkEchoed(last).Should().BeTrue();
        tracker.PlayedMilliseconds.Should().Be(40);
        tracker.PendingMarks.Should().Be(0);

        tracker.StartResponse("b");
        tracker.BytesSent.Should().Be(0);
        tracker.PlayedMilliseconds.Should().Be(0);
        tracker.Interrupt().Should().Be(("b", 0L));
    }
}
