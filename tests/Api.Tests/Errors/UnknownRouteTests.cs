using ProSaaS.Api.Tests.Support;
using ProSaaS.Testing;

namespace ProSaaS.Api.Tests.Errors;

public sealed class UnknownRouteTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly ApiFactory _api = new(database.ConnectionString);

    [Theory]
    [InlineData("GET", "/api/x")]
    [InlineData("POST", "/api/leads/nothing-here")]
    [InlineData("GET", "/internal/unknown")]
    public async Task Answer_404_problem_details(string method, string path)
    {
        var response = await _api.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        var problem = await response.ShouldBeProblemAsync(404);
        problem.GetProperty("title").GetString().Should().NotBeNullOrEmpty();
        problem.GetProperty("detail").GetString().Should().Be("המשאב המבוקש לא נמצא");
    }

    [Fact]
    public async Task Problem_details_are_sent_even_to_clients_that_prefer_html()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/x");
        request.Headers.Accept.ParseAdd("text/html");

        var response = await _api.CreateClient().SendAsync(request);

        await response.ShouldBeProblemAsync(404);
    }

    public void Dispose() => _api.Dispose();
}
