using ProSaaS.Api.Tests.Support;
using ProSaaS.Testing;

namespace ProSaaS.Api.Tests.OpenApi;

public sealed class RequestExampleTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly ApiFactory _api = new(database.ConnectionString);

    [Fact]
    public async Task Every_request_body_of_the_api_has_an_example()
    {
        var document = await (await _api.CreateClient().GetAsync("/swagger/v1/swagger.json")).ReadJsonAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var bodies = new List<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                // JSON bodies; an upload that takes multipart/form-data only has a file to send, not an example.
                if (operation.Value.TryGetProperty("requestBody", out var body)
                    && body.GetProperty("content").TryGetProperty("application/json", out var json))
                {
                    var reference = json.GetProperty("schema").GetProperty("$ref").GetString()!;
                    bodies.Add(reference[(reference.LastIndexOf('/') + 1)..]);
                }
            }
        }

        bodies.Should().Contain(["CreateLeadRequest", "SignInRequest", "CreateUserRequest", "CreateApiKeyRequest"]);
        bodies.Distinct().Where(name => !schemas.GetProperty(name).TryGetProperty("example", out _)).Should().BeEmpty();
    }

    public void Dispose() => _api.Dispose();
}
