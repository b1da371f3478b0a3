using System.Net;
using System.Net.WebSockets;
using ProSaaS.Sandbox;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Audio;
using ProSaaS.MediaHost.Calls;

namespace ProSaaS.MediaHost.Tests.Bridge;

/// <summary>Barge-in, calls side by side, the AI service lost or refusing, and the configuration missing.</summary>
public sealed class BridgeResilienceTests
{
    private const string LongGreeting = "שלום, כאן נועה מהמספרה של שי. אנחנו פתוחים מראשון עד חמישי, ובשישי עד הצהריים. במה אפשר לעזור?";

    [Fact]
    public async Task A_barge_in_clears_the_rest_truncates_at_what_was_played_and_cancels_the_response()
    {
        await using var host = await MediaHostHarness.StartAsync(new FakeRealtimeOptions
        {
            Script = new RealtimeScript
            {
                // Generated at the pace it is played, so the response is still in flight when the caller speaks.
                OnResponseCreate = [new ScriptedResponse { Transcript = LongGreeting, AudioMilliseconds = 6000, AudioDeltaInterval = TimeSpan.FromMilliseconds(100) }],
                Turns = [new ScriptedTurn("רגע, יש לי שאלה", new ScriptedResponse { Transcript = "כן, בבקשה.", AudioMilliseconds = 500 })],
            },
        });
        var call = host.NewCall();
        var caller = await host.ConnectAsync(call);
        var session = await host.SessionOfAsync(call);

        await caller.WaitForHeardAsync(TimeSpan.FromMilliseconds(1500));
        await caller.PlayAsync(new MediaScript().Speech(800).Silence(700));
        var clear = await caller.WaitForClearAsync();
        var truncation = await session.WaitForTruncationAsync();
        var cancelled = await session.WaitForResponseDoneAsync(0);
        await session.WaitForResponseDoneAsync(1);
        await caller.WaitForPlaybackIdleAsync();
        await host.Outbox.WaitForTurnAsync(call.CallId, t => t.Text == "כן, בבקשה.");
        await caller.StopAsync();
        var ended = await host.Outbox.WaitForEndAsync(call.CallId);

        truncation.Accepted.Should().BeTrue();
        truncation.ItemId.Should().Be(cancelled.ItemId);
        var playedMs = clear.BytesPlayedBefore / 8;
        // Marks are the only word of what was played: the frames whose marks were still on their way back when the caller spoke
        // are missing (one on a quiet machine; up to three on a loaded 2-core machine running other suites at once).
        truncation.AudioEndMs.Should().BeInRange(playedMs - 65, playedMs,
            "audio_end_ms is what the marks say was played: only the frames whose marks were on their way back when the caller spoke are missing");
        cancelled.Status.Should().Be("cancelled");
        cancelled.CancelReason.Should().Be("client_cancelled");

        var sent = session.AudioSent();
        var answer = sent.AsSpan((int)cancelled.AudioBytesSent).ToArray();
        caller.HeardAudio().Should().Equal([.. sent.AsSpan(0, (int)clear.BytesPlayedBefore), .. answer],
            "after the clear the caller hears nothing more of the interrupted greeting, only the answer to the new turn");

        var turns = host.Outbox.TurnsOf(call.CallId);
        turns.Select(t => (t.Speaker, t.Interrupted)).Should().Equal(
            (TranscriptTurnCommand.Assistant, true), (TranscriptTurnCommand.Caller, false), (TranscriptTurnCommand.Assistant, false));
        ended.Metrics.BargeIns.Should().Be(1);
        ended.Metrics.BargeInReactionMs!.Count.Should().Be(1);
        ended.Metrics.BargeInReactionMs.Max.Should().BeLessThan(100);
        session.Errors.Should().BeEmpty();
        session.Problems.Should().BeEmpty();
        caller.ProtocolErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task Two_calls_at_once_never_hear_each_other()
    {
        await using var host = await MediaHostHarness.StartAsync(new FakeRealtimeOptions
        {
            Script = new RealtimeScript
            {
                OnResponseCreate = [new ScriptedResponse { AudioMilliseconds = 1000 }],
                Turns = [new ScriptedTurn("שאלה", new ScriptedResponse { AudioMilliseconds = 800 })],
            },
        });
        var first = host.NewCall();
        var second = host.NewCall(tenantId: "biz-b");
        var speechA = FakeAudio.Speech(900, frequencyHz: 180, seed: 1);
        var speechB = FakeAudio.Speech(900, frequencyHz: 320, seed: 2);

        async Task<(FakeTwilioMediaClient Caller, FakeRealtimeSession Session)> RunAsync(CallConfig call, byte[] speech)
        {
            var caller = await host.ConnectAsync(call, speed: 2);
            var session = await host.SessionOfAsync(call);
            await caller.WaitForHeardAsync(TimeSpan.FromMilliseconds(1000));
            await caller.PlayAsync(new MediaScript().Audio(speech).Silence(700));
            await caller.WaitForHeardAsync(TimeSpan.FromMilliseconds(1800));
            await caller.WaitForPlaybackIdleAsync();
            await caller.StopAsync();
            return (caller, session);
        }

        var results = await Task.WhenAll(RunAsync(first, speechA), RunAsync(second, speechB));
        var (callerA, sessionA) = results[0];
        var (callerB, sessionB) = results[1];

        sessionA.Should().NotBeSameAs(sessionB);
        callerA.HeardAudio().Should().Equal(sessionA.AudioSent());
        callerB.HeardAudio().Should().Equal(sessionB.AudioSent());
        sessionA.AudioSent().Should().NotEqual(sessionB.AudioSent(), "each session speaks its own audio");
        Contains(sessionA.AudioReceived(), speechA).Should().BeTrue();
        Contains(sessionA.AudioReceived(), speechB).Should().BeFalse();
        Contains(sessionB.AudioReceived(), speechB).Should().BeTrue();
        Contains(sessionB.AudioReceived(), speechA).Should().BeFalse();
        (await host.Outbox.WaitForEndAsync(first.CallId)).Reason.Should().Be(MediaEndReasons.CallerHungUp);
        (await host.Outbox.WaitForEndAsync(second.CallId)).Reason.Should().Be(MediaEndReasons.CallerHungUp);
        host.Outbox.All.Where(c => c.CallId == first.CallId).Should().OnlyContain(c => c.TenantId == "biz-a");
        host.Outbox.All.Where(c => c.CallId == second.CallId).Should().OnlyContain(c => c.TenantId == "biz-b");
        host.Outbox.TurnsOf(first.CallId).Should().HaveCount(3);
        host.Outbox.TurnsOf(second.CallId).Should().HaveCount(3);
    }

    [Fact]
    public async Task When_the_ai_socket_drops_mid_call_a_new_session_with_the_conversation_so_far_takes_over()
    {
        var firstScript = new RealtimeScript
        {
            OnResponseCreate = [new ScriptedResponse { Transcript = "שלום, כאן נועה.", AudioMilliseconds = 800 }],
            Turns = [new ScriptedTurn("אני רוצה תור למחר", new ScriptedResponse { Transcript = "באיזו שעה?", AudioMilliseconds = 600 })],
        };
        var secondScript = new RealtimeScript
        {
            Turns = [new ScriptedTurn("בעשר בבוקר", new ScriptedResponse { Transcript = "קבעתי לך מחר בעשר.", AudioMilliseconds = 700 })],
        };
        await using var host = await MediaHostHarness.StartAsync(new FakeRealtimeOptions { ScriptFor = s => s.Index == 0 ? firstScript : secondScript });
        var call = host.NewCall();
        var caller = await host.ConnectAsync(call, speed: 2);
        var first = await host.SessionOfAsync(call);
        await caller.WaitForHeardAsync(TimeSpan.FromMilliseconds(800));
        await caller.PlayAsync(new MediaScript().Speech(800).Silence(700));
        await caller.WaitForHeardAsync(TimeSpan.FromMilliseconds(1400));
        await host.Outbox.WaitForTurnAsync(call.CallId, t => t.Text == "באיזו שעה?");

        first.Drop();
        var second = await host.SessionOfAsync(call, nth: 1);
        var dropped = await first.WaitForClosedAsync();
        await caller.PlayAsync(new MediaScript().Speech(800).Silence(700));
        await caller.WaitForHeardAsync(TimeSpan.FromMilliseconds(2100));
        await caller.WaitForPlaybackIdleAsync();
        await caller.StopAsync();
        var ended = await host.Outbox.WaitForEndAsync(call.CallId);

        (second.OpenedAt - dropped.At).Should().BeLessThan(TimeSpan.FromSeconds(2));
        second.Settings.Instructions.Should().StartWith(call.Instructions)
            .And.Contain("נציג: שלום, כאן נועה.").And.Contain("מתקשר: אני רוצה תור למחר").And.Contain("נציג: באיזו שעה?");
        second.Responses.Should().ContainSingle("the reopened session does not greet again").Which.Transcript.Should().Be("קבעתי לך מחר בעשר.");
        caller.HeardAudio().Should().Equal([.. first.AudioSent(), .. second.AudioSent()]);
        host.Outbox.TurnsOf(call.CallId).Select(t => t.Text).Should().Equal(
            "שלום, כאן נועה.", "אני רוצה תור למחר", "באיזו שעה?", "בעשר בבוקר", "קבעתי לך מחר בעשר.");
        ended.Reason.Should().Be(MediaEndReasons.CallerHungUp);
        ended.Metrics.AiReconnects.Should().Be(1);
        second.Errors.Should().BeEmpty();
        second.Problems.Should().BeEmpty();
    }

    [Fact]
    public async Task When_the_ai_service_refuses_the_caller_hears_the_fallback_message_and_the_call_ends_ai_unavailable()
    {
        await using var host = await MediaHostHarness.StartAsync();
        host.Ai.RefuseNewSessions(HttpStatusCode.ServiceUnavailable);
        var call = host.NewCall();
        var caller = await host.ConnectAsync(call, speed: 1, playbackSpeed: 4);

        var closure = await caller.WaitForClosedAsync(TimeSpan.FromSeconds(10));
        var ended = await host.Outbox.WaitForEndAsync(call.CallId);

        closure.End.Should().Be(TwilioStreamEnd.ClosedByServer);
        caller.HeardAudio().Should().Equal(FallbackClip.MuLawAudio.ToArray(), "the whole fallback message was played before the stream closed");
        ended.Reason.Should().Be(MediaEndReasons.AiUnavailable);
        host.Ai.SessionCount.Should().Be(0);
        host.Ai.ConnectionAttempts.Should().BeGreaterThan(1, "it tried again within the reconnection time");
        host.Outbox.TurnsOf(call.CallId).Should().BeEmpty();
        caller.ProtocolErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task When_the_configuration_cannot_be_fetched_the_caller_hears_the_fallback_message()
    {
        await using var host = await MediaHostHarness.StartAsync();
        var call = host.NewCall();
        host.Configs.Fail(call.TenantId, call.CallId, new CallConfigUnavailableException(call.CallId));
        var caller = await host.ConnectAsync(call, speed: 1, playbackSpeed: 4);

        await caller.WaitForClosedAsync(TimeSpan.FromSeconds(10));
        var ended = await host.Outbox.WaitForEndAsync(call.CallId);

        caller.HeardAudio().Should().Equal(FallbackClip.MuLawAudio.ToArray());
        ended.Reason.Should().Be(MediaEndReasons.AiUnavailable);
        host.Ai.ConnectionAttempts.Should().Be(0);
        host.Outbox.RecordingOf(call.CallId).Should().BeNull();
    }

    [Fact]
    public async Task A_call_the_api_says_is_not_live_is_closed_at_once()
    {
        await using var host = await MediaHostHarness.StartAsync();
        var call = host.NewCall();
        host.Configs.Fail(call.TenantId, call.CallId, new CallNotLiveException(call.CallId));
        var caller = await host.ConnectAsync(call);

        var closure = await caller.WaitForClosedAsync();

        closure.End.Should().Be(TwilioStreamEnd.ClosedByServer);
        closure.CloseStatus.Should().Be(WebSocketCloseStatus.NormalClosure);
        caller.MediaMessagesReceived.Should().Be(0);
        host.Ai.ConnectionAttempts.Should().Be(0);
        host.Outbox.All.Should().BeEmpty();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
