using System.Net;
using System.Net.Http.Json;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Application.Outbound;
using ProSaaS.Application.Telephony;
using ProSaaS.Sandbox;
using ProSaaS.Infrastructure.Telephony;
using ProSaaS.Testing;

namespace ProSaaS.Api.Tests.Outbound;

/// <summary>
/// The telephony gateway the Api is given (the sandbox without keys, Twilio's REST API with them), and how the call limit
/// and the provider's failures leave the Api — raised inside the real MediatR pipeline by endpoints of these tests only.
/// </summary>
public sealed class TelephonyErrorTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private FakeTwilioRest _twilio = null!;

    public async Task InitializeAsync() => _twilio = await FakeTwilioRest.StartAsync();

    public async Task DisposeAsync() => await _twilio.DisposeAsync();

    [Fact]
    public async Task Without_twilio_keys_calls_go_to_the_sandbox()
    {
        using var api = new ApiFactory(database.ConnectionString, configureServices: TelephonyTestEndpoints.Register);

        var answer = await (await api.CreateClient().PostAsync(TelephonyTestEndpoints.PlaceCall + "?to=%2B972521234567", null)).ReadJsonAsync();

        answer.GetProperty("live").GetBoolean().Should().BeFalse();
        var sandbox = api.Services.GetRequiredService<SandboxTelephonyGateway>();
        sandbox.Requests.Should().ContainSingle().Which.ProviderCallId.Should().Be(answer.GetProperty("providerCallId").GetString());
        _twilio.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task With_twilio_keys_calls_go_to_twilios_rest_api()
    {
        using var api = LiveApi();

        var response = await api.CreateClient().PostAsync(TelephonyTestEndpoints.PlaceCall + "?to=%2B972521234567", null);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var answer = await response.ReadJsonAsync();
        answer.GetProperty("live").GetBoolean().Should().BeTrue();
        var request = _twilio.Requests.Should().ContainSingle().Subject;
        request.Authorization.Should().Be(FakeTwilioRest.ExpectedAuthorization);
        request.Value("To").Should().Be("+972521234567");
        _twilio.Calls.Should().ContainKey(answer.GetProperty("providerCallId").GetString()!);
    }

    [Fact]
    public async Task A_twilio_refusal_is_a_502_with_the_providers_code_and_a_hebrew_detail()
    {
        using var api = LiveApi();

        var problem = await (await api.CreateClient().PostAsync(TelephonyTestEndpoints.PlaceCall + "?to=0521234567", null)).ShouldBeProblemAsync(502);

        problem.GetProperty("code").GetString().Should().Be("telephony.provider_error");
        problem.GetProperty("detail").GetString().Should().Be("ספק הטלפוניה דחה את הבקשה. נסו שוב, ואם זה חוזר פנו לתמיכה");
        problem.GetProperty("providerCode").GetInt32().Should().Be(21211);
        problem.GetProperty("providerMessage").GetString().Should().Contain("Invalid 'To'");
    }

    [Fact]
    public async Task No_answer_from_twilio_is_a_502_that_says_the_outcome_is_unknown()
    {
        using var api = LiveApi(timeout: "00:00:00.300");
        _twilio.DelayNext(1, TimeSpan.FromSeconds(5));

        var problem = await (await api.CreateClient().PostAsync(TelephonyTestEndpoints.PlaceCall + "?to=%2B972521234567", null)).ShouldBeProblemAsync(502);

        problem.GetProperty("code").GetString().Should().Be("telephony.provider_unreachable");
        problem.GetProperty("detail").GetString().Should().Contain("לא ידוע אם הפעולה בוצעה");
        problem.TryGetProperty("providerCode", out _).Should().BeFalse();
        _twilio.Requests.Should().ContainSingle("placing a call is never repeated");
    }

    [Fact]
    public async Task A_business_at_its_outbound_limit_is_told_so_in_hebrew_with_retry_after()
    {
        using var api = new ApiFactory(database.ConnectionString, configureServices: TelephonyTestEndpoints.Register);

        var response = await api.CreateClient().PostAsync(TelephonyTestEndpoints.Limit, null);

        var problem = await response.ShouldBeProblemAsync(429);
        response.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(60));
        problem.GetProperty("code").GetString().Should().Be("outbound.limit_reached");
        problem.GetProperty("detail").GetString().Should().Be("כל הקווים היוצאים תפוסים כרגע (3 מתוך 3). נסו שוב בעוד כמה דקות.");
        problem.GetProperty("active").GetInt32().Should().Be(3);
        problem.GetProperty("limit").GetInt32().Should().Be(3);
        problem.GetProperty("retryAfterSeconds").GetInt32().Should().Be(60);
    }

    private ApiFactory LiveApi(string timeout = "00:00:05") => new(database.ConnectionString, new Dictionary<string, string?>
    {
        ["Twilio:AccountSid"] = FakeTwilioRest.AccountSid,
        ["Twilio:AuthToken"] = FakeTwilioRest.AuthToken,
        ["Twilio:ApiBaseUrl"] = _twilio.BaseAddress.ToString(),
        ["Twilio:RequestTimeout"] = timeout,
    }, TelephonyTestEndpoints.Register);
}

/// <summary>Endpoints of these tests only, after the Api's whole pipeline, that reach the gateway through MediatR.</summary>
public sealed class TelephonyTestEndpoints : IStartupFilter
{
    public const string PlaceCall = TestOnlyEndpoints.Prefix + "/telephony/place-call";
    public const string Limit = TestOnlyEndpoints.Prefix + "/telephony/limit";

    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<IStartupFilter, TelephonyTestEndpoints>();
        services.AddScoped<IRequestHandler<PlaceTestCall, PlacedTestCall>, PlaceTestCallHandler>();
        services.AddScoped<IRequestHandler<ReachOutboundLimit, Unit>, ReachOutboundLimitHandler>();
    }

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Map(PlaceCall, branch => branch.Run(async context =>
        {
            var placed = await context.RequestServices.GetRequiredService<IMediator>().Send(new PlaceTestCall(context.Request.Query["to"].ToString()));
            await context.Response.WriteAsJsonAsync(placed);
        }));
        app.Map(Limit, branch => branch.Run(async context =>
            await context.RequestServices.GetRequiredService<IMediator>().Send(new ReachOutboundLimit())));
    };
}

public sealed record PlaceTestCall(string To) : IRequest<PlacedTestCall>;

public sealed record PlacedTestCall(string ProviderCallId, bool Live);

public sealed class PlaceTestCallHandler(ITelephonyGateway gateway) : IRequestHandler<PlaceTestCall, PlacedTestCall>
{
    public async Task<PlacedTestCall> Handle(PlaceTestCall request, CancellationToken cancellationToken)
    {
        var placed = await gateway.PlaceCallAsync(new PlaceCallRequest(
            request.To, "+97237600000", new Uri("https://api.example.co.il/twilio/outbound"), new Uri("https://api.example.co.il/twilio/status")),
            cancellationToken);
        return new PlacedTestCall(placed.ProviderCallId, gateway.IsLive);
    }
}

public sealed record ReachOutboundLimit : IRequest<Unit>;

public sealed class ReachOutboundLimitHandler : IRequestHandler<ReachOutboundLimit, Unit>
{
    public Task<Unit> Handle(ReachOutboundLimit request, CancellationToken cancellationToken) =>
        throw OutboundCallLimitException.Outbound(3, 3);
}
