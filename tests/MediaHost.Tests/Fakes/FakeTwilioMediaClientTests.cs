using System.Text.Json;
using ProSaaS.Sandbox;

namespace ProSaaS.MediaHost.Tests.Fakes;

public sealed class FakeTwilioMediaClientTests
{
    private static FakeTwilioCallOptions Options(double speed = 1, bool silenceWhenIdle = true) => new()
    {
        CustomParameters = new Dictionary<string, string> { ["callId"] = "c-1", ["token"] = "t.o.k" },
        Speed = speed,
        SendSilenceWhenIdle = silenceWhenIdle,
    };

    [Fact]
    public async Task Opens_with_connected_and_start_then_streams_numbered_frames_of_silence_at_20_ms()
    {
        await using var server = await MiniMediaServer.StartAsync();
        await using var client = await FakeTwilioMediaClient.ConnectAsync(server.MediaUri, Options());

        var connected = (await server.NextAsync())!.Value.Message;
        connected.GetRawText().Should().Be("""{"event":"connected","protocol":"Call","version":"1.0.0"}""");

        var start = (await server.NextAsync())!.Value.Message;
        start.GetProperty("event").GetString().Should().Be("start");
        start.GetProperty("sequenceNumber").GetString().Should().Be("1");
        start.GetProperty("streamSid").GetString().Should().Be(client.StreamSid);
        var body = start.GetProperty("start");
        body.GetProperty("streamSid").GetString().Should().Be(client.StreamSid);
        body.GetProperty("callSid").GetString().Should().Be(client.CallSid).And.StartWith("CA");
        body.GetProperty("accountSid").GetString().Should().StartWith("AC");
        body.GetProperty("tracks").EnumerateArray().Select(t => t.GetString()).Should().Equal("inbound");
        body.GetProperty("mediaFormat").GetRawText().Should().Be("""{"encoding":"audio/x-mulaw","sampleRate":8000,"channels":1}""");
        body.GetProperty("customParameters").GetRawText().Should().Be("""{"callId":"c-1","token":"t.o.k"}""");

        var frames = new List<(TimeSpan At, JsonElement Message)>();
        for (var i = 0; i < 11; i++)
        {
            frames.Add((await server.NextAsync())!.Value);
        }

        for (var i = 0; i < frames.Count; i++)
        {
            var message = frames[i].Message;
            message.GetProperty("event").GetString().Should().Be("media");
            message.GetProperty("sequenceNumber").GetString().Should().Be((i + 2).ToString());
            message.GetProperty("streamSid").GetString().Should().Be(client.StreamSid);
            var media = message.GetProperty("media");
            media.GetProperty("track").GetString().Should().Be("inbound");
            media.GetProperty("chunk").GetString().Should().Be((i + 1).ToString());
            media.GetProperty("timestamp").GetString().Should().Be((i * 20).ToString());
            media.GetProperty("payload").GetBytesFromBase64().Should().HaveCount(160).And.OnlyContain(b => b == 0xFF);
        }

        var sent = client.Sent.Where(m => m.Event == "media").Take(11).ToList();
        (sent[^1].At - sent[0].At).TotalMilliseconds.Should().BeInRange(180, 2000, "ten intervals of 20 ms in real time");
        client.ProtocolErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task Plays_a_script_of_speech_silence_dtmf_and_labels_in_order()
    {
        await using var server = await MiniMediaServer.StartAsync();
        await using var client = await FakeTwilioMediaClient.ConnectAsync(server.MediaUri, Options(speed: 20, silenceWhenIdle: false));
        await server.NextEventAsync("start");

        await client.PlayAsync(new MediaScript().Speech(100).Label("spoken").Silence(50).Dtmf("7#").Speech(40, rms: 6000));

        var received = new List<JsonElement>();
        while (received.Count < 5 + 3 + 2 + 2)
        {
            received.Add((await server.NextAsync())!.Value.Message);
        }

        received.Select(m => m.GetProperty("event").GetString()).Should().Equal(
            "media", "media", "media", "media", "media", "media", "media", "media", "dtmf", "dtmf", "media", "media");
        var audio = received.Where(m => m.GetProperty("event").GetString() == "media")
            .Select(m => m.GetProperty("media").GetProperty("payload").GetBytesFromBase64()).ToList();
        audio.Take(5).Should().OnlyContain(frame => FakeAudio.Rms(frame) > 2700 && FakeAudio.Rms(frame) < 3300);
        audio[5].Should().OnlyContain(b => b == 0xFF);
        audio[7].Should().OnlyContain(b => b == 0xFF, "the last 10 ms of silence are padded to a whole frame before the event");
        FakeAudio.Rms(audio[8]).Should().BeApproximately(6000, 400);

        var dtmf = received[8];
        dtmf.GetProperty("streamSid").GetString().Should().Be(client.StreamSid);
        dtmf.GetProperty("dtmf").GetRawText().Should().Be("""{"track":"inbound_track","digit":"7"}""");
        received[9].GetProperty("dtmf").GetProperty("digit").GetString().Should().Be("#");
        received.Select(m => int.Parse(m.GetProperty("sequenceNumber").GetString()!)).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();

        var label = await client.WaitForLabelAsync("spoken");
        label.StreamTimestampMs.Should().Be(100);
        client.FramesSent.Should().Be(10);
        client.Sent.Where(m => m.Event == "dtmf").Select(m => m.Detail).Should().Equal("7", "#");
    }

    [Fact]
    public async Task A_faster_speed_paces_frames_proportionally_and_as_fast_as_possible_does_not_wait()
    {
        await using var server = await MiniMediaServer.StartAsync();
        await using var client = await FakeTwilioMediaClient.ConnectAsync(server.MediaUri, Options(speed: 4, silenceWhenIdle: false));
        await server.NextEventAsync("start");
        var played = client.PlayAsync(new MediaScript().Speech(1000));
        var first = await server.NextEventAsync("media");
        (TimeSpan At, JsonElement Message) last = first;
        for (var i = 1; i < 50; i++)
        {
            last = await server.NextEventAsync("media");
        }

        await played;
        var sent = client.Sent.Where(m => m.Event == "media").ToList();
        (sent[^1].At - sent[0].At).TotalMilliseconds.Should().BeInRange(220, 3000, "49 intervals of 5 ms");

        await using var server2 = await MiniMediaServer.StartAsync();
        await using var fast = await FakeTwilioMediaClient.ConnectAsync(server2.MediaUri, Options(speed: FakeTwilioMediaClient.AsFastAsPossible));
        await server2.NextEventAsync("start");
        var started = FakeClock.Now;
        await fast.PlayAsync(new MediaScript().Speech(2000));
        (FakeClock.Now - started).TotalMilliseconds.Should().BeLessThan(1900, "100 frames sent back to back, where real time would take 2 s");
        fast.FramesSent.Should().Be(100, "no silence is sent while idle at full speed");
    }

    [Fact]
    public async Task Received_audio_is_played_at_8_bytes_per_ms_and_marks_are_echoed_when_the_audio_before_them_has_played()
    {
        await using var server = await MiniMediaServer.StartAsync();
        await using var client = await FakeTwilioMediaClient.ConnectAsync(server.MediaUri, Options(speed: 2));
        await server.NextEventAsync("start");

        var first = FakeAudio.Speech(400, seed: 1);
        var second = FakeAudio.Speech(200, seed: 2);
        var sentAt = FakeClock.Now;
        await server.SendMediaAsync(client.StreamSid, first);
        await server.SendMarkAsync(client.StreamSid, "m-1");
        await server.SendMediaAsync(client.StreamSid, second);
        await server.SendMarkAsync(client.StreamSid, "m-2");

        var echo1 = await server.NextEventAsync("mark");
        echo1.Message.GetProperty("mark").GetProperty("name").GetString().Should().Be("m-1");
        echo1.Message.GetProperty("streamSid").GetString().Should().Be(client.StreamSid);
        echo1.Message.TryGetProperty("sequenceNumber", out _).Should().BeTrue();
        // Never before the audio could have played; the upper bounds leave room for a loaded machine's scheduling.
        (echo1.At - sentAt).TotalMilliseconds.Should().BeInRange(195, 2000, "400 ms of audio at twice real time");
        var echo2 = await server.NextEventAsync("mark");
        echo2.Message.GetProperty("mark").GetProperty("name").GetString().Should().Be("m-2");
        (echo2.At - sentAt).TotalMilliseconds.Should().BeInRange(295, 2500, "600 ms of audio at twice real time");

        client.HeardAudio().Should().Equal(first.Concat(second));
        client.AudioHeard.Should().Be(TimeSpan.FromMilliseconds(600));
        client.HeardRuns.Should().ContainSingle().Which.Length.Should().Be(4800);
        client.EchoedMarks.Select(m => (m.Name, m.Cleared)).Should().Equal(("m-1", false), ("m-2", false));
        client.PendingMarks.Should().BeEmpty();

        await server.SendMarkAsync(client.StreamSid, "idle");
        (await server.NextEventAsync("mark")).Message.GetProperty("mark").GetProperty("name").GetString()
            .Should().Be("idle", "a mark with nothing queued before it is echoed at once");
        client.ProtocolErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task Clear_drops_the_queued_audio_and_echoes_every_pending_mark_at_once()
    {
        await using var server = await MiniMediaServer.StartAsync();
        await using var client = await FakeTwilioMediaClient.ConnectAsync(server.MediaUri, Options(speed: 1));
        await server.NextEventAsync("start");

        for (var i = 1; i <= 10; i++)
        {
            await server.SendMediaAsync(client.StreamSid, FakeAudio.Speech(200, seed: i));
            await server.SendMarkAsync(client.StreamSid, $"r-{i}");
        }

        await client.WaitForHeardAsync(TimeSpan.FromMilliseconds(300));
        client.PendingMarks.Should().NotBeEmpty().And.HaveCountLessThan(10).And.EndWith("r-10");
        await server.SendClearAsync(client.StreamSid);
        var clear = await client.WaitForClearAsync();
        clear.MarksEchoed.Should().NotBeEmpty().And.EndWith("r-10");
        client.PendingMarks.Should().BeEmpty();

        var echoes = new List<(TimeSpan At, string Name)>();
        for (var i = 0; i < 10; i++)
        {
            var echo = await server.NextEventAsync("mark", TimeSpan.FromSeconds(3));
            echoes.Add((echo.At, echo.Message.GetProperty("mark").GetProperty("name").GetString()!));
        }

        echoes.Select(e => e.Name).Should().Equal(Enumerable.Range(1, 10).Select(i => $"r-{i}"), "every mark is echoed once, in order");
        echoes.TakeLast(clear.MarksEchoed.Count).Should().OnlyContain(e => (e.At - clear.At).TotalMilliseconds < 300,
            "pending marks are echoed at once, not as the dropped audio would have played");
        client.EchoedMarks.Select(m => m.Name).Should().Equal(echoes.Select(e => e.Name));
        client.EchoedMarks.Where(m => m.Cleared).Select(m => m.Name).Should().Equal(clear.MarksEchoed);
        clear.BytesPlayedBefore.Should().BeInRange(300 * 8, 1200 * 8);
        (clear.BytesPlayedBefore + clear.BytesDropped).Should().Be(2000 * 8);
        await Task.Delay(100);
        client.BytesPlayedAfter(clear).Should().Be(0, "nothing of the cleared audio plays after the clear");
        client.BytesPlayedSince(clear.At).Should().Be(0);
        client.BytesDropped.Should().Be(clear.BytesDropped);

        var after = FakeAudio.Speech(100, seed: 99);
        await server.SendMediaAsync(client.StreamSid, after);
        await client.WaitForHeardAsync(TimeSpan.FromMilliseconds(clear.BytesPlayedBefore / 8.0 + 100));
        client.BytesPlayedAfter(clear).Should().Be(800, "audio sent after a clear plays normally");
        client.HeardAudio()[^800..].Should().Equal(after);
        client.HeardRuns.Should().HaveCount(2);
    }

    [Fact]
    public async Task Stop_sends_stop_and_closes_and_no_media_follows()
    {
        await using var server = await MiniMediaServer.StartAsync();
        await using var client = await FakeTwilioMediaClient.ConnectAsync(server.MediaUri, Options(speed: 5));
        await server.NextEventAsync("media");

        var closure = await client.StopAsync();

        var stop = await server.NextEventAsync("stop");
        stop.Message.GetProperty("stop").GetRawText().Should().Be($$"""{"accountSid":"{{client.Options.AccountSid}}","callSid":"{{client.CallSid}}"}""");
        stop.Message.GetProperty("streamSid").GetString().Should().Be(client.StreamSid);
        (await server.NextAsync()).Should().BeNull("the socket closes right after stop");
        server.ClosedByClient.Should().BeTrue();
        closure.End.Should().Be(TwilioStreamEnd.Stopped);
        client.End.Should().Be(TwilioStreamEnd.Stopped);
        client.Sent[^1].Event.Should().Be("stop");
        await client.Invoking(c => c.PlayAsync(new MediaScript().Silence(20))).Should().ThrowAsync<InvalidOperationException>();
    }

    [Fact]
    public async Task A_script_can_hang_up_or_drop_the_socket_and_queued_scripts_are_cancelled()
    {
        await using var server = await MiniMediaServer.StartAsync();
        await using var client = await FakeTwilioMediaClient.ConnectAsync(server.MediaUri,
            new FakeTwilioCallOptions { Speed = FakeTwilioMediaClient.AsFastAsPossible, AutoStart = false });
        var hangingUp = client.PlayAsync(new MediaScript().Speech(60).Stop());
        var next = client.PlayAsync(new MediaScript().Speech(60));
        await client.StartStreamAsync();
        (await client.WaitForClosedAsync()).End.Should().Be(TwilioStreamEnd.Stopped);
        await hangingUp;
        await next.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
        await server.NextEventAsync("stop");

        await using var server2 = await MiniMediaServer.StartAsync();
        await using var dropping = await FakeTwilioMediaClient.ConnectAsync(server2.MediaUri, Options(speed: FakeTwilioMediaClient.AsFastAsPossible));
        await dropping.PlayAsync(new MediaScript().Speech(40).Drop());
        (await dropping.WaitForClosedAsync()).End.Should().Be(TwilioStreamEnd.Dropped);
        while (await server2.NextAsync() is not null)
        {
        }

        server2.ClosedByClient.Should().BeFalse();
        server2.Failure.Should().NotBeNull("the server sees the connection reset, not a close");
    }

    [Fact]
    public async Task The_server_closing_the_socket_ends_the_stream()
    {
        await using var server = await MiniMediaServer.StartAsync();
        await using var client = await FakeTwilioMediaClient.ConnectAsync(server.MediaUri, Options());
        await server.NextEventAsync("start");

        await server.SendMediaAsync(client.StreamSid, FakeAudio.Speech(5000));
        await server.SendMarkAsync(client.StreamSid, "last-words");
        await client.WaitForHeardAsync(TimeSpan.FromMilliseconds(100));
        await server.CloseAsync();

        var closure = await client.WaitForClosedAsync();
        closure.End.Should().Be(TwilioStreamEnd.ClosedByServer);
        closure.CloseDescription.Should().Be("call ended");
        closure.BytesUnplayed.Should().BePositive("audio still queued when the stream ends is never played");
        (client.BytesPlayed + closure.BytesUnplayed).Should().Be(40000);
        client.End.Should().Be(TwilioStreamEnd.ClosedByServer);
        client.EchoedMarks.Should().BeEmpty();
        var played = client.BytesPlayed;
        await Task.Delay(50);
        client.BytesPlayed.Should().Be(played, "nothing plays after the stream ended");
    }

    [Fact]
    public async Task What_twilio_would_refuse_is_recorded_as_a_protocol_error()
    {
        await using var server = await MiniMediaServer.StartAsync();
        await using var client = await FakeTwilioMediaClient.ConnectAsync(server.MediaUri, Options());
        await server.NextEventAsync("start");

        await server.SendBinaryAsync([1, 2, 3]);
        await server.SendAsync("""{"event":"speak","streamSid":"x"}""");
        await server.SendMediaAsync("MZ-someone-else", [0xFF]);
        await server.SendAsync($$$"""{"event":"media","streamSid":"{{{client.StreamSid}}}","media":{"payload":"not base64!"}}""");
        await server.SendAsync($$$"""{"event":"mark","streamSid":"{{{client.StreamSid}}}","mark":{}}""");
        await server.SendAsync("not json");

        await client.WaitUntilAsync(c => c.ProtocolErrors.Count == 6, "six protocol errors");
        client.ProtocolErrors.Should().SatisfyRespectively(
            e => e.Should().Contain("binary"),
            e => e.Should().Contain("unknown event 'speak'"),
            e => e.Should().Contain("MZ-someone-else"),
            e => e.Should().Contain("base64"),
            e => e.Should().Contain("mark without"),
            e => e.Should().Contain("not json"));
        client.BytesPlayed.Should().Be(0);
        client.Received.Should().HaveCount(5, "the binary frame is not a text message");
        client.Received[^1].Should().Match<TwilioReceivedMessage>(m => m.Event == null && m.Json == "not json");
    }

    [Fact]
    public async Task Without_auto_start_the_test_opens_the_stream_itself()
    {
        await using var server = await MiniMediaServer.StartAsync();
        await using var client = await FakeTwilioMediaClient.ConnectAsync(server.MediaUri, new FakeTwilioCallOptions { AutoStart = false, Speed = 10 });
        await client.SendRawAsync("""{"event":"connected","protocol":"Call","version":"1.0.0"}""");
        (await server.NextAsync())!.Value.Message.GetProperty("event").GetString().Should().Be("connected");
        var nothingMore = () => server.NextAsync(TimeSpan.FromMilliseconds(200));
        await nothingMore.Should().ThrowAsync<OperationCanceledException>("nothing else is sent before the stream starts");

        await client.StartStreamAsync();
        (await server.NextAsync())!.Value.Message.GetProperty("event").GetString().Should().Be("connected");
        (await server.NextAsync())!.Value.Message.GetProperty("event").GetString().Should().Be("start");
        (await server.NextAsync())!.Value.Message.GetProperty("event").GetString().Should().Be("media");
    }
}
