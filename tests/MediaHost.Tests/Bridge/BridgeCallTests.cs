using System.Net.WebSockets;
using ProSaaS.Sandbox;
using ProSaaS.Hosting.Calls;

namespace ProSaaS.MediaHost.Tests.Bridge;

/// <summary>Whole calls through a real MediaHost: a fake Twilio caller on one side, a fake realtime service on the other.</summary>
public sealed class BridgeCallTests
{
    private const string Greeting = "שלום, כאן נועה מהמספרה. במה אפשר לעזור?";
    private const string Question = "אני רוצה לקבוע תור לתספורת";
    private const string Answer = "בשמחה. לאיזה יום?";

    [Fact]
    public async Task A_call_greets_relays_a_turn_and_its_answer_and_ends_when_the_caller_hangs_up()
    {
        await using var host = await MediaHostHarness.StartAsync(new FakeRealtimeOptions
        {
            Script = new RealtimeScript
            {
                OnResponseCreate = [new ScriptedResponse { Transcript = Greeting, AudioMilliseconds = 1200 }],
                Turns = [new ScriptedTurn(Question, new ScriptedResponse { Transcript = Answer, AudioMilliseconds = 900 })],
            },
        });
        var call = host.NewCall(botSpeaksFirst: true);

        var caller = await host.ConnectAsync(call, speed: 4);
        var session = await host.SessionOfAsync(call);
        await caller.WaitForHeardAsync(TimeSpan.FromMilliseconds(1200));
        await caller.PlayAsync(new MediaScript().Label("question").Speech(1000).Silence(700));
        await caller.WaitForHeardAsync(TimeSpan.FromMilliseconds(2100));
        await caller.WaitForPlaybackIdleAsync();
        await caller.StopAsync();
        var ended = await host.Outbox.WaitForEndAsync(call.CallId);

        ended.Reason.Should().Be(MediaEndReasons.CallerHungUp);
        var turns = host.Outbox.TurnsOf(call.CallId);
        turns.Select(t => (t.Speaker, t.Text, t.Interrupted)).Should().Equal(
            (TranscriptTurnCommand.Assistant, Greeting, false),
            (TranscriptTurnCommand.Caller, Question, false),
            (TranscriptTurnCommand.Assistant, Answer, false));
        turns.Select(t => t.OffsetMs).Should().BeInAscendingOrder();
        var spoke = caller.Labels.Single(l => l.Name == "question").StreamTimestampMs;
        // Within a few frames: on a loaded machine the caller's frames can queue up and reach the AI service in a burst.
        turns[1].OffsetMs.Should().BeCloseTo(spoke - 300, 120, "the caller's turn starts where it spoke (less the detection's padding), by the stream's clock");
        host.Outbox.CommandsOf(call.CallId).Last().Should().BeOfType<CallEndedCommand>("the end is the call's last fact");
        host.Outbox.CommandsOf(call.CallId).Select(c => c.CommandId).Should().OnlyHaveUniqueItems();

        caller.HeardAudio().Should().Equal(session.AudioSent(), "the caller hears exactly what the model said, in whole frames");
        caller.ProtocolErrors.Should().BeEmpty();
        caller.End.Should().Be(TwilioStreamEnd.Stopped);
        session.Errors.Should().BeEmpty();
        session.Problems.Should().BeEmpty();
        session.Authorization.Should().Be("Bearer " + host.Ai.ApiKey);
        session.Model.Should().Be("gpt-realtime");
        session.Settings.Instructions.Should().Be(call.Instructions);
        session.Settings.Voice.Should().Be("ash");
        (session.Settings.InputFormat, session.Settings.OutputFormat).Should().Be(("audio/pcmu", "audio/pcmu"));
        session.Settings.TranscriptionLanguage.Should().Be("he");
        session.Settings.ToolNames.Should().Equal("save_lead_field");
        session.Settings.TurnDetection!.Type.Should().Be("server_vad");
        session.Responses[0].Instructions.Should().Contain(call.Greeting, "the greeting is asked for with response.create");
        session.AudioBytesReceived.Should().BeGreaterThan(8 * 1700, "the caller's audio reaches the model");
        await session.WaitForClosedAsync();
        session.End.Should().Be(RealtimeSessionEnd.ClosedByClient);

        var metrics = ended.Metrics;
        metrics.FramesIn.Should().BeGreaterThan(80);
        metrics.FramesOut.Should().Be(session.AudioBytesSent / 160);
        metrics.FramesDropped.Should().Be(0);
        metrics.ResponseLatencyMs!.Count.Should().Be(1);
        metrics.AddedLatencyMs!.TwilioToAi.Count.Should().BeGreaterThan(80);
        metrics.AddedLatencyMs.AiToTwilio.Count.Should().BeGreaterThan(0);
        metrics.BargeIns.Should().Be(0);
        metrics.BargeInReactionMs.Should().BeNull();
        metrics.AiReconnects.Should().Be(0);
        metrics.InboundQueueHighWater.Should().BeGreaterThan(0);
        metrics.OutboundQueueHighWater.Should().BeGreaterThan(0);
        metrics.DurationMs.Should().BePositive();
        host.Configs.Requests.Should().Be(1, "the configuration is fetched once");
        host.LiveCalls.Count.Should().Be(0, "the call left the live calls when it ended");
    }

    public static TheoryData<string> BadTokens => new() { "missing", "garbled", "other key", "expired", "other call" };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_stream_without_a_valid_token_is_closed_before_anything_is_fetched_or_forwarded(string problem)
    {
        await using var host = await MediaHostHarness.StartAsync();
        var call = host.NewCall();
        var other = host.NewCall();
        var token = problem switch
        {
            "missing" => null,
            "garbled" => host.TokenFor(call)[..^3] + "abc",
            "other key" => StreamToken.Issue(Convert.FromBase64String(StreamToken.NewKey()), call.CallId, call.TenantId, DateTimeOffset.UtcNow.AddMinutes(1)),
            "expired" => StreamToken.Issue(host.Key, call.CallId, call.TenantId, DateTimeOffset.UtcNow.AddSeconds(-1)),
            _ => host.TokenFor(other),
        };
        var parameters = new Dictionary<string, string> { ["callId"] = call.CallId.ToString() };
        if (token is not null)
        {
            parameters["token"] = token;
        }

        var caller = await host.ConnectAsync(call, parameters: parameters);
        await caller.PlayAsync(new MediaScript().Speech(400)).ContinueWith(_ => { });
        var closure = await caller.WaitForClosedAsync();

        closure.End.Should().Be(TwilioStreamEnd.ClosedByServer);
        closure.CloseStatus.Should().Be(WebSocketCloseStatus.PolicyViolation);
        caller.MediaMessagesReceived.Should().Be(0);
        host.Ai.ConnectionAttempts.Should().Be(0, "no AI session is opened for an unverified stream");
        host.Configs.Requests.Should().Be(0);
        host.Outbox.All.Should().BeEmpty();
        host.LiveCalls.Count.Should().Be(0);
    }
}
