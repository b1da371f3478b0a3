using System.Net;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Testing;

namespace ProSaaS.Api.Tests.Dashboard;

public sealed class DashboardTests : IClassFixture<PostgresDatabase>, IDisposable
{
    private const string IndexHtml = "<!doctype html><html lang=\"he\" dir=\"rtl\"><body>dashboard-shell</body></html>";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "prosaas-dashboard-" + Guid.NewGuid().ToString("N"));
    private readonly PostgresDatabase _database;
    private readonly ApiFactory _api;

    public DashboardTests(PostgresDatabase database)
    {
        _database = database;
        Directory.CreateDirectory(Path.Combine(_folder, "assets"));
        File.WriteAllText(Path.Combine(_folder, "index.html"), IndexHtml);
        File.WriteAllText(Path.Combine(_folder, "assets", "app.js"), "console.log('app');");
        _api = new ApiFactory(database.ConnectionString, new Dictionary<string, string?> { ["Dashboard:Path"] = _folder });
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/index.html")]
    [InlineData("/leads/123")]
    [InlineData("/settings/prompts")]
    public async Task The_app_shell_answers_its_routes(string path)
    {
        var response = await _api.CreateClient().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.Should().Be("text/html");
        (await response.Content.ReadAsStringAsync()).Should().Be(IndexHtml);
    }

    [Fact]
    public async Task Static_files_are_served_as_they_are()
    {
        var response = await _api.CreateClient().GetAsync("/assets/app.js");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("console.log('app');");
    }

    [Theory]
    [InlineData("/api/nothing")]
    [InlineData("/api")]
    [InlineData("/health/nothing")]
    [InlineData("/internal/nothing")]
    [InlineData("/assets/missing.js")]
    public async Task Server_paths_and_missing_files_stay_404_problem_details(string path)
    {
        var response = await _api.CreateClient().GetAsync(path);

        await response.ShouldBeProblemAsync(404);
    }

    [Fact]
    public async Task Other_methods_do_not_get_the_shell()
    {
        var response = await _api.CreateClient().PostAsync("/leads/123", null);

        await response.ShouldBeProblemAsync(404);
    }

    [Fact]
    public async Task Without_a_built_dashboard_the_root_says_so()
    {
        using var api = new ApiFactory(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["Dashboard:Path"] = Path.Combine(_folder, "not-built"),
        });

        var response = await api.CreateClient().GetAsync("/");

        var problem = await response.ShouldBeProblemAsync(404);
        problem.GetProperty("title").GetString().Should().Be("The dashboard is not built");
    }

    public void Dispose()
    {
        _api.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
