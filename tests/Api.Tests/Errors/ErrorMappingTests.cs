using System.Net;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Testing;

namespace ProSaaS.Api.Tests.Errors;

/// <summary>Failures raised inside the real MediatR pipeline, as they leave the Api.</summary>
public sealed class ErrorMappingTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly ApiFactory _api = new(database.ConnectionString, configureServices: TestOnlyEndpoints.Register);

    [Fact]
    public async Task Validation_failure_is_400_listing_every_invalid_field()
    {
        var response = await PostAsync("/capture-invalid");

        var problem = await response.ShouldBeProblemAsync(400);
        problem.GetProperty("title").GetString().Should().Be("One or more fields are invalid");
        problem.GetProperty("detail").GetString().Should().Be("אחד או יותר מהשדות אינם תקינים");
        var errors = problem.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().Contain(["name", "phone", "email", "fields"]);
        errors.EnumerateObject().Should().OnlyContain(e =>
            e.Value.GetArrayLength() > 0 && e.Value.EnumerateArray().All(m => !string.IsNullOrWhiteSpace(m.GetString())));
    }

    [Fact]
    public async Task Concurrency_conflict_is_409()
    {
        var problem = await (await ThrowAsync("concurrency")).ShouldBeProblemAsync(409);

        problem.GetProperty("detail").GetString().Should().Be("הנתונים השתנו בינתיים; טענו מחדש ונסו שוב");
    }

    [Fact]
    public async Task Not_found_is_404()
    {
        var problem = await (await ThrowAsync("not-found")).ShouldBeProblemAsync(404);

        problem.GetProperty("detail").GetString().Should().Be("המשאב המבוקש לא נמצא");
    }

    [Fact]
    public async Task Business_rule_is_422_with_its_code()
    {
        var problem = await (await ThrowAsync("rule")).ShouldBeProblemAsync(422);

        problem.GetProperty("code").GetString().Should().Be("lead.status_unknown");
        problem.GetProperty("detail").GetString().Should().Be("הסטטוס אינו מוגדר אצל העסק.");
    }

    [Fact]
    public async Task Malformed_request_is_400()
    {
        await (await ThrowAsync("bad-request")).ShouldBeProblemAsync(400);
    }

    [Fact]
    public async Task Unexpected_failure_is_500_without_any_detail_of_the_exception()
    {
        var response = await ThrowAsync("crash");

        var body = await response.Content.ReadAsStringAsync();
        var problem = await response.ShouldBeProblemAsync(500);
        problem.GetProperty("title").GetString().Should().Be("An unexpected error occurred");
        problem.GetProperty("detail").GetString().Should().Be("אירעה שגיאה לא צפויה. נסו שוב מאוחר יותר");
        body.Should().NotContain("secret detail")
            .And.NotContain("   at ")
            .And.NotContain("InvalidOperationException");
    }

    [Fact]
    public async Task Events_carry_the_request_correlation_and_causation()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, TestOnlyEndpoints.Prefix + "/capture?tenant=tenant-a");
        request.Headers.Add("X-Correlation-Id", "corr-123");

        var response = await _api.CreateClient().SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.CorrelationId().Should().Be("corr-123");
        await using var command = database.PlatformDataSource.CreateCommand(
            "select correlation_id, causation_id from mt_events where tenant_id = 'tenant-a'");
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).Should().BeTrue("the capture appended an event");
        reader.GetString(0).Should().Be("corr-123");
        reader.IsDBNull(1).Should().BeFalse();
        reader.GetString(1).Should().NotBeNullOrWhiteSpace();
        (await reader.ReadAsync()).Should().BeFalse("one lead captured, one event");
        (await database.ScalarAsync<long>("select count(*) from leads where tenant_id = 'tenant-a'")).Should().Be(1);
    }

    private Task<HttpResponseMessage> ThrowAsync(string kind) => PostAsync($"/throw?kind={kind}");

    private Task<HttpResponseMessage> PostAsync(string path) =>
        _api.CreateClient().PostAsync(TestOnlyEndpoints.Prefix + path, null);

    public void Dispose() => _api.Dispose();
}
