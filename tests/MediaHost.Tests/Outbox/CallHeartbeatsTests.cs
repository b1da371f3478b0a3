using System.Net;
using Microsoft.Extensions.Logging;
using ProSaaS.Sandbox;

namespace ProSaaS.MediaHost.Tests.Outbox;

public sealed class CallHeartbeatsTests : FakeApiTests
{
    [Fact]
    public async Task A_registered_call_beats_until_its_registration_is_disposed()
    {
        var call = Guid.NewGuid();
        Api.AddCall(Tenant, call);
        await using var host = OutboxTestHost.Create(Api, Folder.Path);
        await host.Heartbeats.StartAsync(CancellationToken.None);
        var ended = 0;

        var registration = host.Heartbeats.Register(Tenant, call, () => Interlocked.Increment(ref ended));
        await Api.WaitForHeartbeatsAsync(call, 3, TimeSpan.FromSeconds(5));
        registration.Dispose();
        await Task.Delay(300);
        var beats = Api.Heartbeats(call);
        await Task.Delay(700);

        Api.Heartbeats(call).Should().Be(beats, "a disposed registration beats no more");
        ended.Should().Be(0);
        Api.Requests.Should().OnlyContain(r => r.Status == 204 && r.Path.EndsWith("/heartbeat", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_call_ended_elsewhere_is_told_once_and_beats_no_more_while_the_others_go_on()
    {
        var endedCall = Guid.NewGuid();
        var otherCall = Guid.NewGuid();
        Api.AddCall(Tenant, endedCall);
        Api.AddCall(Tenant, otherCall);
        await using var host = OutboxTestHost.Create(Api, Folder.Path);
        await host.Heartbeats.StartAsync(CancellationToken.None);
        var told = 0;
        var otherTold = 0;
        using var registration = host.Heartbeats.Register(Tenant, endedCall, () => Interlocked.Increment(ref told));
        using var other = host.Heartbeats.Register(Tenant, otherCall, () => Interlocked.Increment(ref otherTold));
        await Api.WaitForHeartbeatsAsync(endedCall, 1, TimeSpan.FromSeconds(5));

        Api.EndCall(endedCall);
        await WaitForAsync(() => Volatile.Read(ref told) == 1);
        var beats = Api.Heartbeats(endedCall);
        var otherBeats = Api.Heartbeats(otherCall);
        await Task.Delay(1000);

        told.Should().Be(1);
        Api.Heartbeats(endedCall).Should().Be(beats, "the ended call stops beating");
        Api.Heartbeats(otherCall).Should().BeGreaterThan(otherBeats);
        otherTold.Should().Be(0);
        host.Heartbeats.Count.Should().Be(1);
        host.Log.At(LogLevel.Information).Should().Contain(m => m.Contains("no longer live", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Failed_heartbeats_are_logged_and_the_beats_go_on()
    {
        var call = Guid.NewGuid();
        Api.AddCall(Tenant, call);
        await using var host = OutboxTestHost.Create(Api, Folder.Path);
        await host.Heartbeats.StartAsync(CancellationToken.None);
        var told = 0;
        using var registration = host.Heartbeats.Register(Tenant, call, () => Interlocked.Increment(ref told));

        Api.FailNext(2, HttpStatusCode.InternalServerError);
        await Api.WaitForHeartbeatsAsync(call, 1, TimeSpan.FromSeconds(5));
        await Api.GoDownAsync();
        await Task.Delay(600);
        await Api.ComeUpAsync();
        var before = Api.Heartbeats(call);
        await Api.WaitForHeartbeatsAsync(call, before + 2, TimeSpan.FromSeconds(5));

        told.Should().Be(0, "only the Api's 'not live' ends a call");
        host.Log.At(LogLevel.Warning).Should().Contain(m => m.Contains($"Heartbeat of call {call} failed", StringComparison.Ordinal));
        host.Log.At(LogLevel.Information).Should().Contain(m => m.Contains("answered again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_callback_that_throws_is_logged_and_the_service_goes_on()
    {
        var call = Guid.NewGuid();
        var other = Guid.NewGuid();
        Api.AddCall(Tenant, call);
        Api.AddCall(Tenant, other);
        Api.EndCall(call);
        await using var host = OutboxTestHost.Create(Api, Folder.Path);
        await host.Heartbeats.StartAsync(CancellationToken.None);

        using var failing = host.Heartbeats.Register(Tenant, call, () => throw new InvalidOperationException("boom"));
        using var fine = host.Heartbeats.Register(Tenant, other, () => { });
        await Api.WaitUntilAsync(api => api.Requests.Any(r => r.CallId == call && r.Status == 409), TimeSpan.FromSeconds(5));
        var beats = Api.Heartbeats(other);

        await Api.WaitForHeartbeatsAsync(other, beats + 2, TimeSpan.FromSeconds(5));
        host.Log.At(LogLevel.Error).Should().Contain(m => m.Contains(call.ToString(), StringComparison.Ordinal));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the condition should hold by now");
            await Task.Delay(20);
        }
    }
}
