using System.Diagnostics;
using System.Net;
using ProSaaS.Sandbox;
using ProSaaS.MediaHost.Calls;

namespace ProSaaS.MediaHost.Tests.Outbox;

public sealed class CallConfigSourceTests : FakeApiTests
{
    /// <summary>For the tests not about the time budget: a roomy one, so that a busy machine does not turn a slow answer into a retry.</summary>
    private static readonly Dictionary<string, string?> Roomy = new() { ["Api:ConfigBudgetMilliseconds"] = "15000" };

    [Fact]
    public async Task A_live_calls_configuration_is_fetched_with_the_service_key()
    {
        var call = Guid.NewGuid();
        var expected = Api.AddCall(Tenant, call);
        await using var host = OutboxTestHost.Create(Api, Folder.Path, Roomy);

        var config = await host.ConfigSource.GetAsync(Tenant, call, CancellationToken.None);

        config.Should().BeEquivalentTo(expected);
        config.Greeting.Should().StartWith("שלום");
        Api.Requests.Should().ContainSingle().Which.Path.Should().Be($"/internal/v1/tenants/{Tenant}/calls/{call:D}/config");
    }

    [Fact]
    public async Task An_unknown_call_or_another_businesss_call_is_not_live_at_once()
    {
        var call = Guid.NewGuid();
        Api.AddCall("biz-b", call);
        await using var host = OutboxTestHost.Create(Api, Folder.Path, Roomy);

        await FluentActions.Awaiting(() => host.ConfigSource.GetAsync(Tenant, call, CancellationToken.None))
            .Should().ThrowAsync<CallNotLiveException>();
        await FluentActions.Awaiting(() => host.ConfigSource.GetAsync(Tenant, Guid.NewGuid(), CancellationToken.None))
            .Should().ThrowAsync<CallNotLiveException>();
        Api.Requests.Should().HaveCount(2, "404 is not retried");
    }

    [Fact]
    public async Task An_ended_call_is_not_live()
    {
        var call = Guid.NewGuid();
        Api.AddCall(Tenant, call);
        Api.EndCall(call);
        await using var host = OutboxTestHost.Create(Api, Folder.Path, Roomy);

        (await FluentActions.Awaiting(() => host.ConfigSource.GetAsync(Tenant, call, CancellationToken.None))
            .Should().ThrowAsync<CallNotLiveException>()).Which.CallId.Should().Be(call);
        Api.Requests.Should().ContainSingle().Which.Status.Should().Be(409);
    }

    [Fact]
    public async Task Passing_failures_are_retried_within_the_budget()
    {
        var call = Guid.NewGuid();
        Api.AddCall(Tenant, call);
        Api.FailNext(2, HttpStatusCode.ServiceUnavailable);
        await using var host = OutboxTestHost.Create(Api, Folder.Path, Roomy);

        var config = await host.ConfigSource.GetAsync(Tenant, call, CancellationToken.None);

        config.CallId.Should().Be(call);
        Api.Requests.Select(r => r.Status).Should().Equal(503, 503, 200);
    }

    [Fact]
    public async Task An_Api_that_keeps_failing_makes_the_configuration_unavailable_after_three_tries_within_about_two_seconds()
    {
        var call = Guid.NewGuid();
        Api.AddCall(Tenant, call);
        Api.FailFor(TimeSpan.FromMinutes(1), HttpStatusCode.BadGateway);
        await using var host = OutboxTestHost.Create(Api, Folder.Path);
        var clock = Stopwatch.StartNew();

        (await FluentActions.Awaiting(() => host.ConfigSource.GetAsync(Tenant, call, CancellationToken.None))
            .Should().ThrowAsync<CallConfigUnavailableException>()).Which.CallId.Should().Be(call);

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2.5));
        Api.Requests.Should().HaveCount(3);
    }

    [Fact]
    public async Task An_Api_that_is_down_makes_the_configuration_unavailable()
    {
        await Api.GoDownAsync();
        await using var host = OutboxTestHost.Create(Api, Folder.Path);
        var clock = Stopwatch.StartNew();

        await FluentActions.Awaiting(() => host.ConfigSource.GetAsync(Tenant, Guid.NewGuid(), CancellationToken.None))
            .Should().ThrowAsync<CallConfigUnavailableException>();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2.5));
    }

    [Fact]
    public async Task An_Api_that_answers_too_late_makes_the_configuration_unavailable_within_the_budget()
    {
        var call = Guid.NewGuid();
        Api.AddCall(Tenant, call);
        Api.DelayNext(5, TimeSpan.FromSeconds(5));
        await using var host = OutboxTestHost.Create(Api, Folder.Path);
        var clock = Stopwatch.StartNew();

        await FluentActions.Awaiting(() => host.ConfigSource.GetAsync(Tenant, call, CancellationToken.None))
            .Should().ThrowAsync<CallConfigUnavailableException>();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2.5));
    }

    [Fact]
    public async Task A_refused_service_key_is_not_retried()
    {
        var call = Guid.NewGuid();
        Api.AddCall(Tenant, call);
        await using var host = OutboxTestHost.Create(Api, Folder.Path, new Dictionary<string, string?>(Roomy)
        {
            ["Api:ServiceKey"] = Convert.ToBase64String(new byte[32]),
        });

        await FluentActions.Awaiting(() => host.ConfigSource.GetAsync(Tenant, call, CancellationToken.None))
            .Should().ThrowAsync<CallConfigUnavailableException>();
        Api.Requests.Should().ContainSingle().Which.Status.Should().Be(401);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_mistaken_for_an_unavailable_Api()
    {
        var call = Guid.NewGuid();
        Api.AddCall(Tenant, call);
        Api.DelayNext(1, TimeSpan.FromSeconds(5));
        await using var host = OutboxTestHost.Create(Api, Folder.Path);
        using var hungUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await FluentActions.Awaiting(() => host.ConfigSource.GetAsync(Tenant, call, hungUp.Token))
            .Should().ThrowAsync<OperationCanceledException>();
    }
}
