using System.Net;
using System.Net.Http.Json;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Tenancy;

public sealed class IdempotencyTests(TenancyFixture fx) : IClassFixture<TenancyFixture>
{
    private static HttpRequestMessage Post(string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/leads") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Fact]
    public async Task The_same_key_and_body_answer_the_first_answer_without_a_second_lead()
    {
        var client = fx.ApiKeyClient(fx.TenantA, Role.Agent);
        var key = Guid.NewGuid().ToString();
        var name = Callers.Unique("אידמפוטנטי");

        var first = await client.SendAsync(Post(key, new { name }));
        var retry = await client.SendAsync(Post(key, new { name }));

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        retry.Headers.Location.Should().Be(first.Headers.Location);
        (await TenancyFixture.ReadAsync(retry, "replay")).GetProperty("id").GetGuid()
            .Should().Be((await TenancyFixture.ReadAsync(first, "first")).GetProperty("id").GetGuid());
        (await fx.Database.ScalarAsync<long>("select count(*) from leads where name = $1", name)).Should().Be(1);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422_and_creates_nothing()
    {
        var client = fx.ApiKeyClient(fx.TenantA, Role.Agent);
        var key = Guid.NewGuid().ToString();
        await client.SendAsync(Post(key, new { name = Callers.Unique("ראשון") }));
        var other = Callers.Unique("שני");

        var reused = await client.SendAsync(Post(key, new { name = other }));

        (await reused.ShouldBeProblemAsync(422)).GetProperty("code").GetString().Should().Be("idempotency.key_reused");
        (await fx.Database.ScalarAsync<long>("select count(*) from leads where name = $1", other)).Should().Be(0);
    }

    [Fact]
    public async Task Simultaneous_duplicates_create_one_lead()
    {
        var client = fx.ApiKeyClient(fx.TenantA, Role.Agent);
        var key = Guid.NewGuid().ToString();
        var name = Callers.Unique("בו-זמנית");

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.SendAsync(Post(key, new { name }))));

        answers.Select(a => (int)a.StatusCode).Should().OnlyContain(s => s == 201 || s == 409);
        answers.Count(a => a.StatusCode == HttpStatusCode.Created).Should().BeGreaterThanOrEqualTo(1);
        (await fx.Database.ScalarAsync<long>("select count(*) from leads where name = $1", name)).Should().Be(1);
    }

    [Fact]
    public async Task A_failed_request_frees_its_key_and_keys_are_per_business()
    {
        var client = fx.ApiKeyClient(fx.TenantA, Role.Agent);
        var key = Guid.NewGuid().ToString();
        await (await client.SendAsync(Post(key, new { phone = "not a phone" }))).ShouldBeProblemAsync(400);
        var name = Callers.Unique("תוקן");
        (await client.SendAsync(Post(key, new { name }))).StatusCode.Should().Be(HttpStatusCode.Created);

        var otherBusiness = fx.ApiKeyClient(fx.TenantB, Role.Agent);
        var inB = await otherBusiness.SendAsync(Post(key, new { name }));
        inB.StatusCode.Should().Be(HttpStatusCode.Created);
        inB.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
    }

    [Fact]
    public async Task An_unusable_key_is_400()
    {
        var client = fx.ApiKeyClient(fx.TenantA, Role.Agent);
        (await (await client.SendAsync(Post(new string('k', 300), new { name = "x" }))).ShouldBeProblemAsync(400))
            .GetProperty("code").GetString().Should().Be("idempotency.key_invalid");
    }
}
