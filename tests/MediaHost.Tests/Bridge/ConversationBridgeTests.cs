using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Domain.Calls.Conversation;
using ProSaaS.Sandbox;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Behaviour;

namespace ProSaaS.MediaHost.Tests.Bridge;

/// <summary>
/// The conversation behaviour in a real MediaHost between the fake caller and the fake model: whole calls, their orders
/// carried out by the real session.
/// </summary>
public sealed partial class ConversationBridgeTests
{
    private const string Greeting = "שלום, כאן נועה מהמספרה. במה אפשר לעזור?";

    private static readonly CallPhrases Lines = CallPhrases.Hebrew;

    /// <summary>The handle each call's behaviour was given, to see the call as the bridge sees it.</summary>
    private static readonly ObservedHandles Handles = new();

    [Fact]
    public async Task A_caller_who_goes_silent_hears_the_warnings_then_a_polite_goodbye_and_the_line_closes_with_reason_silence()
    {
        await using var host = await StartAsync();
        var call = NewCall(host, new CallSilence(2, 6, 2));
        var caller = await host.ConnectAsync(call, speed: 2);
        var session = await host.SessionOfAsync(call);

        var ended = await host.Outbox.WaitForEndAsync(call.CallId, TimeSpan.FromSeconds(30));
        var closure = await caller.WaitForClosedAsync();

        ended.Reason.Should().Be(MediaEndReasons.Silence);
        closure.End.Should().Be(TwilioStreamEnd.ClosedByServer);
        var said = session.Responses.Select(r => SaidIn(r.Instructions)).ToList();
        said.Should().Equal(Greeting, Lines.SilenceWarning(1), Lines.SilenceWarning(2), Lines.SilenceFarewell);
        session.Responses.Should().OnlyContain(r => r.Status == "completed", "nothing was cut off");
        FakeAudio.HeardPrefixLength(caller.HeardAudio(), session.AudioSentFor(3)).Should().Be(session.AudioSentFor(3).Length,
            "the caller heard the whole goodbye before the line closed");
        host.Outbox.TurnsOf(call.CallId).Select(t => (t.Speaker, t.Text)).Should().Equal(
            (TranscriptTurnCommand.Assistant, Greeting),
            (TranscriptTurnCommand.Assistant, Lines.SilenceWarning(1)),
            (TranscriptTurnCommand.Assistant, Lines.SilenceWarning(2)),
            (TranscriptTurnCommand.Assistant, Lines.SilenceFarewell));
        session.Errors.Should().BeEmpty();
        caller.ProtocolErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task A_hallucinated_thank_you_for_watching_on_a_silent_line_is_ignored_no_answer_no_turn()
    {
        await using var host = await StartAsync(speechRmsThreshold: 50, turns: [new ScriptedTurn("Thank you for watching.")]);
        var call = NewCall(host, new CallSilence(6, 30, 2));
        var caller = await host.ConnectAsync(call, speed: 2);
        var session = await host.SessionOfAsync(call);
        await GreetingPlayedAsync(call, caller, session);

        // Line noise the service's speech detection takes for a turn, and the transcriber's invention from it.
        await caller.PlayAsync(new MediaScript().Silence(600).Noise(900, rms: 80).Silence(1200));
        var turn = await session.WaitForTurnAsync(0);
        turn.Transcript.Should().Be("Thank you for watching.");

        // The next thing the assistant says is the first silence warning: the noise was no answer from the caller.
        await session.WaitForResponseDoneAsync(1, TimeSpan.FromSeconds(15));
        SaidIn(session.Responses[1].Instructions).Should().Be(Lines.SilenceWarning(1));
        session.Responses.Should().NotContain(r => r.Trigger == RealtimeResponseTrigger.Turn || r.Instructions == null,
            "nothing answered the hallucination");
        await caller.WaitForPlaybackIdleAsync();
        await caller.StopAsync();

        (await host.Outbox.WaitForEndAsync(call.CallId)).Reason.Should().Be(MediaEndReasons.CallerHungUp);
        host.Outbox.TurnsOf(call.CallId).Should().NotContain(t => t.Speaker == TranscriptTurnCommand.Caller, "the hallucination is no turn");
        session.Errors.Should().BeEmpty();
    }

    [Fact]
    public async Task A_caller_is_answered_once_heard_and_a_goodbye_answered_by_the_assistant_closes_the_line_after_its_words()
    {
        await using var host = await StartAsync(turns: [new ScriptedTurn("מה שעות הפתיחה?"), new ScriptedTurn("תודה רבה, ביי")]);
        var call = NewCall(host, new CallSilence(8, 20, 2));
        var caller = await host.ConnectAsync(call, speed: 2);
        var session = await host.SessionOfAsync(call);
        await GreetingPlayedAsync(call, caller, session);

        await caller.PlayAsync(new MediaScript().Speech(900).Silence(800));
        await session.WaitForResponseDoneAsync(1);
        await caller.WaitForPlaybackIdleAsync();
        await caller.PlayAsync(new MediaScript().Speech(700).Silence(600));

        var ended = await host.Outbox.WaitForEndAsync(call.CallId, TimeSpan.FromSeconds(20));
        ended.Reason.Should().Be(MediaEndReasons.UserGoodbye);
        session.Settings.TurnDetection!.CreateResponse.Should().BeFalse();
        session.Responses.Select(r => r.Trigger).Should().OnlyContain(t => t == RealtimeResponseTrigger.ResponseCreate);
        session.Responses.Should().HaveCount(3, "the greeting, the answer, the goodbye: no farewell of the behaviour's own");
        FakeAudio.HeardPrefixLength(caller.HeardAudio(), session.AudioSentFor(2)).Should().Be(session.AudioSentFor(2).Length,
            "the assistant's goodbye played to its end");
        host.Outbox.TurnsOf(call.CallId).Select(t => t.Text).Should().Equal(Greeting, "מה שעות הפתיחה?", Answer, "תודה רבה, ביי", Goodbye);
        ended.Metrics.ResponseLatencyMs!.Count.Should().Be(2);
    }

    private const string Answer = "אנחנו פתוחים מראשון עד חמישי, תשע עד שש.";

    private const string Goodbye = "תודה לכם, יום טוב ולהתראות!";

    private static Task<MediaHostHarness> StartAsync(double speechRmsThreshold = 1000, IReadOnlyList<ScriptedTurn>? turns = null,
        Func<RealtimeResponseContext, ScriptedResponse?>? respond = null) =>
        MediaHostHarness.StartAsync(
            new FakeRealtimeOptions
            {
                SpeechRmsThreshold = speechRmsThreshold,
                Script = new RealtimeScript
                {
                    Turns = turns ?? [],
                    // The model says word for word what it is told to, and otherwise answers the caller's last words.
                    Respond = respond ?? (context => new ScriptedResponse
                    {
                        Transcript = SaidIn(context.Instructions)
                                     ?? (context.Session.Turns.LastOrDefault()?.Transcript?.Contains("ביי", StringComparison.Ordinal) == true ? Goodbye : Answer),
                        AudioMilliseconds = 800,
                    }),
                },
            },
            services: s =>
            {
                s.AddSingleton<ConversationBehaviourFactory>();
                s.AddSingleton<ICallBehaviourFactory>(p => Handles.Observing(p.GetRequiredService<ConversationBehaviourFactory>()));
                // A loaded machine may deliver a transcript seconds late: these calls wait for it rather than answer without it.
                s.AddSingleton(new ConversationOptions { TranscriptWait = TimeSpan.FromSeconds(10) });
            });

    /// <summary>
    /// Waits until the greeting has played to its end as both sides see it: every byte the model sent heard by the caller,
    /// and the bridge, which learns it from the marks echoed, holding the assistant silent. Caller audio before that would
    /// cut the greeting off.
    /// </summary>
    private static async Task GreetingPlayedAsync(CallConfig call, FakeTwilioMediaClient caller, FakeRealtimeSession session)
    {
        await session.WaitForResponseDoneAsync(0);
        var greeting = session.AudioSentFor(0).Length;
        await caller.WaitUntilAsync(c => c.HeardAudio().Length >= greeting, "the greeting heard to its end");
        await caller.WaitForPlaybackIdleAsync();
        await Handles.WaitUntilQuietAsync(call.CallId);
    }

    private static CallConfig NewCall(MediaHostHarness host, CallSilence silence)
    {
        var call = host.NewCall(greeting: Greeting) with { Silence = silence };
        host.Configs.Add(call);
        return call;
    }

    /// <summary>What a say order asked the model to say word for word (the text in quotes of its instructions).</summary>
    private static string? SaidIn(string? instructions)
    {
        if (instructions is null)
        {
            return null;
        }

        var first = instructions.IndexOf('"', StringComparison.Ordinal);
        var last = instructions.LastIndexOf('"');
        return first >= 0 && last > first ? instructions[(first + 1)..last] : null;
    }

    private sealed class ObservedHandles
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, ICallHandle> _handles = new();

        public ICallBehaviourFactory Observing(ICallBehaviourFactory inner) => new Factory(inner, this);

        /// <summary>Waits until the bridge holds the assistant silent: its response done and every mark of its audio echoed.</summary>
        public async Task WaitUntilQuietAsync(Guid callId, TimeSpan? timeout = null)
        {
            var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
            while (!_handles.TryGetValue(callId, out var handle) || handle.IsAssistantSpeaking)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"the bridge still held the assistant speaking on call {callId}");
                }

                await Task.Delay(10);
            }
        }

        private sealed class Factory(ICallBehaviourFactory inner, ObservedHandles handles) : ICallBehaviourFactory
        {
            public ICallBehaviour Create(CallConfig config) => new Observed(inner.Create(config), handles);
        }

        private sealed class Observed(ICallBehaviour inner, ObservedHandles handles) : ICallBehaviour
        {
            public bool DecidesResponses => inner.DecidesResponses;

            public ValueTask OnEventAsync(CallEvent callEvent, ICallHandle call, CancellationToken cancellationToken)
            {
                handles._handles.TryAdd(call.CallId, call);
                return inner.OnEventAsync(callEvent, call, cancellationToken);
            }
        }
    }
}
