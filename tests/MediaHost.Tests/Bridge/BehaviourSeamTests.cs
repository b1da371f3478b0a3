using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Sandbox;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Behaviour;

namespace ProSaaS.MediaHost.Tests.Bridge;

/// <summary>
/// What the seam gives a behaviour that judges the caller's turns itself: the audio under each turn, responses only when
/// it asks, and transcripts it sets aside kept away from the Api.
/// </summary>
public sealed class BehaviourSeamTests
{
    [Fact]
    public async Task A_behaviour_that_decides_responses_gets_none_from_the_service_and_measures_of_each_turn()
    {
        var behaviour = new RecordingBehaviour(async (e, call) =>
        {
            if (e is CallerTranscript { Text: "שלום" })
            {
                await call.RespondAsync();
            }
        }, decidesResponses: true);
        await using var host = await MediaHostHarness.StartAsync(
            new FakeRealtimeOptions
            {
                Script = new RealtimeScript
                {
                    Turns = [new ScriptedTurn("שלום"), new ScriptedTurn("תודה שצפיתם")],
                    DefaultResponse = new ScriptedResponse { Transcript = "היי", AudioMilliseconds = 300 },
                },
            },
            services: s => s.AddSingleton<ICallBehaviourFactory>(new SingleBehaviourFactory(behaviour)));
        var call = host.NewCall(botSpeaksFirst: false);
        var caller = await host.ConnectAsync(call, speed: 2);
        var session = await host.SessionOfAsync(call);

        await caller.PlayAsync(new MediaScript().Silence(200).Speech(800).Silence(700));
        await caller.WaitForHeardAsync(TimeSpan.FromMilliseconds(300));
        await caller.PlayAsync(new MediaScript().Speech(600).Silence(700));
        await behaviour.WaitForAsync<CallerTranscript>(t => t.Text == "תודה שצפיתם");
        await caller.PlayAsync(new MediaScript().Silence(400));

        session.Settings.TurnDetection!.CreateResponse.Should().BeFalse("the behaviour asks for every response");
        session.Responses.Should().ContainSingle("the service answered nothing on its own; the behaviour answered the first turn only")
            .Which.Trigger.Should().Be(RealtimeResponseTrigger.ResponseCreate);
        var stopped = behaviour.Events.OfType<CallerSpeechStopped>().ToList();
        var transcripts = behaviour.Events.OfType<CallerTranscript>().ToList();
        stopped.Select(s => s.ItemId).Should().Equal(transcripts.Select(t => t.ItemId)).And.OnlyHaveUniqueItems();
        behaviour.Events.OfType<CallerSpeechStarted>().Select(s => s.ItemId).Should().Equal(transcripts.Select(t => t.ItemId));
        foreach (var transcript in transcripts)
        {
            var audio = transcript.Audio!;
            audio.GateOpened.Should().BeTrue("the caller spoke out loud");
            audio.MeanLevel.Should().BeInRange(1000, FakeAudio.DefaultSpeechRms + 200, "speech, with the service's prefix padding of quiet");
            audio.Duration.Should().BeGreaterThan(TimeSpan.FromMilliseconds(500));
        }

        stopped.Select(s => s.Audio).Should().Equal(transcripts.Select(t => t.Audio), "the transcript carries its turn's measure");
        await caller.StopAsync();
        await host.Outbox.WaitForEndAsync(call.CallId);
        host.Outbox.TurnsOf(call.CallId).Where(t => t.Speaker == TranscriptTurnCommand.Caller).Select(t => t.Text)
            .Should().Equal("שלום", "תודה שצפיתם");
    }

    [Fact]
    public async Task A_transcript_the_behaviour_sets_aside_is_not_reported_and_not_told_to_a_reopened_session()
    {
        var behaviour = new RecordingBehaviour((e, call) =>
        {
            if (e is CallerTranscript { Text: "Thank you for watching." } hallucination)
            {
                call.DiscardCallerTranscript(hallucination.ItemId);
            }

            return ValueTask.CompletedTask;
        }, decidesResponses: true);
        await using var host = await MediaHostHarness.StartAsync(
            new FakeRealtimeOptions
            {
                SpeechRmsThreshold = 50,
                Script = new RealtimeScript { Turns = [new ScriptedTurn("Thank you for watching."), new ScriptedTurn("אני רוצה תור")] },
            },
            services: s => s.AddSingleton<ICallBehaviourFactory>(new SingleBehaviourFactory(behaviour)));
        var call = host.NewCall(botSpeaksFirst: false);
        var caller = await host.ConnectAsync(call, speed: 2);
        var first = await host.SessionOfAsync(call);

        // Line noise the service's speech detection takes for a turn; the media host's gate does not.
        await caller.PlayAsync(new MediaScript().Silence(200).Noise(800, rms: 80).Silence(700));
        var noise = await behaviour.WaitForAsync<CallerTranscript>(t => t.Text == "Thank you for watching.");
        await caller.PlayAsync(new MediaScript().Speech(700).Silence(700));
        await behaviour.WaitForAsync<CallerTranscript>(t => t.Text == "אני רוצה תור");

        noise.Audio!.GateOpened.Should().BeFalse("noise below the gate's level never opens it");
        noise.Audio.MeanLevel.Should().BeLessThan(100);
        first.Drop();
        await behaviour.WaitForAsync<AiSessionReopened>();
        var second = await host.SessionOfAsync(call, nth: 1);
        second.Settings.Instructions.Should().Contain("אני רוצה תור").And.NotContain("Thank you for watching");

        await caller.StopAsync();
        await host.Outbox.WaitForEndAsync(call.CallId);
        host.Outbox.TurnsOf(call.CallId).Select(t => t.Text).Should().Equal("אני רוצה תור");
    }

    [Fact]
    public async Task A_turn_with_no_words_reaches_the_behaviour_as_an_empty_transcript_and_is_not_reported()
    {
        var behaviour = new RecordingBehaviour(decidesResponses: true);
        await using var host = await MediaHostHarness.StartAsync(
            new FakeRealtimeOptions { Script = new RealtimeScript { Turns = [new ScriptedTurn("")] } },
            services: s => s.AddSingleton<ICallBehaviourFactory>(new SingleBehaviourFactory(behaviour)));
        var call = host.NewCall(botSpeaksFirst: false);
        var caller = await host.ConnectAsync(call, speed: 2);

        await caller.PlayAsync(new MediaScript().Silence(200).Speech(500).Silence(700));
        var empty = await behaviour.WaitForAsync<CallerTranscript>();

        empty.Text.Should().BeEmpty();
        empty.Audio.Should().NotBeNull();
        await caller.StopAsync();
        await host.Outbox.WaitForEndAsync(call.CallId);
        host.Outbox.TurnsOf(call.CallId).Should().BeEmpty();
    }
}
