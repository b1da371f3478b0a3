using System.Net.Http.Headers;
using System.Text.Json;

namespace ProSaaS.Api.Tests.Support;

public static class Json
{
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, int status)
    {
        ((int)response.StatusCode).Should().Be(status);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var problem = await response.ReadJsonAsync();
        problem.GetProperty("status").GetInt32().Should().Be(status);
        problem.GetProperty("traceId").GetString().Should().NotBeNullOrEmpty();
        problem.GetProperty("correlationId").GetString().Should().Be(response.CorrelationId());
        return problem;
    }

    public static string? CorrelationId(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Correlation-Id", out var values) ? values.Single() : null;

    public static MediaTypeHeaderValue? MediaType(this HttpResponseMessage response) => response.Content.Headers.ContentType;
}
