using System.Text.Json;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Calls;

/// <summary>The calls list between two instants a client placed itself (the dashboard's day boundaries in the business's zone).</summary>
public sealed class CallListRangeTests(CallsFixture fx) : IClassFixture<CallsFixture>
{
    [Fact]
    public async Task Calls_started_between_two_instants_are_listed_the_start_included_the_end_excluded()
    {
        var (business, number) = await fx.NewBusinessAsync();
        var admin = await fx.SessionAsync(business, Role.SystemAdmin);
        var call = await fx.Api.CallAsync(number);
        var listed = await TenancyFixture.ReadAsync(await admin.GetAsync("/api/v1/calls?limit=100"), "list");
        var startedAt = listed.GetProperty("items").EnumerateArray().Single().GetProperty("startedAt").GetDateTimeOffset();

        string At(DateTimeOffset instant) => Uri.EscapeDataString(instant.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz"));

        (await Ids(admin, $"?startedFrom={At(startedAt)}&startedBefore={At(startedAt.AddSeconds(1))}")).Should().Equal(call.CallId);
        (await Ids(admin, $"?startedFrom={At(startedAt.AddMinutes(-1).ToOffset(TimeSpan.FromHours(2)))}")).Should().Equal(call.CallId);
        (await Ids(admin, $"?startedBefore={At(startedAt)}")).Should().BeEmpty("the end is excluded");
        (await Ids(admin, $"?startedFrom={At(startedAt.AddTicks(10))}")).Should().BeEmpty();
        var tomorrow = TimeZoneInfo.ConvertTime(startedAt.AddDays(1), TimeZoneInfo.FindSystemTimeZoneById("Asia/Jerusalem")).ToString("yyyy-MM-dd");
        (await Ids(admin, $"?from={tomorrow}&startedFrom={At(startedAt.AddDays(-1))}")).Should().BeEmpty("a call must fit both kinds of range");
        await fx.Api.StatusAsync(call.CallSid, "completed", 1, 0);
    }

    [Fact]
    public async Task An_instant_without_an_offset_or_an_end_before_the_start_answers_400_in_Hebrew()
    {
        var agent = await fx.CachedSessionAsync(fx.TenantA, Role.Agent);

        var noOffset = await agent.GetAsync("/api/v1/calls?startedFrom=2025-03-01T10:00:00&startedBefore=yesterday");
        var errors = (await noOffset.ShouldBeProblemAsync(400)).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo(["startedFrom", "startedBefore"]);
        errors.GetProperty("startedFrom")[0].GetString().Should().Contain("ISO 8601");

        var backwards = await agent.GetAsync("/api/v1/calls?startedFrom=2025-03-02T00:00:00Z&startedBefore=2025-03-01T22:00:00%2B02:00");
        var message = (await backwards.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("startedBefore")[0].GetString();
        message.Should().Contain("אחרי");
    }

    private static async Task<List<Guid>> Ids(HttpClient client, string query)
    {
        var page = await TenancyFixture.ReadAsync(await client.GetAsync("/api/v1/calls" + query + "&limit=100"), "list " + query);
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
    }
}
