using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Tenancy;

public sealed class SignInTests(TenancyFixture fx) : IClassFixture<TenancyFixture>
{
    private async Task<string> NewAgentEmailAsync()
    {
        var id = await fx.NewUserAsync(fx.TenantA);
        return (await fx.ReadUserAsync(fx.TenantA, id)).GetProperty("email").GetString()!;
    }

    [Fact]
    public async Task Session_cookie_is_httponly_secure_strict_and_host_bound()
    {
        var response = await fx.NewClient().PostAsJsonAsync("/api/v1/auth/sign-in",
            new { email = TenancyFixture.EmailOf(fx.TenantA, Role.Agent), password = TenancyFixture.Password });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-prosaas-session=", StringComparison.Ordinal)).ToLowerInvariant();
        cookie.Should().Contain("httponly").And.Contain("secure").And.Contain("samesite=strict").And.Contain("path=/");
        cookie.Should().NotContain("domain=");
    }

    [Fact]
    public async Task Wrong_password_is_401_and_five_failures_lock_the_account_even_for_the_right_password()
    {
        var email = await NewAgentEmailAsync();
        var client = fx.NewClient();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/v1/auth/sign-in", new { email, password = "not-the-password-" + i });
            var problem = await wrong.ShouldBeProblemAsync(401);
            problem.GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace();
        }

        var locked = await client.PostAsJsonAsync("/api/v1/auth/sign-in", new { email, password = TenancyFixture.Password });

        var lockedProblem = await locked.ShouldBeProblemAsync(401);
        DateTimeOffset.Parse(lockedProblem.GetProperty("lockedUntil").GetString()!).Should().BeAfter(DateTimeOffset.UtcNow.AddMinutes(10));
        locked.Headers.Contains("Set-Cookie").Should().BeFalse();
    }

    [Fact]
    public async Task Unknown_email_and_wrong_password_answer_the_same_message()
    {
        var email = await NewAgentEmailAsync();
        var unknown = await (await fx.NewClient().PostAsJsonAsync("/api/v1/auth/sign-in", new { email = "nobody@nowhere.test", password = "whatever-123" }))
            .ShouldBeProblemAsync(401);
        var wrong = await (await fx.NewClient().PostAsJsonAsync("/api/v1/auth/sign-in", new { email, password = "whatever-123" }))
            .ShouldBeProblemAsync(401);

        unknown.GetProperty("detail").GetString().Should().Be(wrong.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_disabled_users_open_session_ends_at_its_next_request()
    {
        var id = await fx.NewUserAsync(fx.TenantA);
        var email = (await fx.ReadUserAsync(fx.TenantA, id)).GetProperty("email").GetString()!;
        var session = await fx.SignInAsync(email);
        (await session.GetAsync("/api/v1/leads")).StatusCode.Should().Be(HttpStatusCode.OK);

        var owner = await fx.CachedSessionAsync(fx.TenantA, Role.Owner);
        (await owner.PostAsync($"/api/v1/users/{id}/disable", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        await (await session.GetAsync("/api/v1/leads")).ShouldBeProblemAsync(401);
        await (await fx.NewClient().PostAsJsonAsync("/api/v1/auth/sign-in", new { email, password = TenancyFixture.Password })).ShouldBeProblemAsync(401);
    }

    [Fact]
    public async Task A_role_change_takes_effect_on_the_open_session()
    {
        var id = await fx.NewUserAsync(fx.TenantA);
        var email = (await fx.ReadUserAsync(fx.TenantA, id)).GetProperty("email").GetString()!;
        var session = await fx.SignInAsync(email);
        (await session.GetAsync("/api/v1/users")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var owner = await fx.CachedSessionAsync(fx.TenantA, Role.Owner);
        (await owner.PutAsJsonAsync($"/api/v1/users/{id}/role", new { role = "admin" })).StatusCode.Should().Be(HttpStatusCode.OK);

        (await session.GetAsync("/api/v1/users")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await TenancyFixture.ReadAsync(await session.GetAsync("/api/v1/auth/me"), "me")).GetProperty("role").GetString().Should().Be("admin");
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        var session = await fx.SessionAsync(fx.TenantA, Role.Agent);
        (await session.PostAsync("/api/v1/auth/sign-out", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await session.GetAsync("/api/v1/auth/me")).ShouldBeProblemAsync(401);
    }

    [Fact]
    public async Task A_session_started_on_one_Api_process_is_valid_on_another()
    {
        var session = await fx.SessionAsync(fx.TenantA, Role.Agent);
        var cookie = (await session.GetAsync("/api/v1/auth/me")).RequestMessage!.Headers.GetValues("Cookie").Single();

        // A second process on the same database: it reads the session keys from PostgreSQL.
        await using var other = new ApiFactory(fx.Database.ConnectionString);
        var client = other.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);

        var me = await TenancyFixture.ReadAsync(await client.GetAsync("/api/v1/auth/me"), "me on the other process");
        me.GetProperty("email").GetString().Should().Be(TenancyFixture.EmailOf(fx.TenantA, Role.Agent));
        (await fx.Database.ScalarAsync<long>("select count(*) from data_protection_keys")).Should().BeGreaterThan(0);
    }
}

public sealed class SignInRateLimitTests(Testing.PostgresDatabase database) : IClassFixture<Testing.PostgresDatabase>
{
    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_answer_429_with_retry_after()
    {
        await using var api = new ApiFactory(database.ConnectionString, new Dictionary<string, string?> { ["Auth:SignInPermitsPerMinute"] = "3" });
        var client = api.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        for (var i = 0; i < 3; i++)
        {
            await (await client.PostAsJsonAsync("/api/v1/auth/sign-in", new { email = "x@y.test", password = "wrong-password" })).ShouldBeProblemAsync(401);
        }

        var limited = await client.PostAsJsonAsync("/api/v1/auth/sign-in", new { email = "x@y.test", password = "wrong-password" });

        await limited.ShouldBeProblemAsync(429);
        limited.Headers.RetryAfter.Should().NotBeNull();
    }
}

public sealed class SignInTransportTests(Testing.PostgresDatabase database) : IClassFixture<Testing.PostgresDatabase>
{
    [Fact]
    public async Task Over_plain_http_sign_in_is_refused_with_a_clear_problem_unless_local_development_allows_it()
    {
        await using var strict = new ApiFactory(database.ConnectionString);
        var refused = await strict.CreateClient().PostAsJsonAsync("/api/v1/auth/sign-in", new { email = "x@y.test", password = "whatever-123" });
        (await refused.ShouldBeProblemAsync(400)).GetProperty("code").GetString().Should().Be("auth.https_required");

        await using var local = new ApiFactory(database.ConnectionString, new Dictionary<string, string?> { ["Auth:AllowInsecureHttp"] = "true" });
        var answered = await local.CreateClient().PostAsJsonAsync("/api/v1/auth/sign-in", new { email = "x@y.test", password = "whatever-123" });
        await answered.ShouldBeProblemAsync(401); // reached the credentials check: wrong password, not a transport refusal
    }
}
