using System.Diagnostics;
using ProSaaS.Sandbox;
using ProSaaS.Hosting.Calls;

namespace ProSaaS.MediaHost.Tests.Outbox;

/// <summary>The issue's own case, in real time: the Api is away for a minute while calls keep producing facts.</summary>
public sealed class ApiOutageTests : FakeApiTests
{
    [Fact]
    public async Task The_Api_down_for_sixty_seconds_in_the_middle_of_calls_then_every_command_arrives_exactly_once_and_in_order()
    {
        var calls = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var call in calls)
        {
            Api.AddCall(Tenant, call);
        }

        // The default retry cap (5 s): what production does after an outage.
        await using var host = OutboxTestHost.Create(Api, Folder.Path, new Dictionary<string, string?> { ["Outbox:MaxRetryDelaySeconds"] = "5" });
        var sent = calls.ToDictionary(c => c, _ => new List<CallCommand>());

        async Task SpeakAsync(Guid call, int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                var command = Commands.Turn(i, i % 2 == 0 ? TranscriptTurnCommand.Caller : TranscriptTurnCommand.Assistant);
                lock (sent)
                {
                    sent[call].Add(command);
                }

                await host.Port.EnqueueAsync(Tenant, call, command);
                await Task.Delay(50);
            }
        }

        await Task.WhenAll(calls.Select(call => SpeakAsync(call, 0, 10)));
        await Api.WaitForCommandsAsync(20);

        // Down while the calls are still talking: some commands may be on the wire at this moment.
        var speaking = Task.WhenAll(calls.Select(call => SpeakAsync(call, 10, 40)));
        await Task.Delay(200);
        var outage = Stopwatch.StartNew();
        await Api.GoDownAsync();
        await speaking;
        foreach (var call in calls)
        {
            var ended = Commands.Ended();
            sent[call].Add(ended);
            await host.Port.EnqueueAsync(Tenant, call, ended);
        }

        await Task.Delay(TimeSpan.FromSeconds(60) - outage.Elapsed);
        host.Outbox.PendingCount.Should().BeGreaterThan(0, "the Api is still down");
        await Api.ComeUpAsync();
        var back = Stopwatch.StartNew();

        await Api.WaitForCommandsAsync(calls.Length * 41, TimeSpan.FromSeconds(30));
        await host.Outbox.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        back.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(15), "a call's lane retries at least every Outbox:MaxRetryDelaySeconds");
        foreach (var call in calls)
        {
            Api.CommandsOf(call).Select(c => c.Command).Should().Equal(sent[call], "every command once, in the order the call produced them");
        }

        Api.Commands.Select(c => c.Command.CommandId).Should().OnlyHaveUniqueItems();
        Directory.EnumerateFiles(Folder.DeadLetters).Should().BeEmpty();
    }
}
