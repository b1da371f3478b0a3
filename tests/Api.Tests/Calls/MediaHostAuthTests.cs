using System.Net;
using System.Net.Http.Headers;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Domain.Users;
using ProSaaS.Hosting.Calls;

namespace ProSaaS.Api.Tests.Calls;

/// <summary>
/// The internal call routes admit the media host's service key and nothing else, take the business from the route, and
/// the service key opens no public route.
/// </summary>
public sealed class MediaHostAuthTests(CallsFixture fx) : IClassFixture<CallsFixture>
{
    [Fact]
    public async Task The_service_key_keeps_a_live_call_alive_and_hears_when_it_has_ended()
    {
        var (business, number) = await fx.NewBusinessAsync();
        var call = await fx.Api.CallAsync(number);
        await fx.Database.ExecuteAsync("update call_slots set last_seen_at = now() - interval '10 minutes' where call_id = $1", call.CallId);
        using var media = fx.MediaHostClient();

        var alive = await media.PostAsync(MediaHostContract.HeartbeatPath(business.ToString(), call.CallId), null);

        alive.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await fx.Database.ScalarAsync<bool>("select last_seen_at > now() - interval '1 minute' from call_slots where call_id = $1", call.CallId))
            .Should().BeTrue();

        await fx.Api.StatusAsync(call.CallSid, "completed", 2, 5);
        var ended = await media.PostAsync(MediaHostContract.HeartbeatPath(business.ToString(), call.CallId), null);
        var problem = await ended.ShouldBeProblemAsync((int)HttpStatusCode.Conflict);
        problem.GetProperty("code").GetString().Should().Be("call.not_live");
    }

    [Fact]
    public async Task Another_business_in_the_route_does_not_reach_the_call()
    {
        var (_, number) = await fx.NewBusinessAsync();
        var call = await fx.Api.CallAsync(number);
        await fx.Database.ExecuteAsync("update call_slots set last_seen_at = now() - interval '10 minutes' where call_id = $1", call.CallId);
        using var media = fx.MediaHostClient();

        var response = await media.PostAsync(MediaHostContract.HeartbeatPath(fx.TenantB.ToString(), call.CallId), null);

        await response.ShouldBeProblemAsync((int)HttpStatusCode.Conflict);
        (await fx.Database.ScalarAsync<bool>("select last_seen_at < now() - interval '5 minutes' from call_slots where call_id = $1", call.CallId))
            .Should().BeTrue("the call of another business was not touched");
    }

    [Fact]
    public async Task A_wrong_or_missing_service_key_a_session_and_an_api_key_are_all_refused_with_401()
    {
        var (business, number) = await fx.NewBusinessAsync();
        var call = await fx.Api.CallAsync(number);
        var path = MediaHostContract.HeartbeatPath(business.ToString(), call.CallId);
        await fx.Database.ExecuteAsync("update call_slots set last_seen_at = now() - interval '10 minutes' where call_id = $1", call.CallId);

        using var wrongKey = fx.MediaHostClient(serviceKey: Convert.ToBase64String(new byte[32]));
        using var noKey = fx.NewClient();
        var owner = await fx.CachedSessionAsync(fx.TenantA, Role.SystemAdmin);
        using var apiKey = fx.ApiKeyClient(fx.TenantA, Role.Owner);
        var asSession = await owner.PostAsync(path, null);
        var asApiKey = await apiKey.PostAsync(path, null);
        var withWrongKey = await wrongKey.PostAsync(path, null);
        var withoutKey = await noKey.PostAsync(path, null);

        foreach (var response in new[] { asSession, asApiKey, withWrongKey, withoutKey })
        {
            await response.ShouldBeProblemAsync((int)HttpStatusCode.Unauthorized);
        }

        (await fx.Database.ScalarAsync<bool>("select last_seen_at < now() - interval '5 minutes' from call_slots where call_id = $1", call.CallId))
            .Should().BeTrue("no refused request touched the call");
    }

    [Fact]
    public async Task The_service_key_opens_no_public_route()
    {
        using var media = fx.MediaHostClient();
        var leads = await media.GetAsync("/api/v1/leads");
        var calls = await media.GetAsync("/api/v1/calls");

        await leads.ShouldBeProblemAsync((int)HttpStatusCode.Unauthorized);
        await calls.ShouldBeProblemAsync((int)HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_service_key_as_a_bearer_token_is_not_an_api_key()
    {
        using var client = fx.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", CallsFixture.ServiceKey);

        var response = await client.GetAsync("/api/v1/calls");

        await response.ShouldBeProblemAsync((int)HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_internal_routes_are_not_in_the_public_api_documentation()
    {
        using var client = fx.NewClient();
        var document = await client.GetStringAsync("/swagger/v1/swagger.json");

        document.Should().NotContain(MediaHostContract.BasePath);
    }
}
