using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using ProSaaS.Sandbox;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Behaviour;
using ProSaaS.MediaHost.Tests.Bridge;
using ProSaaS.MediaHost.Tools;

namespace ProSaaS.MediaHost.Tests.Tools;

/// <summary>The order of a tool call's answer: after the response that called it, and the end of the call after the goodbye.</summary>
public sealed class ToolRelayTests
{
    private static readonly CallConfig Config = FakeMediaHostApi.SampleConfig("biz-a", Guid.NewGuid());

    private static ToolCalled Tool(string name, string arguments = "{}", string id = "call_1") => new(1000, id, name, arguments);

    [Fact]
    public async Task An_answer_is_given_to_the_model_only_once_the_response_that_called_it_has_finished()
    {
        var tools = new InMemoryCallTools { Answer = r => new CallToolAnswer(r.ToolCallId, true, JsonSerializer.SerializeToElement(new { x = 1 }), "בוצע.", CallToolEffects.None) };
        var relay = new ToolRelay(tools, NullLogger<ToolRelay>.Instance);
        var call = new RecordingHandle();

        relay.OnToolCalled(Tool("check_availability"), call);
        await WaitUntilAsync(() => tools.Calls.Count == 1);
        await Task.Delay(100);
        call.Orders.Should().BeEmpty("the response that called the tool is still under way");

        relay.OnResponseFinished();
        await WaitUntilAsync(() => call.Orders.Count == 2);

        call.Orders.Should().Equal("""output call_1 {"ok":true,"x":1,"spoken":"בוצע."}""", "respond");
    }

    [Fact]
    public async Task Ending_when_the_assistant_said_nothing_says_the_answers_goodbye_first()
    {
        var relay = new ToolRelay(new InMemoryCallTools
        {
            Answer = r => new CallToolAnswer(r.ToolCallId, true, JsonSerializer.SerializeToElement(new { endCall = "user_goodbye" }), "תודה ולהתראות.",
                new CallToolEffects(EndCall: "user_goodbye")),
        }, NullLogger<ToolRelay>.Instance);
        var call = new RecordingHandle();

        relay.OnToolCalled(Tool("end_call", """{"reason":"user_goodbye"}"""), call);
        relay.OnResponseFinished();
        await WaitUntilAsync(() => call.Orders.Any(o => o.StartsWith("end", StringComparison.Ordinal)));

        call.Orders.Skip(1).Should().Equal("say תודה ולהתראות.", "end user_goodbye after playback");
        relay.Effects.EndCall.Should().Be("user_goodbye");
    }

    [Fact]
    public async Task Ending_while_the_goodbye_plays_waits_for_it_and_asks_for_no_new_response()
    {
        var relay = new ToolRelay(new InMemoryCallTools
        {
            Answer = r => new CallToolAnswer(r.ToolCallId, true, JsonSerializer.SerializeToElement(new { }), "תודה ולהתראות.", new CallToolEffects(EndCall: "assistant_ended")),
        }, NullLogger<ToolRelay>.Instance);
        var call = new RecordingHandle { Speaking = true };

        relay.OnToolCalled(Tool("end_call"), call);
        relay.OnResponseFinished();
        await WaitUntilAsync(() => call.Orders.Any(o => o.StartsWith("end", StringComparison.Ordinal)));

        call.Orders.Should().HaveCount(2);
        call.Orders[1].Should().Be("end assistant_ended after playback");
    }

    [Fact]
    public async Task A_refused_end_does_not_end_the_call_and_arguments_that_are_not_json_go_as_text()
    {
        var tools = new InMemoryCallTools();
        var relay = new ToolRelay(tools, NullLogger<ToolRelay>.Instance);
        var call = new RecordingHandle();

        relay.OnToolCalled(Tool("end_call", "reason=bye"), call);
        relay.OnResponseFinished();
        await WaitUntilAsync(() => call.Orders.Count == 2);

        tools.Calls.Single().Request.Arguments.GetString().Should().Be("reason=bye");
        call.Orders[1].Should().Be("respond");
        relay.Effects.EndCall.Should().BeNull();
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The relay did not do what was expected.");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>A call's handle that writes down the orders it is given.</summary>
    private sealed class RecordingHandle : ICallHandle
    {
        private readonly ConcurrentQueue<string> _orders = new();

        public bool Speaking { get; set; }

        public IReadOnlyList<string> Orders => [.. _orders];

        public Guid CallId => Config.CallId;

        public string TenantId => Config.TenantId;

        public CallConfig Config => ToolRelayTests.Config;

        public string Instructions => Config.Instructions;

        public TimeSpan Elapsed => TimeSpan.FromSeconds(10);

        public bool IsAssistantSpeaking => Speaking;

        public bool IsEnding { get; private set; }

        public ValueTask RespondAsync(string? instructions = null, CancellationToken cancellationToken = default)
        {
            _orders.Enqueue("respond");
            return ValueTask.CompletedTask;
        }

        public ValueTask SayAsync(string text, CancellationToken cancellationToken = default)
        {
            _orders.Enqueue("say " + text);
            Speaking = true;
            return ValueTask.CompletedTask;
        }

        public ValueTask SendToolResultAsync(string toolCallId, string outputJson, bool respond = true, CancellationToken cancellationToken = default)
        {
            _orders.Enqueue($"output {toolCallId} {outputJson}");
            if (respond)
            {
                _orders.Enqueue("respond");
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask UpdateInstructionsAsync(string instructions, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask ReportAsync(CallCommand command, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public void EndCall(string reason, bool afterPlayback = true)
        {
            _orders.Enqueue($"end {reason}{(afterPlayback ? " after playback" : "")}");
            IsEnding = true;
        }

        public void DiscardCallerTranscript(string itemId) => _orders.Enqueue($"discard {itemId}");
    }
}
