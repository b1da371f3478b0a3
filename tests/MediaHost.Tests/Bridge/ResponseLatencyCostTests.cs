using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Sandbox;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Behaviour;
using Xunit.Abstractions;

namespace ProSaaS.MediaHost.Tests.Bridge;

/// <summary>
/// What answering a turn only once its transcript is judged costs in response latency (speech stopped → the answer's first
/// frame to Twilio, the session's own measure), against the service answering each turn itself: the transcript's delay
/// after the turn's commit, and nothing more of note.
/// </summary>
public sealed class ResponseLatencyCostTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(0)]
    [InlineData(400)]
    public async Task Answering_on_the_transcript_costs_the_transcripts_delay(int transcriptionDelayMs)
    {
        var relay = await MedianResponseLatencyAsync(transcriptionDelayMs, conversation: false);
        var gated = await MedianResponseLatencyAsync(transcriptionDelayMs, conversation: true);

        output.WriteLine($"transcription delay {transcriptionDelayMs} ms: the service answering {relay:0.0} ms, the behaviour answering {gated:0.0} ms");
        gated.Should().BeGreaterThanOrEqualTo(transcriptionDelayMs, "the answer waits for the transcript");
        (gated - relay - transcriptionDelayMs).Should().BeLessThan(250, "beyond the transcript's delay, a round of response.create and no more");
    }

    private static async Task<double> MedianResponseLatencyAsync(int transcriptionDelayMs, bool conversation)
    {
        var answer = new ScriptedResponse { Transcript = "בשמחה.", AudioMilliseconds = 400 };
        await using var host = await MediaHostHarness.StartAsync(
            new FakeRealtimeOptions
            {
                TranscriptionDelay = TimeSpan.FromMilliseconds(transcriptionDelayMs),
                Script = new RealtimeScript
                {
                    OnResponseCreate = [new ScriptedResponse { Transcript = "שלום", AudioMilliseconds = 300 }],
                    Turns = [new("אני רוצה תור", answer), new("ביום שלישי", answer), new("בבוקר", answer)],
                    DefaultResponse = answer,
                },
            },
            services: conversation ? s => s.AddSingleton<ICallBehaviourFactory, ConversationBehaviourFactory>() : null);
        var call = host.NewCall();
        var caller = await host.ConnectAsync(call, speed: 1);
        var session = await host.SessionOfAsync(call);
        await caller.WaitForHeardAsync(TimeSpan.FromMilliseconds(300));
        await caller.WaitForPlaybackIdleAsync();
        for (var turn = 1; turn <= 3; turn++)
        {
            // Each turn once the answer before it has been heard in full, so that no turn cuts an answer off.
            await caller.PlayAsync(new MediaScript().Speech(700).Silence(600));
            await caller.WaitForHeardAsync(TimeSpan.FromMilliseconds(300 + (400 * turn)));
            await caller.WaitForPlaybackIdleAsync();
        }

        await caller.StopAsync();
        var ended = await host.Outbox.WaitForEndAsync(call.CallId);
        ended.Metrics.ResponseLatencyMs!.Count.Should().Be(3);
        return ended.Metrics.ResponseLatencyMs.P50;
    }
}
