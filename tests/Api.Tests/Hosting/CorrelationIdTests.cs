using ProSaaS.Api.Tests.Support;
using ProSaaS.Testing;

namespace ProSaaS.Api.Tests.Hosting;

public sealed class CorrelationIdTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly ApiFactory _api = new(database.ConnectionString);

    [Theory]
    [InlineData("corr-123")]
    [InlineData("a")]
    [InlineData("Order_42.retry:3-A")]
    public async Task A_valid_incoming_id_is_echoed(string correlationId)
    {
        var response = await SendAsync(correlationId);

        response.CorrelationId().Should().Be(correlationId);
    }

    [Fact]
    public async Task An_id_of_exactly_64_characters_is_accepted()
    {
        var id = new string('x', 64);

        (await SendAsync(id)).CorrelationId().Should().Be(id);
    }

    [Theory]
    [InlineData(65)]
    [InlineData(200)]
    public async Task A_too_long_id_is_replaced(int length)
    {
        var id = new string('x', length);

        var echoed = (await SendAsync(id)).CorrelationId();

        echoed.Should().NotBeNullOrEmpty().And.NotBe(id);
        echoed!.Length.Should().BeLessThanOrEqualTo(64);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("slash/inside")]
    [InlineData("quote\"d")]
    [InlineData("עברית")]
    [InlineData("line\nbreak")]
    public async Task An_id_with_other_characters_is_replaced(string id)
    {
        var echoed = (await SendAsync(id)).CorrelationId();

        echoed.Should().NotBeNullOrEmpty().And.NotBe(id);
        echoed.Should().MatchRegex("^[A-Za-z0-9._:-]{1,64}$");
    }

    [Fact]
    public async Task A_missing_id_is_generated_fresh_for_each_request()
    {
        var first = (await SendAsync(null)).CorrelationId();
        var second = (await SendAsync(null)).CorrelationId();

        first.Should().MatchRegex("^[A-Za-z0-9._:-]{1,64}$");
        second.Should().MatchRegex("^[A-Za-z0-9._:-]{1,64}$").And.NotBe(first);
    }

    [Fact]
    public async Task Error_responses_carry_the_id_too()
    {
        var response = await SendAsync("corr-on-error", "/api/does-not-exist");

        response.CorrelationId().Should().Be("corr-on-error");
        (await response.ShouldBeProblemAsync(404)).GetProperty("correlationId").GetString().Should().Be("corr-on-error");
    }

    private async Task<HttpResponseMessage> SendAsync(string? correlationId, string path = "/health/live")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (correlationId is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Correlation-Id", correlationId);
        }

        return await _api.CreateClient().SendAsync(request);
    }

    public void Dispose() => _api.Dispose();
}
