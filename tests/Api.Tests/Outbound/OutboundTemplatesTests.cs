using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Application.Outbound;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Outbound;

/// <summary>Outbound call templates on the real Api and PostgreSQL.</summary>
public sealed class OutboundTemplatesTests(TenancyFixture fx) : IClassFixture<TenancyFixture>
{
    private const string Templates = OutboundApi.Templates;

    private Guid A => fx.TenantA;

    private Guid B => fx.TenantB;

    [Fact]
    public async Task An_admin_creates_an_active_template_recorded_as_an_event_stream()
    {
        var admin = await fx.CachedSessionAsync(A, Role.Admin);
        var name = Callers.Unique("חזרה ללידים");

        var response = await admin.PostAsJsonAsync(Templates, new
        {
            name = $"  {name}  ", description = " שיחת היכרות ", promptText = " שאלי על התקציב. ", greetingTemplate = " היי {lead_name}, כאן {business} ",
        });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var template = await response.ReadJsonAsync();
        var id = template.GetProperty("id").GetGuid();
        response.Headers.Location!.ToString().Should().Be($"{Templates}/{id}");
        template.GetProperty("name").GetString().Should().Be(name);
        template.GetProperty("description").GetString().Should().Be("שיחת היכרות");
        template.GetProperty("promptText").GetString().Should().Be("שאלי על התקציב.");
        template.GetProperty("greetingTemplate").GetString().Should().Be("היי {lead_name}, כאן {business}");
        template.GetProperty("active").GetBoolean().Should().BeTrue();
        template.GetProperty("version").GetInt64().Should().Be(1);

        (await fx.Database.ScalarAsync<string>("select type from mt_streams where id = $1", id)).Should().Be("outbound_template");
        (await fx.Database.ScalarAsync<string>("select type from mt_events where stream_id = $1", id)).Should().Be("outbound_template_created");
        (await fx.Database.ScalarAsync<string>("select tenant_id from outbound_templates where id = $1", id)).Should().Be(A.ToString());
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        (await TenancyFixture.ReadAsync(await agent.GetAsync($"{Templates}/{id}"), "get")).GetProperty("name").GetString().Should().Be(name);
    }

    [Fact]
    public async Task Every_invalid_field_is_listed_and_nothing_is_stored()
    {
        var admin = await fx.CachedSessionAsync(A, Role.Admin);
        var before = await fx.Database.ScalarAsync<long>("select count(*) from outbound_templates");

        var problem = await (await admin.PostAsJsonAsync(Templates, new
        {
            name = " ", promptText = "", greetingTemplate = "שלום {first_name} מ{business}", description = new string('א', 1001),
        })).ShouldBeProblemAsync(400);

        var errors = problem.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo(["name", "promptText", "greetingTemplate", "description"]);
        errors.GetProperty("greetingTemplate")[0].GetString().Should().Contain("{first_name}").And.Contain("{lead_name}");
        var braces = await (await admin.PostAsJsonAsync(Templates, OutboundApi.TemplateBody(greeting: "שלום {lead_name")))
            .ShouldBeProblemAsync(400);
        braces.GetProperty("errors").GetProperty("greetingTemplate")[0].GetString().Should().Contain("סוגריים");
        (await fx.Database.ScalarAsync<long>("select count(*) from outbound_templates")).Should().Be(before);
    }

    [Fact]
    public async Task Names_are_unique_in_the_business_until_the_template_is_deleted()
    {
        var admin = await fx.CachedSessionAsync(A, Role.Admin);
        var name = Callers.Unique("תבנית");
        var first = await fx.NewTemplateAsync(A, name);
        var other = await fx.NewTemplateAsync(A);

        var taken = await (await admin.PostAsJsonAsync(Templates, OutboundApi.TemplateBody(name.ToUpperInvariant() + " ")))
            .ShouldBeProblemAsync(409);
        taken.GetProperty("code").GetString().Should().Be("outbound.template_name_taken");
        (await (await admin.PutAsJsonAsync($"{Templates}/{other.GetProperty("id").GetGuid()}", OutboundApi.TemplateBody(name)))
            .ShouldBeProblemAsync(409)).GetProperty("code").GetString().Should().Be("outbound.template_name_taken");
        // Another business may use the name.
        await fx.NewTemplateAsync(B, name);

        (await admin.DeleteAsync($"{Templates}/{first.GetProperty("id").GetGuid()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await admin.PostAsJsonAsync(Templates, OutboundApi.TemplateBody(name))).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_list_shows_active_templates_newest_first_page_by_page()
    {
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var first = (await fx.NewTemplateAsync(A)).GetProperty("id").GetGuid();
        var inactive = (await fx.NewTemplateAsync(A, active: false)).GetProperty("id").GetGuid();
        var third = (await fx.NewTemplateAsync(A)).GetProperty("id").GetGuid();
        var foreign = (await fx.NewTemplateAsync(B)).GetProperty("id").GetGuid();

        var active = await AllPagesAsync(agent, "");
        active.Should().ContainInOrder(third, first).And.NotContain(inactive).And.NotContain(foreign).And.OnlyHaveUniqueItems();
        var all = await AllPagesAsync(agent, "&includeInactive=true");
        all.Should().ContainInOrder(third, inactive, first).And.NotContain(foreign).And.OnlyHaveUniqueItems();

        var page = await TenancyFixture.ReadAsync(await agent.GetAsync($"{Templates}?limit=1&includeInactive=true"), "first page");
        page.GetProperty("items").GetArrayLength().Should().Be(1);
        page.GetProperty("next").GetString().Should().NotBeNullOrEmpty();

        var invalid = await (await agent.GetAsync($"{Templates}?limit=0&next=not-a-cursor")).ShouldBeProblemAsync(400);
        invalid.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo(["limit", "next"]);
    }

    [Fact]
    public async Task A_change_replaces_the_template_and_can_deactivate_it_with_optimistic_concurrency()
    {
        var admin = await fx.CachedSessionAsync(A, Role.Admin);
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var created = await fx.NewTemplateAsync(A);
        var id = created.GetProperty("id").GetGuid();
        var name = Callers.Unique("שם חדש");

        var changed = await TenancyFixture.ReadAsync(await admin.PutAsJsonAsync($"{Templates}/{id}", new
        {
            name, promptText = "הנחיות חדשות", active = false, expectedVersion = 1,
        }), "change");

        changed.GetProperty("name").GetString().Should().Be(name);
        changed.GetProperty("promptText").GetString().Should().Be("הנחיות חדשות");
        changed.GetProperty("description").ValueKind.Should().Be(JsonValueKind.Null);
        changed.GetProperty("greetingTemplate").ValueKind.Should().Be(JsonValueKind.Null);
        changed.GetProperty("active").GetBoolean().Should().BeFalse();
        changed.GetProperty("version").GetInt64().Should().Be(3);
        (await fx.Database.ScalarAsync<string>("select string_agg(type, ',' order by version) from mt_events where stream_id = $1", id))
            .Should().Be("outbound_template_created,outbound_template_changed,outbound_template_deactivated");
        (await AllPagesAsync(agent, "")).Should().NotContain(id);
        (await TenancyFixture.ReadAsync(await agent.GetAsync($"{Templates}/{id}"), "get inactive")).GetProperty("active").GetBoolean().Should().BeFalse();

        var stale = await (await admin.PutAsJsonAsync($"{Templates}/{id}", new { name, promptText = "עוד", expectedVersion = 1 }))
            .ShouldBeProblemAsync(409);
        stale.GetProperty("detail").GetString().Should().NotBeNullOrEmpty();
        var reactivated = await TenancyFixture.ReadAsync(
            await admin.PutAsJsonAsync($"{Templates}/{id}", new { name, promptText = "הנחיות חדשות", active = true }), "reactivate");
        reactivated.GetProperty("active").GetBoolean().Should().BeTrue();
        reactivated.GetProperty("version").GetInt64().Should().Be(4);
        (await AllPagesAsync(agent, "")).Should().Contain(id);
    }

    [Fact]
    public async Task A_deleted_template_vanishes_but_keeps_its_name_for_past_calls()
    {
        var admin = await fx.CachedSessionAsync(A, Role.Admin);
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var created = await fx.NewTemplateAsync(A);
        var id = created.GetProperty("id").GetGuid();
        var name = created.GetProperty("name").GetString()!;

        (await admin.DeleteAsync($"{Templates}/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await (await agent.GetAsync($"{Templates}/{id}")).ShouldBeProblemAsync(404);
        await (await admin.PutAsJsonAsync($"{Templates}/{id}", OutboundApi.TemplateBody(name))).ShouldBeProblemAsync(404);
        await (await admin.DeleteAsync($"{Templates}/{id}")).ShouldBeProblemAsync(404);
        (await AllPagesAsync(agent, "&includeInactive=true")).Should().NotContain(id);
        (await fx.Database.ScalarAsync<bool>("select deleted_at is not null from outbound_templates where id = $1", id)).Should().BeTrue();
        (await fx.Database.ScalarAsync<string>("select type from mt_events where stream_id = $1 and version = 2", id))
            .Should().Be("outbound_template_deleted");

        await using var scope = fx.Api.Services.CreateAsyncScope();
        var names = await scope.ServiceProvider.GetRequiredService<IOutboundTemplateQueries>()
            .NamesAsync(A.ToString(), [id, Guid.NewGuid()], CancellationToken.None);
        names.Should().ContainSingle().Which.Value.Should().Be(new OutboundTemplateName(id, name, Deleted: true));
        (await scope.ServiceProvider.GetRequiredService<IOutboundTemplateQueries>().NamesAsync(B.ToString(), [id], CancellationToken.None))
            .Should().BeEmpty("another business does not see the template");
    }

    [Fact]
    public async Task Agents_read_templates_but_do_not_manage_them()
    {
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var id = (await fx.NewTemplateAsync(A)).GetProperty("id").GetGuid();
        var name = Callers.Unique("של סוכן");

        await (await agent.PostAsJsonAsync(Templates, OutboundApi.TemplateBody(name))).ShouldBeProblemAsync(403);
        await (await agent.PutAsJsonAsync($"{Templates}/{id}", OutboundApi.TemplateBody(name))).ShouldBeProblemAsync(403);
        await (await agent.DeleteAsync($"{Templates}/{id}")).ShouldBeProblemAsync(403);
        (await fx.Database.ScalarAsync<long>("select count(*) from outbound_templates where name = $1", name)).Should().Be(0);
        (await fx.Database.ScalarAsync<long>("select version from outbound_templates where id = $1", id)).Should().Be(1);
    }

    [Fact]
    public async Task A_rebuild_from_the_events_gives_back_the_same_templates()
    {
        var admin = await fx.CachedSessionAsync(A, Role.Admin);
        var changed = (await fx.NewTemplateAsync(A)).GetProperty("id").GetGuid();
        (await admin.PutAsJsonAsync($"{Templates}/{changed}", new { name = Callers.Unique("שונה"), promptText = "אחרות", active = false }))
            .EnsureSuccessStatusCode();
        var deleted = (await fx.NewTemplateAsync(A)).GetProperty("id").GetGuid();
        (await admin.DeleteAsync($"{Templates}/{deleted}")).EnsureSuccessStatusCode();
        await fx.NewTemplateAsync(B);
        const string snapshot = "select string_agg(to_jsonb(t)::text, E'\\n' order by tenant_id, id) from outbound_templates t";
        var before = await fx.Database.ScalarAsync<string>(snapshot);

        await fx.Api.Services.GetRequiredService<ProSaaS.Infrastructure.Projections.Daemon.ProjectionDaemon>().RebuildAsync("outbound_templates");

        (await fx.Database.ScalarAsync<string>(snapshot)).Should().Be(before);
        (await fx.Database.ScalarAsync<bool>("select not is_active from outbound_templates where id = $1", changed)).Should().BeTrue();
    }

    private static async Task<List<Guid>> AllPagesAsync(HttpClient client, string query)
    {
        var ids = new List<Guid>();
        string? next = null;
        do
        {
            var page = await TenancyFixture.ReadAsync(
                await client.GetAsync($"{Templates}?limit=2{query}{(next is null ? "" : "&next=" + Uri.EscapeDataString(next))}"), "list templates");
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
            next = page.GetProperty("next").GetString();
        }
        while (next is not null);

        return ids;
    }
}
