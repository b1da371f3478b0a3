using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Api.Auth;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Domain.Users;
using ProSaaS.Testing;

namespace ProSaaS.Api.Tests.OpenApi;

/// <summary>
/// Every operation of the API is in the Swagger document with a summary, the roles that may call it, and its error
/// shapes: 401 and 403 for every protected operation, each error as application/problem+json.
/// </summary>
public sealed partial class EndpointDocumentationTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IDisposable
{
    /// <summary>Operations anyone may call: they name no role and cannot answer 403 for one.</summary>
    private static readonly string[] Anonymous = ["POST /api/v1/auth/sign-in"];

    private readonly ApiFactory _api = new(database.ConnectionString);

    [Fact]
    public async Task Every_protected_operation_documents_its_roles_and_its_401_and_403_problems()
    {
        var operations = await OperationsAsync();
        var mapped = MappedEndpoints();

        operations.Keys.Should().BeEquivalentTo(mapped.Keys, "every endpoint the Api maps under /api/v1 is documented, and nothing else");
        mapped.Where(m => m.Value is null).Select(m => m.Key).Should().BeEquivalentTo(Anonymous);

        foreach (var (name, operation) in operations)
        {
            operation.TryGetProperty("summary", out var summary).Should().BeTrue($"{name} has a summary");
            summary.GetString().Should().NotBeNullOrWhiteSpace($"{name} has a summary");
            var responses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            responses.Should().Contain(r => r.StartsWith('2'), $"{name} documents its success");
            responses.Should().Contain("401", $"{name} documents 401");
            if (mapped[name] is not { } minimum)
            {
                continue;
            }

            var roles = string.Join(", ", Enum.GetValues<Role>().Where(r => r.IsAtLeast(minimum)).Select(r => r.ToWireName()));
            operation.TryGetProperty("description", out var description).Should().BeTrue($"{name} has a description");
            description.GetString().Should().Contain("**Roles:**", $"{name} names its roles")
                .And.Contain($"**Roles:** {roles}.", $"{name} admits {minimum} and above");
            responses.Should().Contain("403", $"{name} documents 403");
        }
    }

    [Fact]
    public async Task Every_documented_error_is_problem_json()
    {
        foreach (var (name, operation) in await OperationsAsync())
        {
            foreach (var response in operation.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
            {
                response.Value.TryGetProperty("content", out var content).Should().BeTrue($"{name} {response.Name} has a body");
                content.EnumerateObject().Select(c => c.Name).Should().Equal(
                    ["application/problem+json"], $"{name} {response.Name} is a problem");
                content.GetProperty("application/problem+json").GetProperty("schema").ValueKind.Should().Be(JsonValueKind.Object);
            }
        }
    }

    public void Dispose() => _api.Dispose();

    /// <summary>The document's /api/v1 operations by "METHOD /path".</summary>
    private async Task<Dictionary<string, JsonElement>> OperationsAsync()
    {
        var response = await _api.CreateClient().GetAsync("/swagger/v1/swagger.json");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var document = await response.ReadJsonAsync();
        var operations = new Dictionary<string, JsonElement>();
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/v1/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                operations.Add($"{operation.Name.ToUpperInvariant()} {Normalise(path.Name)}", operation.Value);
            }
        }

        operations.Should().NotBeEmpty();
        return operations;
    }

    /// <summary>The Api's own /api/v1 endpoints with the lowest role their policy admits (null: anonymous).</summary>
    private Dictionary<string, Role?> MappedEndpoints()
    {
        _ = _api.Server;
        var endpoints = new Dictionary<string, Role?>();
        foreach (var endpoint in _api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = Normalise("/" + endpoint.RoutePattern.RawText!.TrimStart('/'));
            if (!path.StartsWith("/api/v1/", StringComparison.Ordinal))
            {
                continue;
            }

            Role? minimum = null;
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
            {
                var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
                policies.Should().ContainSingle($"{path} has one role policy");
                minimum = Enum.GetValues<Role>().Single(r => AuthSetup.PolicyFor(r) == policies[0]);
            }

            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods)
            {
                endpoints.Add($"{method} {path}", minimum);
            }
        }

        return endpoints;
    }

    /// <summary>"/api/v1/leads/{id:guid}/" and "/api/v1/leads/{id}" alike: "/api/v1/leads/{id}".</summary>
    private static string Normalise(string path) => RouteConstraint().Replace(path, "{$1}").TrimEnd('/');

    [GeneratedRegex(@"\{(\w+)(?::[^}]*)?\}")]
    private static partial Regex RouteConstraint();
}
