using ProSaaS.Api.Tests.Support;
using System.Net;
using System.Net.Http.Json;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Tenancy;

public sealed class TenancySmokeTests(TenancyFixture fx) : IClassFixture<TenancyFixture>
{
    [Fact]
    public async Task An_agent_creates_finds_and_moves_a_lead_that_the_other_business_cannot_see()
    {
        var agentA = await fx.SessionAsync(fx.TenantA, Role.Agent);
        var created = await TenancyFixture.ReadAsync(
            await agentA.PostAsJsonAsync("/api/v1/leads", new { name = "רות", phone = "052-765-4321" }), "create lead");
        var id = created.GetProperty("id").GetGuid();
        created.GetProperty("phone").GetString().Should().Be("+972527654321");
        created.GetProperty("source").GetString().Should().Be("manual");

        var page = await TenancyFixture.ReadAsync(await agentA.GetAsync("/api/v1/leads?search=765"), "list");
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).Should().Contain(id);
        var moved = await agentA.PostAsJsonAsync($"/api/v1/leads/{id}/status", new { status = "contacted", expectedVersion = 1 });
        moved.StatusCode.Should().Be(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());

        var agentB = await fx.SessionAsync(fx.TenantB, Role.Agent);
        (await agentB.GetAsync($"/api/v1/leads/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var pageB = await TenancyFixture.ReadAsync(await agentB.GetAsync("/api/v1/leads?search=765"), "list b");
        pageB.GetProperty("items").GetArrayLength().Should().Be(0);
        (await agentB.PostAsJsonAsync($"/api/v1/leads/{id}/status", new { status = "lost" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_change_without_the_csrf_token_is_refused_but_an_api_key_needs_none()
    {
        var session = await fx.SessionAsync(fx.TenantA, Role.Agent);
        session.DefaultRequestHeaders.Remove("X-CSRF-Token");
        (await session.PostAsJsonAsync("/api/v1/leads", new { name = "בלי אסימון" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await session.GetAsync("/api/v1/leads")).StatusCode.Should().Be(HttpStatusCode.OK);

        var key = fx.ApiKeyClient(fx.TenantA, Role.Agent);
        var created = await TenancyFixture.ReadAsync(await key.PostAsJsonAsync("/api/v1/leads", new { name = "מהאתר" }), "api key lead");
        created.GetProperty("source").GetString().Should().Be("api");
    }
}

public sealed class LeadDeduplicationApiTests(TenancyFixture fx) : IClassFixture<TenancyFixture>
{
    [Fact]
    public async Task Posting_a_known_phone_answers_200_with_the_existing_lead_instead_of_a_duplicate()
    {
        var agent = await fx.SessionAsync(fx.TenantA, ProSaaS.Domain.Users.Role.Agent);
        var first = await agent.PostAsJsonAsync("/api/v1/leads", new { phone = "053-111-2233", fields = new { city = "עכו" } });
        var again = await agent.PostAsJsonAsync("/api/v1/leads", new { name = "נועם", phone = "+972531112233" });

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        var lead = await TenancyFixture.ReadAsync(again, "merged");
        lead.GetProperty("id").GetGuid().Should().Be((await TenancyFixture.ReadAsync(first, "first")).GetProperty("id").GetGuid());
        lead.GetProperty("name").GetString().Should().Be("נועם");
        lead.GetProperty("fields").GetProperty("city").GetString().Should().Be("עכו");
        (await fx.Database.ScalarAsync<long>("select count(*) from leads where phone = '+972531112233'")).Should().Be(1);
    }
}

public sealed class LeadStatusApiTests(TenancyFixture fx) : IClassFixture<TenancyFixture>
{
    [Fact]
    public async Task Statuses_come_from_the_business_settings()
    {
        var owner = await fx.SessionAsync(fx.TenantA, ProSaaS.Domain.Users.Role.Owner);
        var lead = await TenancyFixture.ReadAsync(await owner.PostAsJsonAsync("/api/v1/leads", new { name = "סטטוסים" }), "lead");
        var id = lead.GetProperty("id").GetGuid();
        var unknown = await owner.PostAsJsonAsync($"/api/v1/leads/{id}/status", new { status = "vip" });
        (await unknown.ShouldBeProblemAsync(422)).GetProperty("code").GetString().Should().Be("lead.status_unknown");

        // The business adds its own status; from then on leads may move to it.
        var current = await TenancyFixture.ReadAsync(await owner.GetAsync("/api/v1/business/settings"), "settings");
        var settings = System.Text.Json.Nodes.JsonNode.Parse(current.GetProperty("settings").GetRawText())!.AsObject();
        settings["leadStatuses"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject
        {
            ["key"] = "vip", ["label"] = "לקוח VIP", ["color"] = "#AA8800", ["isDefault"] = false, ["isWon"] = false, ["isLost"] = false,
        });
        await TenancyFixture.ReadAsync(await owner.PutAsJsonAsync("/api/v1/business/settings", new { settings }), "add a status");

        (await owner.PostAsJsonAsync($"/api/v1/leads/{id}/status", new { status = "vip" })).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
