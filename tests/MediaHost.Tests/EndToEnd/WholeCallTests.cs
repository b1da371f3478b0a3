using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Sandbox;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Calls;
using ProSaaS.MediaHost.Outbox;
using ProSaaS.MediaHost.Tests.Outbox;

namespace ProSaaS.MediaHost.Tests.EndToEnd;

/// <summary>
/// Whole calls through a real MediaHost wired as in production: the real outbox (disk journal, HTTP), config source and
/// heartbeats pointed at a fake of the Api's internal routes, a fake realtime service and a fake Twilio caller.
/// </summary>
[Collection(MediaHostWiringTests.Alone)]
public sealed class WholeCallTests : IAsyncLifetime
{
    private const string Tenant = "biz-a";
    private const string Greeting = "שלום, הגעתם למספרת רונית, מדברת נועה. איך אפשר לעזור?";
    private const string Question = "אני רוצה לקבוע תור לתספורת";
    private const string Answer = "בשמחה. לאיזה יום?";

    private readonly TempFolder _folder = new();
    private readonly byte[] _key = Convert.FromBase64String(StreamToken.NewKey());
    private FakeMediaHostApi _api = null!;
    private FakeRealtimeServer _ai = null!;
    private WebApplicationFactory<Program>? _host;
    private Uri _media = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeMediaHostApi.StartAsync();
        _ai = await FakeRealtimeServer.StartAsync(new FakeRealtimeOptions
        {
            Script = new RealtimeScript
            {
                // The call's behaviour greets, then asks for the answer once it has heard the caller's turn.
                OnResponseCreate =
                [
                    new ScriptedResponse { Transcript = Greeting, AudioMilliseconds = 1200 },
                    new ScriptedResponse { Transcript = Answer, AudioMilliseconds = 900 },
                ],
                Turns = [new ScriptedTurn(Question, new ScriptedResponse { Transcript = Answer, AudioMilliseconds = 900 })],
            },
        });
        _host = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("Api:BaseUrl", _api.BaseAddress.ToString())
            .UseSetting("Api:ServiceKey", _api.ServiceKey)
            .UseSetting("Outbox:Path", Path.Combine(_folder.Path, "outbox"))
            .UseSetting("MediaHost:RecordingsPath", Path.Combine(_folder.Path, "recordings"))
            .UseSetting("MediaHost:StreamTokenKey", Convert.ToBase64String(_key))
            .UseSetting("MediaHost:DrainSeconds", "1")
            .UseSetting("MediaHost:HeartbeatSeconds", "1")
            .UseSetting("OpenAI:RealtimeUrl", _ai.RealtimeUri.ToString())
            .UseSetting("OpenAI:ApiKey", _ai.ApiKey));
        _host.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        _host.StartServer();
        var address = _host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _media = new UriBuilder(address) { Scheme = "ws", Path = MediaStreamEndpoint.Path }.Uri;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _ai.DisposeAsync();
        await _api.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_scripted_call_reaches_the_Api_as_its_transcript_one_end_with_metrics_and_the_recording()
    {
        var callId = Guid.NewGuid();
        _api.AddCall(Tenant, callId);
        _host!.Services.GetRequiredService<ICallOutbox>().Should().BeOfType<CallOutbox>("the real outbox is in use");

        await using var caller = await ConnectAsync(callId, speed: 1);
        await caller.WaitForHeardAsync(TimeSpan.FromMilliseconds(1200));
        await caller.PlayAsync(new MediaScript().Speech(1000).Silence(700));
        await caller.WaitForHeardAsync(TimeSpan.FromMilliseconds(2100));
        await caller.WaitForPlaybackIdleAsync();
        await caller.StopAsync();

        await _api.WaitUntilAsync(api => api.CommandsOf(callId).Any(c => c.Command is CallEndedCommand), what: "the call's end");
        var recording = await _api.WaitForRecordingAsync(callId);

        var commands = _api.CommandsOf(callId).Select(c => c.Command).ToList();
        commands.OfType<TranscriptTurnCommand>().Select(t => (t.Speaker, t.Text)).Should().Equal(
            (TranscriptTurnCommand.Assistant, Greeting),
            (TranscriptTurnCommand.Caller, Question),
            (TranscriptTurnCommand.Assistant, Answer));
        var ended = commands.OfType<CallEndedCommand>().Should().ContainSingle().Subject;
        commands.Last().Should().Be(ended, "the end is the call's last fact");
        ended.Reason.Should().Be(MediaEndReasons.CallerHungUp);
        ended.Metrics.FramesIn.Should().BeGreaterThan(80);
        ended.Metrics.FramesOut.Should().BePositive();
        ended.Metrics.FramesDropped.Should().Be(0);
        ended.Metrics.ResponseLatencyMs!.Count.Should().Be(1);
        ended.Metrics.AddedLatencyMs!.TwilioToAi.Count.Should().BePositive();
        ended.Metrics.AddedLatencyMs.AiToTwilio.Count.Should().BePositive();
        ended.Metrics.DurationMs.Should().BePositive();
        commands.Select(c => c.CommandId).Should().OnlyHaveUniqueItems();

        recording.AsSpan(0, 4).ToArray().Should().Equal("RIFF"u8.ToArray());
        recording.Length.Should().BeGreaterThan(44 + 8000, "about a second of two-channel audio at least");
        _api.RecordingUploads(callId).Should().Be(1);
        _api.Requests.Count(r => r.CallId == callId && r.Action == "config").Should().Be(1);
        caller.ProtocolErrors.Should().BeEmpty();
    }

    [Fact]
    public async Task The_Api_down_for_sixty_seconds_while_a_call_goes_on_and_ends_then_every_command_arrives_once_in_order()
    {
        var callId = Guid.NewGuid();
        _api.AddCall(Tenant, callId);
        var outbox = (CallOutbox)_host!.Services.GetRequiredService<ICallOutbox>();

        await using var caller = await ConnectAsync(callId, speed: 1);
        await caller.WaitForHeardAsync(TimeSpan.FromMilliseconds(1200));
        await _api.WaitUntilAsync(api => api.CommandsOf(callId).Count >= 1, what: "the greeting's turn");

        // The Api goes away in the middle of the call; the caller keeps talking and then hangs up.
        await _api.GoDownAsync();
        var outage = Stopwatch.StartNew();
        await caller.PlayAsync(new MediaScript().Speech(1000).Silence(700));
        await caller.WaitForHeardAsync(TimeSpan.FromMilliseconds(2100));
        await caller.WaitForPlaybackIdleAsync();
        await caller.StopAsync();
        await WaitUntilAsync(() => outbox.PendingCount >= 3, "the turns and the end waiting in the outbox");

        await Task.Delay(TimeSpan.FromSeconds(60) - outage.Elapsed);
        _api.CommandsOf(callId).Should().HaveCount(1, "nothing reached the Api while it was down");
        outbox.PendingCount.Should().BeGreaterThan(0);
        await _api.ComeUpAsync();

        await _api.WaitUntilAsync(api => api.CommandsOf(callId).Any(c => c.Command is CallEndedCommand), TimeSpan.FromSeconds(30), "the call's end");
        await _api.WaitForRecordingAsync(callId, TimeSpan.FromSeconds(30));
        await outbox.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(15));

        var received = _api.CommandsOf(callId);
        var commands = received.Select(c => c.Command).ToList();
        commands.OfType<TranscriptTurnCommand>().Select(t => (t.Speaker, t.Text)).Should().Equal(
            (TranscriptTurnCommand.Assistant, Greeting),
            (TranscriptTurnCommand.Caller, Question),
            (TranscriptTurnCommand.Assistant, Answer));
        commands.OfType<TranscriptTurnCommand>().Select(t => t.OffsetMs).Should().BeInAscendingOrder("in the order the call produced them");
        commands.Should().ContainSingle(c => c is CallEndedCommand).And.Subject.Last().Should().BeOfType<CallEndedCommand>();
        received.Select(c => c.Version).Should().BeInAscendingOrder();
        _api.Commands.Select(c => c.Command.CommandId).Should().OnlyHaveUniqueItems("a retry is never recorded as a new command");
        commands.Select(c => c.CommandId).Should().OnlyHaveUniqueItems();
        foreach (var command in commands)
        {
            _api.Deliveries(command.CommandId).Should().BeGreaterThanOrEqualTo(1);
        }

        _api.RecordingUploads(callId).Should().Be(1);
        Directory.EnumerateFiles(Path.Combine(_folder.Path, "outbox", "dead-letter")).Should().BeEmpty("nothing was given up on");
        caller.ProtocolErrors.Should().BeEmpty();
    }

    private async Task<FakeTwilioMediaClient> ConnectAsync(Guid callId, double speed) =>
        await FakeTwilioMediaClient.ConnectAsync(_media, new FakeTwilioCallOptions
        {
            CustomParameters = new Dictionary<string, string>
            {
                ["callId"] = callId.ToString(),
                ["token"] = StreamToken.Issue(_key, callId, Tenant, DateTimeOffset.UtcNow.AddMinutes(1)),
            },
            Speed = speed,
        });

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(20);
        }
    }
}
