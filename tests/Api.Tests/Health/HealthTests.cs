using System.Net;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Testing;

namespace ProSaaS.Api.Tests.Health;

public sealed class HealthTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly ApiFactory _api = new(database.ConnectionString);

    [Fact]
    public async Task Live_answers_healthy()
    {
        var response = await _api.CreateClient().GetAsync("/health/live");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"status":"Healthy"}""");
    }

    [Fact]
    public async Task Ready_reports_every_check_healthy()
    {
        var response = await _api.CreateClient().GetAsync("/health/ready");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.ReadJsonAsync();
        body.GetProperty("status").GetString().Should().Be("Healthy");
        var checks = body.GetProperty("checks").EnumerateArray().ToList();
        checks.Select(c => c.GetProperty("name").GetString())
            .Should().BeEquivalentTo("database", "migrations", "projections-daemon");
        checks.Should().OnlyContain(c => c.GetProperty("status").GetString() == "Healthy");
        checks.Should().OnlyContain(c => c.GetProperty("durationMs").GetDouble() >= 0);
        checks.Should().OnlyContain(c => !string.IsNullOrEmpty(c.GetProperty("description").GetString()));
    }

    public void Dispose() => _api.Dispose();
}
