using System.Net;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Testing;

namespace ProSaaS.Api.Tests.OpenApi;

public sealed class SwaggerTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly ApiFactory _api = new(database.ConnectionString);

    [Fact]
    public async Task The_document_is_served_with_its_title_and_without_health_endpoints()
    {
        var response = await _api.CreateClient().GetAsync("/swagger/v1/swagger.json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var document = await response.ReadJsonAsync();
        document.GetProperty("info").GetProperty("title").GetString().Should().Be("ProSaaS API");
        document.GetProperty("info").GetProperty("description").GetString().Should().Contain("problem");
        document.GetProperty("paths").EnumerateObject().Select(p => p.Name).Should().NotContain(p => p.StartsWith("/health"));
    }

    [Fact]
    public async Task The_ui_is_served()
    {
        var response = await _api.CreateClient().GetAsync("/swagger/index.html");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.Should().Be("text/html");
    }

    public void Dispose() => _api.Dispose();
}
