using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProSaaS.Sandbox;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Hosting;
using ProSaaS.MediaHost.Outbox;
using ProSaaS.MediaHost.Tools;

namespace ProSaaS.MediaHost.Tests.Tools;

/// <summary>The media host's tool calls to the Api: the answer passed through, one retry with the same id, a polite answer on failure.</summary>
public sealed class ApiToolClientTests : IAsyncLifetime
{
    private const string Tenant = "biz-a";

    private FakeMediaHostApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeMediaHostApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private static CallToolRequest Save(string toolCallId = "call_1") =>
        new(toolCallId, "save_lead_fields", JsonSerializer.SerializeToElement(new { name = "דנה", city = "חיפה" }));

    /// <summary>The client as the app registers it, pointed at the fake Api.</summary>
    private ICallToolClient Registered(double timeoutSeconds = 4)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Api:BaseUrl"] = _api.BaseAddress.ToString(),
            ["Api:ServiceKey"] = _api.ServiceKey,
            ["Api:ToolTimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddCallOutbox(configuration)
            .AddCallTools(configuration)
            .BuildServiceProvider()
            .GetRequiredService<ICallToolClient>();
    }

    /// <summary>A client whose HTTP handler fails the first <paramref name="failures"/> sends as <paramref name="how"/> says.</summary>
    private (ApiToolClient Client, FlakyHandler Handler) Flaky(int failures, FlakyHandler.Mode how)
    {
        var handler = new FlakyHandler(failures, how);
        var options = Options.Create(new ApiOptions { BaseUrl = _api.BaseAddress, ServiceKey = _api.ServiceKey });
        var api = new MediaHostApiClient(new SingleClientFactory(new HttpClient(handler)
        {
            DefaultRequestHeaders = { { MediaHostContract.ServiceKeyHeader, _api.ServiceKey } },
        }), options);
        return (new ApiToolClient(api, Options.Create(new ToolCallOptions()), TimeProvider.System, NullLogger<ApiToolClient>.Instance), handler);
    }

    [Fact]
    public async Task The_apis_answer_comes_back_as_it_is_and_the_request_goes_as_the_model_sent_it()
    {
        var call = Guid.NewGuid();
        _api.AddCall(Tenant, call);
        var lead = Guid.NewGuid();
        _api.AnswerTools(received => new CallToolAnswer(received.Request.ToolCallId, true, JsonSerializer.SerializeToElement(new { leadId = lead }),
            "שמרתי: שם מלא, עיר.", new CallToolEffects(LeadId: lead, FieldsSaved: ["name", "city"])));

        var answer = await Registered().CallAsync(Tenant, call, Save());

        answer.Ok.Should().BeTrue();
        answer.Spoken.Should().Be("שמרתי: שם מלא, עיר.");
        answer.Effects.FieldsSaved.Should().Equal("name", "city");
        answer.Output.GetProperty("leadId").GetGuid().Should().Be(lead);
        var received = _api.ToolCalls.Should().ContainSingle().Subject;
        received.Request.Name.Should().Be("save_lead_fields");
        received.Request.Arguments.GetProperty("city").GetString().Should().Be("חיפה");
        _api.Requests.Should().ContainSingle().Which.Path.Should().Be($"/internal/v1/tenants/{Tenant}/calls/{call:D}/tools");
    }

    [Fact]
    public async Task A_connection_refused_is_tried_once_more_with_the_same_tool_call_id()
    {
        var call = Guid.NewGuid();
        _api.AddCall(Tenant, call);
        var (client, handler) = Flaky(1, FlakyHandler.Mode.BeforeSending);

        var answer = await client.CallAsync(Tenant, call, Save("call_refused_once"));

        answer.Ok.Should().BeTrue();
        handler.Sends.Should().Be(2);
        _api.ToolDeliveries(call, "call_refused_once").Should().Be(1);
    }

    [Fact]
    public async Task An_answer_lost_on_the_way_back_is_asked_again_and_the_api_answers_its_first_answer()
    {
        var call = Guid.NewGuid();
        _api.AddCall(Tenant, call);
        var (client, handler) = Flaky(1, FlakyHandler.Mode.AfterSending);

        var answer = await client.CallAsync(Tenant, call, Save("call_lost_answer"));

        answer.Ok.Should().BeTrue();
        handler.Sends.Should().Be(2);
        _api.ToolDeliveries(call, "call_lost_answer").Should().Be(2, "the same id went twice");
        _api.ToolCalls.Should().ContainSingle("the Api did the work once");
    }

    [Fact]
    public async Task A_gateway_failure_is_tried_once_more()
    {
        var call = Guid.NewGuid();
        _api.AddCall(Tenant, call);
        _api.FailNext(1, HttpStatusCode.ServiceUnavailable);

        var answer = await Registered().CallAsync(Tenant, call, Save());

        answer.Ok.Should().BeTrue();
        _api.Requests.Select(r => r.Status).Should().Equal(503, 200);
    }

    [Fact]
    public async Task An_api_that_cannot_be_reached_gets_a_polite_answer_after_one_retry()
    {
        var call = Guid.NewGuid();
        var (client, handler) = Flaky(5, FlakyHandler.Mode.BeforeSending);

        var answer = await client.CallAsync(Tenant, call, Save("call_down"));

        handler.Sends.Should().Be(2);
        ShouldBePolite(answer, "call_down");
    }

    [Fact]
    public async Task An_api_too_slow_for_the_timeout_gets_a_polite_answer_in_time()
    {
        var call = Guid.NewGuid();
        _api.AddCall(Tenant, call);
        _api.DelayNext(1, TimeSpan.FromSeconds(5));
        var client = Registered(timeoutSeconds: 0.6);
        var clock = Stopwatch.StartNew();

        var answer = await client.CallAsync(Tenant, call, Save("call_slow"));

        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(0.5)).And.BeLessThan(TimeSpan.FromSeconds(3));
        ShouldBePolite(answer, "call_slow");
        answer.Output.GetProperty("reason").GetString().Should().Be("timeout");
    }

    [Fact]
    public async Task A_refusal_of_the_api_is_not_tried_again_and_gets_a_polite_answer()
    {
        var answer = await Registered().CallAsync(Tenant, Guid.NewGuid(), Save("call_unknown"));

        ShouldBePolite(answer, "call_unknown");
        _api.Requests.Should().ContainSingle().Which.Status.Should().Be(404);
    }

    [Fact]
    public async Task The_timeout_is_a_setting_with_a_sane_range()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Api:ToolTimeoutSeconds"] = "120" }).Build();
        var services = new ServiceCollection().AddLogging().AddCallOutbox(configuration).AddCallTools(configuration).BuildServiceProvider();

        FluentActions.Invoking(() => services.GetRequiredService<IOptions<ToolCallOptions>>().Value).Should().Throw<OptionsValidationException>();
        new ToolCallOptions().ToolTimeoutSeconds.Should().Be(4);
    }

    private static void ShouldBePolite(CallToolAnswer answer, string toolCallId)
    {
        answer.ToolCallId.Should().Be(toolCallId);
        answer.Ok.Should().BeFalse();
        answer.Spoken.Should().Be(ApiToolClient.FallbackSpoken);
        answer.Output.GetProperty("error").GetString().Should().Be(ApiToolClient.UnavailableError);
        answer.Effects.Should().BeEquivalentTo(CallToolEffects.None, "nothing was confirmed");
    }

    /// <summary>Fails the first sends with a transport error: before the request leaves, or after the Api answered it (the answer lost).</summary>
    private sealed class FlakyHandler(int failures, FlakyHandler.Mode mode) : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _sends;

        public enum Mode
        {
            BeforeSending,
            AfterSending,
        }

        public int Sends => Volatile.Read(ref _sends);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var send = Interlocked.Increment(ref _sends);
            if (send <= failures && mode == Mode.BeforeSending)
            {
                throw new HttpRequestException("Connection refused (fake)");
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (send <= failures)
            {
                response.Dispose();
                throw new HttpRequestException("Connection reset (fake)");
            }

            return response;
        }
    }

    private sealed class SingleClientFactory(HttpClient client) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => client;
    }
}
