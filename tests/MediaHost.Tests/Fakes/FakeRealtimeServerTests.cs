using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using ProSaaS.Sandbox;

namespace ProSaaS.MediaHost.Tests.Fakes;

public sealed class FakeRealtimeServerTests
{
    private static readonly byte[] Speech800 = FakeAudio.Speech(800);

    /// <summary>600 ms of silence, 800 ms of speech, 600 ms of silence: one caller turn.</summary>
    private static byte[] OneTurn() => [.. FakeAudio.Silence(600), .. Speech800, .. FakeAudio.Silence(600)];

    [Fact]
    public async Task A_session_opens_with_session_created_and_a_ga_update_is_echoed_merged()
    {
        await using var server = await FakeRealtimeServer.StartAsync();
        await using var client = await RawRealtimeClient.ConnectAsync(server);

        client.Socket.SubProtocol.Should().Be("realtime");
        var created = await client.NextAsync();
        created.Type().Should().Be("session.created");
        created.GetProperty("event_id").GetString().Should().StartWith("event_");
        created.GetProperty("session").GetProperty("type").GetString().Should().Be("realtime");
        created.GetProperty("session").GetProperty("id").GetString().Should().StartWith("sess_");

        await client.ConfigureAsync();
        var updated = await client.NextAsync();
        updated.Type().Should().Be("session.updated");
        var session = updated.GetProperty("session");
        session.GetProperty("instructions").GetString().Should().Be("את נציגה של העסק.");
        session.GetProperty("audio").GetProperty("input").GetProperty("format").GetProperty("type").GetString().Should().Be("audio/pcmu");
        session.GetProperty("audio").GetProperty("output").GetProperty("voice").GetString().Should().Be("ash");
        session.GetProperty("expires_at").GetInt64().Should().BePositive("fields the update did not touch are kept");

        await client.SendAsync("""{"type":"session.update","session":{"type":"realtime","instructions":"שונה"}}""");
        var second = (await client.NextAsync()).GetProperty("session");
        second.GetProperty("instructions").GetString().Should().Be("שונה");
        second.GetProperty("audio").GetProperty("output").GetProperty("voice").GetString().Should().Be("ash", "an update merges into the session");

        var fake = await server.WaitForSessionAsync(0);
        server.SessionCount.Should().Be(1);
        fake.Model.Should().Be("gpt-realtime");
        fake.Subprotocol.Should().Be("realtime");
        fake.Authorization.Should().Be("Bearer " + server.ApiKey);
        fake.SessionUpdates.Should().Be(2);
        fake.Settings.Should().BeEquivalentTo(new RealtimeSessionSettings("gpt-realtime", "שונה", "ash", "audio/pcmu", "audio/pcmu", ["audio"],
            "gpt-4o-transcribe", "he", "near_field", new RealtimeTurnDetectionSettings("server_vad", 0.5, 300, 500, true, true, null), ["save_lead_field"], "auto"));
        JsonDocument.Parse(fake.ConfigJson).RootElement.GetProperty("instructions").GetString().Should().Be("שונה");
        fake.ClientEvents.Select(e => e.Type).Should().Equal("session.update", "session.update");
        fake.Errors.Should().BeEmpty();
        fake.Problems.Should().BeEmpty();
    }

    [Fact]
    public async Task A_connection_without_the_right_key_or_while_refusing_is_not_a_session()
    {
        await using var server = await FakeRealtimeServer.StartAsync();

        var wrongKey = () => RawRealtimeClient.ConnectAsync(server, key: "sk-wrong-key-123456");
        (await wrongKey.Should().ThrowAsync<WebSocketException>()).Which.Message.Should().Contain("401");

        server.RefuseNewSessions();
        var refused = () => RawRealtimeClient.ConnectAsync(server);
        (await refused.Should().ThrowAsync<WebSocketException>()).Which.Message.Should().Contain("503");
        server.AcceptNewSessions();
        server.RefuseNextSessions(1, HttpStatusCode.TooManyRequests);
        (await refused.Should().ThrowAsync<WebSocketException>()).Which.Message.Should().Contain("429");

        await using var accepted = await RawRealtimeClient.ConnectAsync(server, subprotocol: null);
        (await accepted.NextAsync()).Type().Should().Be("session.created");
        accepted.Socket.SubProtocol.Should().BeNull("a client that asks for no subprotocol gets none");
        server.SessionCount.Should().Be(1);
        server.ConnectionAttempts.Should().Be(4);
        server.Refused.Select(r => r.Status).Should().Equal(HttpStatusCode.Unauthorized, HttpStatusCode.ServiceUnavailable, HttpStatusCode.TooManyRequests);
    }

    [Theory]
    [InlineData("""{"type":"session.update","session":{"instructions":"x"}}""", "missing_required_parameter", "session.type")]
    [InlineData("""{"type":"session.update","session":{"type":"realtime","input_audio_format":"g711_ulaw"}}""", "unknown_parameter", "session.input_audio_format")]
    [InlineData("""{"type":"session.update","session":{"type":"realtime","modalities":["audio","text"]}}""", "unknown_parameter", "session.modalities")]
    [InlineData("""{"type":"session.update","session":{"type":"realtime","turn_detection":{"type":"server_vad"}}}""", "unknown_parameter", "session.turn_detection")]
    [InlineData("""{"type":"session.update","session":{"type":"realtime","audio":{"input":{"format":"g711_ulaw"}}}}""", "invalid_type", "session.audio.input.format")]
    [InlineData("""{"type":"session.update","session":{"type":"realtime","audio":{"output":{"format":{"type":"g711_ulaw"}}}}}""", "invalid_value", "session.audio.output.format.type")]
    [InlineData("""{"type":"response.audio.delta"}""", "invalid_value", "type")]
    public async Task Beta_shapes_and_unknown_events_are_refused_with_an_error_event(string json, string code, string param)
    {
        await using var server = await FakeRealtimeServer.StartAsync();
        await using var client = await RawRealtimeClient.ConnectAsync(server);
        await client.NextAsync();

        await client.SendAsync(json[..^1] + ",\"event_id\":\"evt_client_1\"}");

        var error = await client.NextAsync();
        error.Type().Should().Be("error");
        var body = error.GetProperty("error");
        body.GetProperty("type").GetString().Should().Be("invalid_request_error");
        body.GetProperty("code").GetString().Should().Be(code);
        body.GetProperty("param").GetString().Should().Be(param);
        body.GetProperty("event_id").GetString().Should().Be("evt_client_1");
        var session = await server.WaitForSessionAsync();
        session.Errors.Should().ContainSingle().Which.Code.Should().Be(code);
        session.SessionUpdates.Should().Be(0);
    }

    [Fact]
    public async Task A_caller_turn_is_detected_by_energy_transcribed_and_answered_with_the_documented_sequence()
    {
        await using var server = await FakeRealtimeServer.StartAsync(new FakeRealtimeOptions
        {
            Script = new RealtimeScript
            {
                Turns = [new ScriptedTurn("אני רוצה לקבוע תור", new ScriptedResponse { Transcript = "בשמחה, לאיזה יום?", AudioMilliseconds = 700 })],
            },
        });
        await using var client = await RawRealtimeClient.ConnectAsync(server);
        await client.NextAsync();
        await client.ConfigureAsync();
        await client.NextAsync();

        await client.AppendAsync(OneTurn());

        var events = await client.UntilAsync("response.done");
        var types = events.Types().ToList();
        types.Where(t => t != "response.output_audio.delta" && t != "response.output_audio_transcript.delta").Should().Equal(
            "input_audio_buffer.speech_started",
            "input_audio_buffer.speech_stopped",
            "input_audio_buffer.committed",
            "conversation.item.added",
            "conversation.item.done",
            "conversation.item.input_audio_transcription.delta",
            "conversation.item.input_audio_transcription.completed",
            "response.created",
            "response.output_item.added",
            "conversation.item.added",
            "response.content_part.added",
            "response.output_audio.done",
            "response.output_audio_transcript.done",
            "response.content_part.done",
            "response.output_item.done",
            "conversation.item.done",
            "response.done");

        var started = events.Single(e => e.Type() == "input_audio_buffer.speech_started");
        started.GetProperty("audio_start_ms").GetInt64().Should().Be(300, "speech began at 600 ms, less 300 ms of prefix padding");
        var userItem = started.GetProperty("item_id").GetString();
        var stopped = events.Single(e => e.Type() == "input_audio_buffer.speech_stopped");
        stopped.GetProperty("audio_end_ms").GetInt64().Should().Be(1900, "speech ended at 1400 ms and 500 ms of silence stop it");
        stopped.GetProperty("item_id").GetString().Should().Be(userItem);
        events.Single(e => e.Type() == "input_audio_buffer.committed").GetProperty("item_id").GetString().Should().Be(userItem);
        var transcript = events.Single(e => e.Type() == "conversation.item.input_audio_transcription.completed");
        transcript.GetProperty("item_id").GetString().Should().Be(userItem);
        transcript.GetProperty("transcript").GetString().Should().Be("אני רוצה לקבוע תור");

        var deltas = events.Where(e => e.Type() == "response.output_audio.delta").ToList();
        var responseId = events.Single(e => e.Type() == "response.created").GetProperty("response").GetProperty("id").GetString();
        var assistantItem = deltas[0].GetProperty("item_id").GetString();
        deltas.Should().HaveCount(7, "700 ms in deltas of 100 ms").And.OnlyContain(d => d.GetProperty("response_id").GetString() == responseId);
        var audio = deltas.SelectMany(d => d.GetProperty("delta").GetBytesFromBase64()).ToArray();
        audio.Should().HaveCount(5600);
        FakeAudio.Rms(audio).Should().BeGreaterThan(3000);
        string.Concat(events.Where(e => e.Type() == "response.output_audio_transcript.delta").Select(e => e.GetProperty("delta").GetString()))
            .Should().Be("בשמחה, לאיזה יום?");
        events.Single(e => e.Type() == "response.output_audio_transcript.done").GetProperty("transcript").GetString().Should().Be("בשמחה, לאיזה יום?");

        var done = events[^1].GetProperty("response");
        done.GetProperty("status").GetString().Should().Be("completed");
        done.GetProperty("id").GetString().Should().Be(responseId);
        var output = done.GetProperty("output").EnumerateArray().Single();
        output.GetProperty("id").GetString().Should().Be(assistantItem);
        output.GetProperty("content")[0].GetProperty("transcript").GetString().Should().Be("בשמחה, לאיזה יום?");
        done.GetProperty("usage").GetProperty("output_token_details").GetProperty("audio_tokens").GetInt32().Should().BePositive();

        var session = server.Session(0)!;
        session.AudioReceived().Should().Equal(OneTurn());
        session.AudioSent().Should().Equal(audio);
        var turn = await session.WaitForTurnAsync(0);
        (turn.ItemId, turn.AudioStartMs, turn.AudioEndMs, turn.Transcript).Should().Be((userItem!, 300L, 1900L, "אני רוצה לקבוע תור"));
        var response = await session.WaitForResponseDoneAsync(0);
        (response.Trigger, response.Status, response.ItemId, response.AudioBytesSent).Should().Be((RealtimeResponseTrigger.Turn, "completed", assistantItem, 5600L));
        session.Errors.Should().BeEmpty();
        session.Problems.Should().BeEmpty();
    }

    [Fact]
    public async Task Response_create_answers_from_the_script_and_a_second_one_while_active_is_refused()
    {
        var greeting = FakeAudio.Speech(300, seed: 42);
        await using var server = await FakeRealtimeServer.StartAsync(new FakeRealtimeOptions
        {
            AudioDeltaInterval = TimeSpan.FromMilliseconds(30),
            Script = new RealtimeScript { OnResponseCreate = [new ScriptedResponse { Transcript = "שלום!", Audio = greeting }] },
        });
        await using var client = await RawRealtimeClient.ConnectAsync(server);
        await client.NextAsync();
        await client.ConfigureAsync();
        await client.NextAsync();

        await client.SendAsync("""{"type":"response.create","response":{"instructions":"ברכי את המתקשר"}}""");
        await client.NextOfTypeAsync("response.created");
        await client.SendAsync("""{"type":"response.create","event_id":"evt_2"}""");
        var (error, before) = await client.NextOfTypeAsync("error");
        error.GetProperty("error").GetProperty("code").GetString().Should().Be("conversation_already_has_active_response");
        error.GetProperty("error").GetProperty("event_id").GetString().Should().Be("evt_2");

        var rest = await client.UntilAsync("response.done");
        before.Concat(rest).Where(e => e.Type() == "response.output_audio.delta").SelectMany(d => d.GetProperty("delta").GetBytesFromBase64()).Should().Equal(greeting);
        var session = server.Session(0)!;
        var response = await session.WaitForResponseDoneAsync(0);
        (response.Trigger, response.Instructions, response.Transcript).Should().Be((RealtimeResponseTrigger.ResponseCreate, "ברכי את המתקשר", "שלום!"));
        session.Responses.Should().HaveCount(1);
    }

    [Fact]
    public async Task Response_cancel_stops_the_deltas_and_ends_the_response_as_cancelled()
    {
        await using var server = await FakeRealtimeServer.StartAsync(new FakeRealtimeOptions { AudioDeltaInterval = TimeSpan.FromMilliseconds(20) });
        await using var client = await RawRealtimeClient.ConnectAsync(server);
        await client.NextAsync();
        await client.ConfigureAsync();
        await client.NextAsync();

        await client.SendAsync("""{"type":"response.cancel","event_id":"evt_c0"}""");
        (await client.NextAsync()).GetProperty("error").GetProperty("code").GetString().Should().Be("response_cancel_not_active");

        await client.SendAsync("""{"type":"response.create"}""");
        await client.NextOfTypeAsync("response.output_audio.delta");
        await client.SendAsync("""{"type":"response.cancel"}""");
        var events = await client.UntilAsync("response.done");
        var done = events[^1].GetProperty("response");
        done.GetProperty("status").GetString().Should().Be("cancelled");
        done.GetProperty("status_details").GetProperty("reason").GetString().Should().Be("client_cancelled");
        events.Should().Contain(e => e.Type() == "response.output_item.done"
            && e.GetProperty("item").GetProperty("status").GetString() == "incomplete");
        (await client.QuietForAsync(TimeSpan.FromMilliseconds(150))).Should().BeTrue("no delta follows the cancellation");

        var response = await server.Session(0)!.WaitForResponseDoneAsync(0);
        response.Status.Should().Be("cancelled");
        response.AudioBytesSent.Should().BeLessThan(response.AudioBytesPlanned);
        server.Session(0)!.AudioBytesSent.Should().Be(response.AudioBytesSent);
    }

    [Fact]
    public async Task Truncate_is_accepted_up_to_the_audio_sent_and_refused_beyond_it_like_the_real_service()
    {
        await using var server = await FakeRealtimeServer.StartAsync(new FakeRealtimeOptions
        {
            Script = new RealtimeScript { DefaultResponse = new ScriptedResponse { AudioMilliseconds = 1500 } },
        });
        await using var client = await RawRealtimeClient.ConnectAsync(server);
        await client.NextAsync();
        await client.ConfigureAsync();
        await client.NextAsync();
        await client.SendAsync("""{"type":"response.create"}""");
        var events = await client.UntilAsync("response.done");
        var item = events.First(e => e.Type() == "response.output_audio.delta").GetProperty("item_id").GetString();

        await client.SendAsync($$"""{"type":"conversation.item.truncate","item_id":"{{item}}","content_index":0,"audio_end_ms":1600,"event_id":"evt_t1"}""");
        var error = (await client.NextAsync()).GetProperty("error");
        error.GetProperty("message").GetString().Should().Be("Audio content of 1500ms is already shorter than 1600ms");
        error.GetProperty("event_id").GetString().Should().Be("evt_t1");

        await client.SendAsync($$"""{"type":"conversation.item.truncate","item_id":"{{item}}","content_index":0,"audio_end_ms":640}""");
        var truncated = await client.NextAsync();
        truncated.Type().Should().Be("conversation.item.truncated");
        truncated.GetProperty("audio_end_ms").GetInt64().Should().Be(640);
        truncated.GetProperty("item_id").GetString().Should().Be(item);

        await client.SendAsync($$"""{"type":"conversation.item.truncate","item_id":"{{item}}","content_index":0,"audio_end_ms":700}""");
        (await client.NextAsync()).GetProperty("error").GetProperty("message").GetString()
            .Should().Be("Audio content of 640ms is already shorter than 700ms", "a truncated item is that much shorter");

        await client.SendAsync("""{"type":"conversation.item.truncate","item_id":"item_nope","content_index":0,"audio_end_ms":0}""");
        (await client.NextAsync()).Type().Should().Be("error");

        var session = server.Session(0)!;
        await session.WaitUntilAsync(s => s.Truncations.Count == 4, "four truncates");
        session.Truncations.Select(t => (t.AudioEndMs, t.AudioAvailableMs, t.Accepted)).Should().Equal(
            (1600L, 1500L, false), (640L, 1500L, true), (700L, 640L, false), (0L, (long?)null, false));
        session.Responses[0].TruncatedAtMs.Should().Be(640);
    }

    [Fact]
    public async Task Speech_during_a_response_interrupts_it_when_interrupt_response_is_on()
    {
        await using var server = await FakeRealtimeServer.StartAsync(new FakeRealtimeOptions
        {
            AudioDeltaInterval = TimeSpan.FromMilliseconds(50),
            Script = new RealtimeScript
            {
                DefaultResponse = new ScriptedResponse { AudioMilliseconds = 3000 },
                Turns = [new ScriptedTurn("רגע", new ScriptedResponse { AudioMilliseconds = 200 })],
            },
        });
        await using var client = await RawRealtimeClient.ConnectAsync(server);
        await client.NextAsync();
        await client.ConfigureAsync();
        await client.NextAsync();
        await client.SendAsync("""{"type":"response.create"}""");
        await client.NextOfTypeAsync("response.output_audio.delta");

        await client.AppendAsync(FakeAudio.Speech(100));

        var (started, _) = await client.NextOfTypeAsync("input_audio_buffer.speech_started");
        var after = await client.UntilAsync("response.done");
        after.Should().NotContain(e => e.Type() == "response.output_audio.delta");
        after[^1].GetProperty("response").GetProperty("status_details").GetProperty("reason").GetString().Should().Be("turn_detected");
        started.GetProperty("audio_start_ms").GetInt64().Should().Be(0);

        await client.AppendAsync(FakeAudio.Silence(600));
        var turnEvents = await client.UntilAsync("response.done");
        turnEvents.Types().Should().Contain(["input_audio_buffer.speech_stopped", "input_audio_buffer.committed", "response.created"]);
        var session = server.Session(0)!;
        session.Responses.Select(r => (r.Trigger, r.Status, r.CancelReason)).Should().Equal(
            (RealtimeResponseTrigger.ResponseCreate, "cancelled", "turn_detected"), (RealtimeResponseTrigger.Turn, "completed", null));
    }

    [Fact]
    public async Task Without_interrupt_response_speech_does_not_cancel_and_the_turn_is_answered_after()
    {
        await using var server = await FakeRealtimeServer.StartAsync(new FakeRealtimeOptions
        {
            AudioDeltaInterval = TimeSpan.FromMilliseconds(10),
            Script = new RealtimeScript { DefaultResponse = new ScriptedResponse { AudioMilliseconds = 1000 } },
        });
        await using var client = await RawRealtimeClient.ConnectAsync(server);
        await client.NextAsync();
        await client.ConfigureAsync(interruptResponse: false, silenceMs: 200);
        await client.NextAsync();
        await client.SendAsync("""{"type":"response.create"}""");
        await client.NextOfTypeAsync("response.output_audio.delta");
        await client.AppendAsync([.. FakeAudio.Speech(100), .. FakeAudio.Silence(200)]);

        var first = await client.UntilAsync("response.done");
        first[^1].GetProperty("response").GetProperty("status").GetString().Should().Be("completed");
        first.Types().Should().Contain("input_audio_buffer.committed");
        var second = await client.UntilAsync("response.done");
        second.Types().Should().StartWith("response.created");
        server.Session(0)!.Responses.Select(r => r.Trigger).Should().Equal(RealtimeResponseTrigger.ResponseCreate, RealtimeResponseTrigger.Turn);
    }

    [Fact]
    public async Task A_scripted_function_call_is_sent_and_its_output_is_accepted_only_for_a_known_call()
    {
        await using var server = await FakeRealtimeServer.StartAsync(new FakeRealtimeOptions
        {
            Script = new RealtimeScript
            {
                OnResponseCreate =
                [
                    new ScriptedResponse
                    {
                        Transcript = "", AudioMilliseconds = 0,
                        FunctionCalls = [new ScriptedFunctionCall("save_lead_field", """{"field":"name","value":"דנה"}""", "call_fixed_1")],
                    },
                    new ScriptedResponse { Transcript = "שמרתי." },
                ],
            },
        });
        await using var client = await RawRealtimeClient.ConnectAsync(server);
        await client.NextAsync();
        await client.ConfigureAsync();
        await client.NextAsync();

        await client.SendAsync("""{"type":"response.create"}""");
        var events = await client.UntilAsync("response.done");
        events.Should().NotContain(e => e.Type() == "response.output_audio.delta");
        var call = events.Single(e => e.Type() == "response.function_call_arguments.done");
        call.GetProperty("call_id").GetString().Should().Be("call_fixed_1");
        call.GetProperty("name").GetString().Should().Be("save_lead_field");
        call.GetProperty("arguments").GetString().Should().Be("""{"field":"name","value":"דנה"}""");
        events[^1].GetProperty("response").GetProperty("output")[0].GetProperty("type").GetString().Should().Be("function_call");

        await client.SendAsync("""{"type":"conversation.item.create","item":{"type":"function_call_output","call_id":"call_unknown","output":"{}"}}""");
        (await client.NextAsync()).GetProperty("error").GetProperty("param").GetString().Should().Be("item.call_id");
        await client.SendAsync("""{"type":"conversation.item.create","item":{"type":"function_call_output","call_id":"call_fixed_1","output":"{\"ok\":true}"}}""");
        (await client.NextAsync()).Type().Should().Be("conversation.item.added");
        (await client.NextAsync()).Type().Should().Be("conversation.item.done");
        await client.SendAsync("""{"type":"response.create"}""");
        (await client.UntilAsync("response.done"))[^1].GetProperty("response").GetProperty("output")[0].GetProperty("content")[0]
            .GetProperty("transcript").GetString().Should().Be("שמרתי.");

        var session = server.Session(0)!;
        session.Responses[0].FunctionCallIds.Should().Equal("call_fixed_1");
        session.ClientItems.Should().ContainSingle().Which.Should().Match<FakeRealtimeClientItem>(i =>
            i.Type == "function_call_output" && i.CallId == "call_fixed_1" && i.Output == "{\"ok\":true}");
    }

    [Fact]
    public async Task Text_items_and_manual_commits_work_without_turn_detection()
    {
        await using var server = await FakeRealtimeServer.StartAsync(new FakeRealtimeOptions
        {
            Script = new RealtimeScript { Turns = [new ScriptedTurn("הקלטה ידנית")] },
        });
        await using var client = await RawRealtimeClient.ConnectAsync(server);
        await client.NextAsync();
        await client.ConfigureAsync(vad: false);
        await client.NextAsync();

        await client.SendAsync("""{"type":"conversation.item.create","item":{"type":"message","role":"user","content":[{"type":"input_text","text":"השיחה עד כה"}]}}""");
        (await client.NextAsync()).GetProperty("item").GetProperty("content")[0].GetProperty("text").GetString().Should().Be("השיחה עד כה");
        (await client.NextAsync()).Type().Should().Be("conversation.item.done");

        await client.AppendAsync(FakeAudio.Silence(60));
        await client.SendAsync("""{"type":"input_audio_buffer.commit"}""");
        (await client.NextAsync()).GetProperty("error").GetProperty("code").GetString().Should().Be("input_audio_buffer_commit_empty");

        await client.AppendAsync(Speech800);
        await client.SendAsync("""{"type":"input_audio_buffer.commit"}""");
        var events = await client.UntilAsync("conversation.item.input_audio_transcription.completed");
        events.Types().Should().Equal("input_audio_buffer.committed", "conversation.item.added", "conversation.item.done",
            "conversation.item.input_audio_transcription.delta", "conversation.item.input_audio_transcription.completed");
        events[^1].GetProperty("transcript").GetString().Should().Be("הקלטה ידנית");
        (await client.QuietForAsync(TimeSpan.FromMilliseconds(100))).Should().BeTrue("no response without turn detection");

        var session = server.Session(0)!;
        session.ClientItems.Single().Text.Should().Be("השיחה עד כה");
        session.Turns.Should().ContainSingle().Which.SpeechStartedAt.Should().BeNull();
    }

    [Fact]
    public async Task The_server_can_drop_a_session_abruptly_and_later_sessions_are_counted_apart()
    {
        await using var server = await FakeRealtimeServer.StartAsync(new FakeRealtimeOptions
        {
            ScriptFor = session => session.Index == 0
                ? new RealtimeScript { DefaultResponse = new ScriptedResponse { AudioMilliseconds = 2000, DropSocketAfterAudioMs = 500 } }
                : new RealtimeScript(),
        });
        await using (var first = await RawRealtimeClient.ConnectAsync(server))
        {
            await first.NextAsync();
            await first.ConfigureAsync();
            await first.NextAsync();
            await first.SendAsync("""{"type":"response.create"}""");
            await first.Completion.WaitAsync(TimeSpan.FromSeconds(5));
            first.ReceiveFailure.Should().BeOfType<WebSocketException>("the socket was dropped without a close handshake");
            var closure = await server.Session(0)!.WaitForClosedAsync();
            closure.End.Should().Be(RealtimeSessionEnd.Dropped);
            server.Session(0)!.AudioBytesSent.Should().Be(4000, "the drop came after 500 ms of audio");
        }

        await using var second = await RawRealtimeClient.ConnectAsync(server);
        await second.NextAsync();
        var session = await server.WaitForSessionAsync(1);
        session.Drop();
        await second.Completion.WaitAsync(TimeSpan.FromSeconds(5));
        second.ReceiveFailure.Should().BeOfType<WebSocketException>();
        server.SessionCount.Should().Be(2);
        (await session.WaitForClosedAsync()).End.Should().Be(RealtimeSessionEnd.Dropped);
    }

    [Fact]
    public async Task Two_sessions_have_their_own_state_and_distinct_audio()
    {
        await using var server = await FakeRealtimeServer.StartAsync();
        await using var a = await RawRealtimeClient.ConnectAsync(server);
        await using var b = await RawRealtimeClient.ConnectAsync(server);
        foreach (var client in new[] { a, b })
        {
            await client.NextAsync();
            await client.ConfigureAsync();
            await client.NextAsync();
            await client.SendAsync("""{"type":"response.create"}""");
        }

        await a.UntilAsync("response.done");
        await b.UntilAsync("response.done");
        var sessions = server.Sessions;
        sessions.Should().HaveCount(2);
        var audioA = sessions[0].AudioSent();
        var audioB = sessions[1].AudioSent();
        audioA.Should().HaveCount(8000);
        audioB.Should().HaveCount(8000);
        audioA.Take(800).Should().NotEqual(audioB.Take(800), "each session's audio is its own");
        sessions[0].AudioSentFor(0).Should().Equal(audioA);
        FakeAudio.HeardPrefixLength(audioA, sessions[1].AudioSentFor(0)).Should().Be(0);
        sessions[0].Id.Should().NotBe(sessions[1].Id);
        await sessions[0].CloseAsync();
        (await sessions[0].WaitForClosedAsync()).End.Should().Be(RealtimeSessionEnd.ClosedByServer);
        sessions[1].End.Should().Be(RealtimeSessionEnd.Open);
    }
}
