using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Crm;

/// <summary>Lead fields, assignment, the activity timeline, the kanban and deletion, over the real Api and PostgreSQL.</summary>
public sealed class LeadCrmTests(TenancyFixture fx) : IClassFixture<TenancyFixture>
{
    private async Task<JsonElement> CreateAsync(HttpClient client, object body) =>
        await TenancyFixture.ReadAsync(await client.PostAsJsonAsync("/api/v1/leads", body), "create a lead");

    [Fact]
    public async Task Fields_are_checked_against_the_business_schema_and_stored_in_canonical_form()
    {
        var agent = await fx.CachedSessionAsync(fx.TenantA, Role.Agent);
        var lead = await CreateAsync(agent, new
        {
            name = "דוד", phone = Callers.UniqueMobile(),
            fields = new Dictionary<string, string> { ["budget"] = "2,500,000 ₪", ["rooms"] = "3.5", ["property_type"] = "דירת גן", ["city"] = " חולון " },
        });
        var fields = lead.GetProperty("fields");
        fields.GetProperty("budget").GetString().Should().Be("2500000");
        fields.GetProperty("rooms").GetString().Should().Be("3.5");
        fields.GetProperty("property_type").GetString().Should().Be("דירת גן");
        fields.GetProperty("city").GetString().Should().Be("חולון");

        var name = Callers.Unique("שדות");
        var refused = await agent.PostAsJsonAsync("/api/v1/leads", new
        {
            name, fields = new Dictionary<string, string> { ["colour"] = "כחול", ["budget"] = "הרבה", ["property_type"] = "צוללת" },
        });
        var problem = await refused.ShouldBeProblemAsync(400);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .Should().BeEquivalentTo("fields.colour", "fields.budget", "fields.property_type");
        (await fx.Database.ScalarAsync<long>("select count(*) from leads where name = $1", name)).Should().Be(0);
    }

    [Fact]
    public async Task A_business_defines_its_own_fields_and_a_lead_is_corrected_field_by_field()
    {
        var owner = await fx.SessionAsync(fx.TenantB, Role.Owner);
        var current = await TenancyFixture.ReadAsync(await owner.GetAsync("/api/v1/business/settings"), "settings");
        var settings = JsonNode.Parse(current.GetProperty("settings").GetRawText())!.AsObject();
        settings["leadFields"] = JsonNode.Parse("""
            [ { "key": "move_in", "label": "תאריך כניסה", "type": "date" },
              { "key": "parking", "label": "חניה", "type": "boolean" },
              { "key": "office_phone", "label": "טלפון במשרד", "type": "phone" },
              { "key": "city", "label": "עיר", "type": "text" } ]
            """);
        await TenancyFixture.ReadAsync(await owner.PutAsJsonAsync("/api/v1/business/settings",
            new { settings, expectedVersion = current.GetProperty("version").GetInt64() }), "own fields");

        var lead = await CreateAsync(owner, new { name = "אורית", fields = new { move_in = "01/03/2027", parking = "כן", city = "יפו" } });
        var id = lead.GetProperty("id").GetGuid();
        lead.GetProperty("fields").GetProperty("move_in").GetString().Should().Be("2027-03-01");
        lead.GetProperty("fields").GetProperty("parking").GetString().Should().Be("true");
        (await owner.PostAsJsonAsync("/api/v1/leads", new { name = "x", fields = new { budget = "1" } })).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var patched = await TenancyFixture.ReadAsync(await owner.PatchAsJsonAsync($"/api/v1/leads/{id}", new
        {
            email = "orit@example.co.il",
            fields = new Dictionary<string, string?> { ["office_phone"] = "03-555-1234", ["city"] = null },
            expectedVersion = 1,
        }), "patch");
        patched.GetProperty("email").GetString().Should().Be("orit@example.co.il");
        patched.GetProperty("fields").GetProperty("office_phone").GetString().Should().Be("+97235551234");
        patched.GetProperty("fields").TryGetProperty("city", out _).Should().BeFalse();
        patched.GetProperty("fields").GetProperty("move_in").GetString().Should().Be("2027-03-01");
        patched.GetProperty("version").GetInt64().Should().Be(2);

        await (await owner.PatchAsJsonAsync($"/api/v1/leads/{id}", new { name = "אורית ל", expectedVersion = 1 })).ShouldBeProblemAsync(409);
        var bad = await (await owner.PatchAsJsonAsync($"/api/v1/leads/{id}", new { fields = new { parking = "אולי" } })).ShouldBeProblemAsync(400);
        bad.GetProperty("errors").TryGetProperty("fields.parking", out _).Should().BeTrue();
        var cleared = await TenancyFixture.ReadAsync(await owner.PatchAsJsonAsync($"/api/v1/leads/{id}", new { email = "" }), "clear e-mail");
        cleared.GetProperty("email").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_phone_another_lead_has_cannot_be_given_to_a_lead()
    {
        var agent = await fx.CachedSessionAsync(fx.TenantA, Role.Agent);
        var taken = Callers.UniqueMobile();
        await CreateAsync(agent, new { name = "ראשון", phone = taken });
        var second = await CreateAsync(agent, new { name = "שני", phone = Callers.UniqueMobile() });
        var conflict = await (await agent.PatchAsJsonAsync($"/api/v1/leads/{second.GetProperty("id").GetGuid()}", new { phone = taken }))
            .ShouldBeProblemAsync(409);
        conflict.GetProperty("code").GetString().Should().Be("lead.phone_exists");
    }

    [Fact]
    public async Task A_lead_is_assigned_to_an_active_user_of_the_business_and_listed_under_them()
    {
        var admin = await fx.CachedSessionAsync(fx.TenantA, Role.Admin);
        var agentId = fx.Users[(fx.TenantA, Role.Agent)];
        var id = (await CreateAsync(admin, new { name = Callers.Unique("להקצאה") })).GetProperty("id").GetGuid();

        var assigned = await TenancyFixture.ReadAsync(await admin.PutAsJsonAsync($"/api/v1/leads/{id}/assignee", new { userId = agentId }), "assign");
        assigned.GetProperty("assigneeUserId").GetGuid().Should().Be(agentId);
        assigned.GetProperty("assigneeName").GetString().Should().NotBeNullOrEmpty();

        var agent = await fx.CachedSessionAsync(fx.TenantA, Role.Agent);
        var mine = await TenancyFixture.ReadAsync(await agent.GetAsync("/api/v1/leads?assignee=me&limit=100"), "mine");
        mine.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).Should().Contain(id);
        var nobodys = await TenancyFixture.ReadAsync(await agent.GetAsync("/api/v1/leads?assignee=none&limit=100"), "nobody's");
        nobodys.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).Should().NotContain(id);

        var foreignUser = fx.Users[(fx.TenantB, Role.Agent)];
        var refused = await (await admin.PutAsJsonAsync($"/api/v1/leads/{id}/assignee", new { userId = foreignUser })).ShouldBeProblemAsync(422);
        refused.GetProperty("code").GetString().Should().Be("lead.assignee_unknown");
        (await fx.Database.ScalarAsync<Guid>("select assignee_user_id from leads where id = $1", id)).Should().Be(agentId);

        var released = await TenancyFixture.ReadAsync(await admin.PutAsJsonAsync($"/api/v1/leads/{id}/assignee", new { userId = (Guid?)null }), "release");
        released.GetProperty("assigneeUserId").ValueKind.Should().Be(JsonValueKind.Null);
        (await agent.GetAsync("/api/v1/leads?assignee=someone")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_activity_timeline_tells_the_lead_s_story_newest_first_in_pages()
    {
        var admin = await fx.CachedSessionAsync(fx.TenantA, Role.Admin);
        var phone = Callers.UniqueMobile();
        var id = (await CreateAsync(admin, new { name = "מיכל", phone })).GetProperty("id").GetGuid();
        await TenancyFixture.ReadAsync(await admin.PostAsJsonAsync($"/api/v1/leads/{id}/status", new { status = "contacted", reason = "חזרנו אליה" }), "status");
        await TenancyFixture.ReadAsync(await admin.PatchAsJsonAsync($"/api/v1/leads/{id}", new { fields = new { city = "רמלה" } }), "details");
        await TenancyFixture.ReadAsync(await admin.PutAsJsonAsync($"/api/v1/leads/{id}/assignee", new { userId = fx.Users[(fx.TenantA, Role.Agent)] }), "assign");
        await CreateAsync(admin, new { phone, fields = new { rooms = "4" } });

        var activity = await TenancyFixture.ReadAsync(await admin.GetAsync($"/api/v1/leads/{id}/activity"), "activity");
        var items = activity.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("type").GetString()).Should().Equal(
            "lead_capture_merged", "lead_assigned", "lead_details_changed", "lead_status_changed", "lead_captured");
        items.Should().OnlyContain(i => i.GetProperty("kind").GetString() == "lead");
        items[3].GetProperty("summary").GetString().Should().Be("הסטטוס שונה מ\"חדש\" ל\"נוצר קשר\" — חזרנו אליה");
        items[4].GetProperty("summary").GetString().Should().Be("הליד נקלט (הזנה ידנית)");
        items[3].GetProperty("actor").GetString().Should().NotBeNullOrEmpty();
        items[3].GetProperty("data").GetProperty("toStatus").GetString().Should().Be("contacted");

        var first = await TenancyFixture.ReadAsync(await admin.GetAsync($"/api/v1/leads/{id}/activity?limit=2"), "page 1");
        first.GetProperty("items").GetArrayLength().Should().Be(2);
        var second = await TenancyFixture.ReadAsync(
            await admin.GetAsync($"/api/v1/leads/{id}/activity?limit=2&next={first.GetProperty("next").GetString()}"), "page 2");
        var third = await TenancyFixture.ReadAsync(
            await admin.GetAsync($"/api/v1/leads/{id}/activity?limit=2&next={second.GetProperty("next").GetString()}"), "page 3");
        first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Concat(third.GetProperty("items").EnumerateArray())
            .Select(i => i.GetProperty("id").GetGuid()).Should().Equal(items.Select(i => i.GetProperty("id").GetGuid()));
        third.GetProperty("next").ValueKind.Should().Be(JsonValueKind.Null);

        var other = await fx.CachedSessionAsync(fx.TenantB, Role.Owner);
        await (await other.GetAsync($"/api/v1/leads/{id}/activity")).ShouldBeProblemAsync(404);
    }

    [Fact]
    public async Task The_kanban_has_a_column_per_status_in_the_business_order_with_counts()
    {
        var owner = await fx.SessionAsync(fx.TenantB, Role.Owner);
        var marker = Callers.Unique("קנבן");
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await CreateAsync(owner, new { name = $"{marker} {i}" })).GetProperty("id").GetGuid());
        }

        await TenancyFixture.ReadAsync(await owner.PostAsJsonAsync($"/api/v1/leads/{ids[0]}/status", new { status = "qualified" }), "move");
        var board = await TenancyFixture.ReadAsync(await owner.GetAsync($"/api/v1/leads/board?perColumn=2&search={Uri.EscapeDataString(marker)}"), "board");
        var columns = board.GetProperty("columns").EnumerateArray().ToList();
        columns.Select(c => c.GetProperty("status").GetString()).Should().StartWith(["new", "contacted", "qualified"]);
        var fresh = columns.Single(c => c.GetProperty("status").GetString() == "new");
        fresh.GetProperty("count").GetInt64().Should().Be(2);
        fresh.GetProperty("label").GetString().Should().Be("חדש");
        fresh.GetProperty("leads").EnumerateArray().Select(l => l.GetProperty("id").GetGuid()).Should().BeEquivalentTo(ids.Skip(1));
        var qualified = columns.Single(c => c.GetProperty("status").GetString() == "qualified");
        qualified.GetProperty("leads").EnumerateArray().Single().GetProperty("id").GetGuid().Should().Be(ids[0]);
        columns.Single(c => c.GetProperty("status").GetString() == "won").GetProperty("isWon").GetBoolean().Should().BeTrue();

        var limited = await TenancyFixture.ReadAsync(await owner.GetAsync($"/api/v1/leads/board?perColumn=1&search={Uri.EscapeDataString(marker)}"), "limited");
        var newColumn = limited.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("status").GetString() == "new");
        newColumn.GetProperty("count").GetInt64().Should().Be(2);
        newColumn.GetProperty("leads").GetArrayLength().Should().Be(1);
        (await owner.GetAsync("/api/v1/leads/board?perColumn=0")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Bulk_delete_removes_the_leads_erases_their_details_and_reports_unknown_ids()
    {
        var admin = await fx.CachedSessionAsync(fx.TenantA, Role.Admin);
        var phone = Callers.UniqueMobile();
        var doomed = await CreateAsync(admin, new { name = "למחיקה", phone, email = "gone@example.co.il", fields = new { city = "צפת" } });
        var doomedId = doomed.GetProperty("id").GetGuid();
        await TenancyFixture.ReadAsync(await admin.PostAsJsonAsync($"/api/v1/leads/{doomedId}/status", new { status = "contacted" }), "status");
        var other = (await CreateAsync(admin, new { name = "גם למחיקה" })).GetProperty("id").GetGuid();
        var kept = (await CreateAsync(admin, new { name = "נשאר" })).GetProperty("id").GetGuid();
        var unknown = Guid.NewGuid();

        var result = await TenancyFixture.ReadAsync(await admin.PostAsJsonAsync("/api/v1/leads/bulk-delete",
            new { leadIds = new[] { doomedId, other, unknown, doomedId }, reason = "בקשת הלקוח" }), "bulk delete");
        result.GetProperty("deleted").EnumerateArray().Select(e => e.GetGuid()).Should().BeEquivalentTo([doomedId, other]);
        result.GetProperty("notFound").EnumerateArray().Select(e => e.GetGuid()).Should().Equal(unknown);

        (await fx.Database.ScalarAsync<long>("select count(*) from leads where id = any($1)", new[] { doomedId, other })).Should().Be(0);
        (await fx.Database.ScalarAsync<long>("select count(*) from leads where id = $1", kept)).Should().Be(1);
        await (await admin.GetAsync($"/api/v1/leads/{doomedId}")).ShouldBeProblemAsync(404);
        await (await admin.PostAsJsonAsync($"/api/v1/leads/{doomedId}/status", new { status = "won" })).ShouldBeProblemAsync(404);
        await (await admin.PatchAsJsonAsync($"/api/v1/leads/{doomedId}", new { name = "חזרה" })).ShouldBeProblemAsync(404);

        // The history stays (types, ids, times, statuses); the personal details in it do not.
        var events = await fx.Database.ScalarAsync<string>(
            "select string_agg(type || ' ' || data::text, ' | ' order by seq_id) from mt_events where stream_id = $1", doomedId);
        events.Should().Contain("lead_captured").And.Contain("lead_status_changed").And.Contain("lead_deleted").And.Contain("contacted");
        events.Should().NotContain("למחיקה").And.NotContain("gone@example").And.NotContain("צפת").And.NotContain(phone[4..]);

        // The phone is free again: a new capture makes a new lead.
        var again = await admin.PostAsJsonAsync("/api/v1/leads", new { phone });
        again.StatusCode.Should().Be(HttpStatusCode.Created);
        (await TenancyFixture.ReadAsync(again, "again")).GetProperty("id").GetGuid().Should().NotBe(doomedId);

        var repeat = await TenancyFixture.ReadAsync(await admin.PostAsJsonAsync("/api/v1/leads/bulk-delete", new { leadIds = new[] { doomedId } }), "repeat");
        repeat.GetProperty("deleted").GetArrayLength().Should().Be(0);
        (await admin.PostAsJsonAsync("/api/v1/leads/bulk-delete", new { leadIds = Array.Empty<Guid>() })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_bulk_delete_that_fails_half_way_deletes_nothing()
    {
        var admin = await fx.CachedSessionAsync(fx.TenantA, Role.Admin);
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await CreateAsync(admin, new { name = Callers.Unique("אטומי") })).GetProperty("id").GetGuid());
        }

        // The third lead's row refuses to go: the whole operation must roll back.
        var function = "refuse_" + Guid.NewGuid().ToString("N");
        await fx.Database.ExecuteAsync($"""
            create function {function}() returns trigger language plpgsql as $$
            begin
                if old.id = '{ids[2]}' then raise exception 'refused for the test'; end if;
                return old;
            end $$;
            create trigger {function} before delete on leads for each row execute function {function}();
            """);
        try
        {
            var response = await admin.PostAsJsonAsync("/api/v1/leads/bulk-delete", new { leadIds = ids });
            ((int)response.StatusCode).Should().Be(500);
        }
        finally
        {
            await fx.Database.ExecuteAsync($"drop trigger {function} on leads; drop function {function}();");
        }

        (await fx.Database.ScalarAsync<long>("select count(*) from leads where id = any($1)", ids.ToArray())).Should().Be(3);
        (await fx.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = any($1) and type = 'lead_deleted'", ids.ToArray())).Should().Be(0);
        (await fx.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = any($1) and data ? 'erased'", ids.ToArray())).Should().Be(0);

        var done = await TenancyFixture.ReadAsync(await admin.PostAsJsonAsync("/api/v1/leads/bulk-delete", new { leadIds = ids }), "retry");
        done.GetProperty("deleted").GetArrayLength().Should().Be(3);
    }

    [Fact]
    public async Task Deleting_one_lead_answers_204_then_404_and_agents_may_not_delete()
    {
        var admin = await fx.CachedSessionAsync(fx.TenantA, Role.Admin);
        var id = (await CreateAsync(admin, new { name = Callers.Unique("יחיד") })).GetProperty("id").GetGuid();
        var agent = await fx.CachedSessionAsync(fx.TenantA, Role.Agent);
        await (await agent.DeleteAsync($"/api/v1/leads/{id}")).ShouldBeProblemAsync(403);
        (await admin.DeleteAsync($"/api/v1/leads/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await admin.DeleteAsync($"/api/v1/leads/{id}")).ShouldBeProblemAsync(404);
    }
}
