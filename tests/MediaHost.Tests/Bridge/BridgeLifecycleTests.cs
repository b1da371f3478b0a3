using System.Buffers.Binary;
using System.Net.WebSockets;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Sandbox;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Audio;
using ProSaaS.MediaHost.Behaviour;

namespace ProSaaS.MediaHost.Tests.Bridge;

/// <summary>The behaviour seam, the ways a call ends, the recording and the drain at shutdown.</summary>
public sealed class BridgeLifecycleTests
{
    [Fact]
    public async Task The_behaviour_gets_typed_events_in_order_and_its_orders_are_carried_out()
    {
        var behaviour = new RecordingBehaviour(async (e, call) =>
        {
            switch (e)
            {
                case CallStarted:
                    await call.SayAsync("ברוכים הבאים");
                    break;
                case DtmfPressed { Digit: '9' }:
                    call.EndCall(MediaEndReasons.AssistantEnded);
                    break;
            }
        });
        await using var host = await MediaHostHarness.StartAsync(
            new FakeRealtimeOptions
            {
                Script = new RealtimeScript
                {
                    OnResponseCreate = [new ScriptedResponse { Transcript = "ברוכים הבאים", AudioMilliseconds = 600 }],
                    Turns = [new ScriptedTurn("שלום", new ScriptedResponse { Transcript = "היי", AudioMilliseconds = 400 })],
                },
            },
            services: s => s.AddSingleton<ICallBehaviourFactory>(new SingleBehaviourFactory(behaviour)));
        var call = host.NewCall(botSpeaksFirst: false);
        var caller = await host.ConnectAsync(call, speed: 2);
        await caller.WaitForHeardAsync(TimeSpan.FromMilliseconds(600));
        await caller.PlayAsync(new MediaScript().Speech(600).Silence(700));
        await caller.WaitForHeardAsync(TimeSpan.FromMilliseconds(1000));
        await caller.WaitForPlaybackIdleAsync();
        await behaviour.WaitForAsync<SilenceTick>();
        // The call ends on the key, so the script's silence after it is never finished.
        var pressing = caller.PlayAsync(new MediaScript().Dtmf('9').Silence(2000));

        var closure = await caller.WaitForClosedAsync();
        var ended = await host.Outbox.WaitForEndAsync(call.CallId);
        await behaviour.WaitForAsync<StreamStopped>();
        await pressing.ContinueWith(_ => { });

        closure.End.Should().Be(TwilioStreamEnd.ClosedByServer);
        ended.Reason.Should().Be(MediaEndReasons.AssistantEnded);
        var events = behaviour.Events;
        events[0].Should().BeOfType<CallStarted>().Which.Config.Should().Be(call);
        events[^1].Should().Be(new StreamStopped(events[^1].OffsetMs, MediaEndReasons.AssistantEnded));
        events.OfType<CallerSpeechStarted>().Should().ContainSingle().Which.InterruptedAssistant.Should().BeFalse();
        events.OfType<CallerSpeechStopped>().Should().ContainSingle();
        events.OfType<CallerTranscript>().Should().ContainSingle().Which.Text.Should().Be("שלום");
        events.OfType<AssistantTranscript>().Select(t => (t.Text, t.Interrupted)).Should().Equal(("ברוכים הבאים", false), ("היי", false));
        events.OfType<ResponseFinished>().Select(r => r.Status).Should().Equal("completed", "completed");
        events.OfType<DtmfPressed>().Should().ContainSingle().Which.Digit.Should().Be('9');
        events.OfType<SilenceTick>().Should().NotBeEmpty();
        events.Where(e => e is not CallerTranscript and not AssistantTranscript).Select(e => e.OffsetMs).Should().BeInAscendingOrder(
            "events come in the order they happened (a transcript carries where its utterance started)");
        var session = await host.SessionOfAsync(call);
        session.Responses[0].Instructions.Should().Contain("ברוכים הבאים");
        session.Responses.Should().HaveCount(2, "the behaviour said nothing more than its greeting");
    }

    [Fact]
    public async Task A_tool_call_reaches_the_behaviour_and_its_result_goes_back_to_the_model()
    {
        await using var host = await MediaHostHarness.StartAsync(new FakeRealtimeOptions
        {
            Script = new RealtimeScript
            {
                OnResponseCreate = [new ScriptedResponse { Transcript = "שלום", AudioMilliseconds = 300 }],
                Turns =
                [
                    new ScriptedTurn("קוראים לי דנה", new ScriptedResponse
                    {
                        Transcript = "",
                        AudioMilliseconds = 0,
                        FunctionCalls = [new ScriptedFunctionCall("save_lead_field", """{"key":"name","value":"דנה"}""", "call_1")],
                    }),
                ],
                DefaultResponse = new ScriptedResponse { Transcript = "רשמתי", AudioMilliseconds = 300 },
            },
        });
        var call = host.NewCall();
        var caller = await host.ConnectAsync(call, speed: 2);
        var session = await host.SessionOfAsync(call);
        await caller.WaitForHeardAsync(TimeSpan.FromMilliseconds(300));
        await caller.PlayAsync(new MediaScript().Speech(600).Silence(700));
        await session.WaitForResponseDoneAsync(2);
        await caller.WaitForHeardAsync(TimeSpan.FromMilliseconds(600));

        var output = session.ClientItems.Should().ContainSingle(i => i.Type == "function_call_output").Subject;
        output.CallId.Should().Be("call_1");
        output.Output.Should().Contain("\"ok\":false");
        session.Responses[2].Trigger.Should().Be(RealtimeResponseTrigger.ResponseCreate, "the relay asks the model to go on after the result");
        session.Errors.Should().BeEmpty();
        session.Problems.Should().BeEmpty();
        await caller.StopAsync();
    }

    [Fact]
    public async Task A_call_ended_by_the_api_has_its_stream_closed()
    {
        await using var host = await MediaHostHarness.StartAsync();
        var call = host.NewCall(botSpeaksFirst: false);
        var caller = await host.ConnectAsync(call);
        await host.SessionOfAsync(call);
        host.LiveCalls.IsRegistered(call.CallId).Should().BeTrue();

        host.LiveCalls.EndElsewhere(call.CallId);

        (await caller.WaitForClosedAsync()).End.Should().Be(TwilioStreamEnd.ClosedByServer);
        (await host.Outbox.WaitForEndAsync(call.CallId)).Reason.Should().Be(MediaEndReasons.StreamLost);
        host.LiveCalls.IsRegistered(call.CallId).Should().BeFalse();
    }

    [Fact]
    public async Task A_stream_lost_without_stop_ends_the_call_as_stream_lost()
    {
        await using var host = await MediaHostHarness.StartAsync();
        var call = host.NewCall(botSpeaksFirst: false);
        var caller = await host.ConnectAsync(call);
        var session = await host.SessionOfAsync(call);

        caller.Drop();

        (await host.Outbox.WaitForEndAsync(call.CallId)).Reason.Should().Be(MediaEndReasons.StreamLost);
        // Closed with the call: by a close handshake, or — when the handshake runs out of time on a loaded machine — by an abort.
        (await session.WaitForClosedAsync()).End.Should().BeOneOf([RealtimeSessionEnd.ClosedByClient, RealtimeSessionEnd.Lost], "the AI session is closed with the call");
    }

    [Fact]
    public async Task A_stream_twilio_goes_quiet_on_is_taken_as_lost()
    {
        await using var host = await MediaHostHarness.StartAsync(settings: new Dictionary<string, string?> { ["MediaHost:StreamIdleSeconds"] = "1" });
        var call = host.NewCall(botSpeaksFirst: false);
        var caller = await host.ConnectAsync(call, sendSilenceWhenIdle: false);

        (await host.Outbox.WaitForEndAsync(call.CallId, TimeSpan.FromSeconds(10))).Reason.Should().Be(MediaEndReasons.StreamLost);
        (await caller.WaitForClosedAsync()).End.Should().Be(TwilioStreamEnd.ClosedByServer);
    }

    [Fact]
    public async Task Both_channels_are_recorded_into_a_two_channel_wav_handed_to_the_outbox()
    {
        await using var host = await MediaHostHarness.StartAsync(new FakeRealtimeOptions
        {
            Script = new RealtimeScript { OnResponseCreate = [new ScriptedResponse { AudioMilliseconds = 1000 }] },
        });
        var call = host.NewCall(record: true);
        var caller = await host.ConnectAsync(call, speed: 2);
        var session = await host.SessionOfAsync(call);
        await caller.WaitForHeardAsync(TimeSpan.FromMilliseconds(1000));
        await caller.WaitForPlaybackIdleAsync();
        var speech = FakeAudio.Speech(400, seed: 7);
        await caller.PlayAsync(new MediaScript().Audio(speech).Silence(200));
        await caller.StopAsync();
        await host.Outbox.WaitForEndAsync(call.CallId);

        var path = await host.Outbox.WaitForRecordingAsync(call.CallId);
        path.Should().StartWith(host.RecordingsPath);
        var wav = await File.ReadAllBytesAsync(path);
        BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(22)).Should().Be(2, "two channels");
        BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(24)).Should().Be(8000);
        var samples = (wav.Length - 44) / 4;
        var left = new short[samples];
        var right = new short[samples];
        for (var i = 0; i < samples; i++)
        {
            left[i] = BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(44 + i * 4));
            right[i] = BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(46 + i * 4));
        }

        var greeting = session.AudioSent().Select(MuLaw.Decode).ToArray();
        var caller16 = speech.Select(MuLaw.Decode).ToArray();
        right.AsSpan().IndexOf(greeting).Should().BeGreaterThanOrEqualTo(0, "the assistant's channel holds what was played");
        left.AsSpan().IndexOf(caller16).Should().BeGreaterThan(right.AsSpan().IndexOf(greeting), "the caller spoke after the greeting");
        left.AsSpan().IndexOf(greeting).Should().Be(-1, "the channels are not mixed");
        samples.Should().BeGreaterThanOrEqualTo(8 * 1600);
    }

    [Fact]
    public async Task On_shutdown_live_calls_may_finish_then_end_with_shutdown()
    {
        var host = await MediaHostHarness.StartAsync();
        await using var _ = host;
        var call = host.NewCall(botSpeaksFirst: false);
        var caller = await host.ConnectAsync(call);
        await host.SessionOfAsync(call);

        var stopping = host.StopHostAsync();
        var closure = await caller.WaitForClosedAsync(TimeSpan.FromSeconds(10));
        await stopping;

        closure.End.Should().Be(TwilioStreamEnd.ClosedByServer);
        (await host.Outbox.WaitForEndAsync(call.CallId)).Reason.Should().Be(MediaEndReasons.Shutdown);
    }
}
