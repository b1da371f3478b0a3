using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Domain.Tenants;
using ProSaaS.Domain.Users;
using ProSaaS.Infrastructure.Projections.Daemon;

namespace ProSaaS.Api.Tests.Prompts;

/// <summary>The business's prompts per channel, with versions, on the real Api and PostgreSQL.</summary>
public sealed class PromptsTests(TenancyFixture fx) : IClassFixture<TenancyFixture>
{
    private const string Prompts = PromptsApi.Prompts;

    private Guid A => fx.TenantA;

    private Guid B => fx.TenantB;

    [Fact]
    public async Task A_new_business_is_at_version_zero_of_every_channel_with_the_default_texts()
    {
        var (_, session) = await NewBusinessAsync();

        var channels = (await TenancyFixture.ReadAsync(await session.GetAsync(Prompts), "list")).EnumerateArray().ToList();

        channels.Select(c => c.GetProperty("channel").GetString()).Should().Equal("inbound_call", "outbound_call", "whatsapp");
        channels.Select(c => c.GetProperty("current").GetProperty("version").GetInt32()).Should().Equal(0, 0, 0);
        channels[0].GetProperty("current").GetProperty("text").GetString().Should().Be(TenantSettings.DefaultInboundPrompt);
        channels[2].GetProperty("current").GetProperty("text").GetString().Should().Be(TenantPrompts.DefaultWhatsappPrompt);
        channels[1].GetProperty("current").GetProperty("note").GetString().Should().Be("ברירת מחדל");
        channels[1].GetProperty("current").GetProperty("createdAt").ValueKind.Should().Be(JsonValueKind.Null);
        var history = await TenancyFixture.ReadAsync(await session.GetAsync($"{Prompts}/whatsapp"), "history");
        history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("version").GetInt32()).Should().Equal(0);
        history.GetProperty("next").ValueKind.Should().Be(JsonValueKind.Null);
        (await TenancyFixture.ReadAsync(await session.GetAsync($"{Prompts}/outbound_call/versions/0"), "version 0"))
            .GetProperty("text").GetString().Should().Be(TenantSettings.DefaultOutboundPrompt);
    }

    [Fact]
    public async Task A_save_records_the_next_version_with_its_author_time_and_note_and_the_settings_follow()
    {
        var admin = await fx.CachedSessionAsync(A, Role.Admin);
        var before = await PromptsApi.CurrentVersionAsync(admin, "inbound_call");
        var text = Callers.Unique("לענות בקצרה ל{business}") + "\r\nולהציע פגישה.  ";

        var response = await admin.PutAsJsonAsync($"{Prompts}/inbound_call", new { text, note = " קיצור הפתיח ", baseVersion = before });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var saved = await response.ReadJsonAsync();
        response.Headers.Location!.ToString().Should().Be($"{Prompts}/inbound_call/versions/{before + 1}");
        saved.GetProperty("channel").GetString().Should().Be("inbound_call");
        saved.GetProperty("version").GetInt32().Should().Be(before + 1);
        saved.GetProperty("text").GetString().Should().Be(text.Replace("\r\n", "\n").Trim());
        saved.GetProperty("note").GetString().Should().Be("קיצור הפתיח");
        saved.GetProperty("authorId").GetString().Should().Be(fx.Users[(A, Role.Admin)].ToString());
        saved.GetProperty("authorName").GetString().Should().Be($"{Role.Admin} {A:N}"[..20]);
        saved.GetProperty("createdAt").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));

        (await fx.Database.ScalarAsync<long>(
            "select count(*) from mt_events where stream_id = $1 and type = 'tenant_prompt_saved' and data->>'channel' = 'inbound_call' and data->>'version' = $2",
            A, (before + 1).ToString()))
            .Should().Be(1);
        (await fx.Database.ScalarAsync<string>("select tenant_id from tenant_prompt_versions where tenant_id = $1 and channel = 'inbound_call' and version = $2",
            A.ToString(), before + 1)).Should().Be(A.ToString());
        var settings = await TenancyFixture.ReadAsync(await admin.GetAsync("/api/v1/business/settings"), "settings");
        settings.GetProperty("settings").GetProperty("inboundPrompt").GetString().Should().Be(saved.GetProperty("text").GetString());
        settings.GetProperty("version").GetInt64().Should().Be(await fx.Database.ScalarAsync<long>("select version from mt_streams where id = $1", A));
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var history = await TenancyFixture.ReadAsync(await agent.GetAsync($"{Prompts}/inbound_call"), "history");
        history.GetProperty("current").GetProperty("version").GetInt32().Should().Be(before + 1);
        history.GetProperty("items")[0].GetProperty("text").GetString().Should().Be(saved.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Two_people_editing_the_same_version_cannot_overwrite_each_other_unseen()
    {
        var admin = await fx.CachedSessionAsync(A, Role.Admin);
        var owner = await fx.CachedSessionAsync(A, Role.Owner);
        var seen = await PromptsApi.CurrentVersionAsync(owner, "outbound_call");
        var first = Callers.Unique("גרסה של המנהל");
        await TenancyFixture.ReadAsync(await admin.PutAsJsonAsync($"{Prompts}/outbound_call", new { text = first, baseVersion = seen }), "first save");
        var events = await fx.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1", A);

        var problem = await (await owner.PutAsJsonAsync($"{Prompts}/outbound_call", new { text = Callers.Unique("גרסה של הבעלים"), baseVersion = seen }))
            .ShouldBeProblemAsync(409);

        problem.GetProperty("code").GetString().Should().Be("prompt.version_conflict");
        problem.GetProperty("detail").GetString().Should().Contain($"הגרסה הנוכחית היא {seen + 1}").And.Contain($"{Role.Admin} {A:N}"[..20]).And.Contain("לא נשמר דבר");
        (await fx.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1", A)).Should().Be(events);
        (await TenancyFixture.ReadAsync(await owner.GetAsync($"{Prompts}/outbound_call/versions/{seen + 1}"), "current"))
            .GetProperty("text").GetString().Should().Be(first);
    }

    [Fact]
    public async Task Saving_the_current_text_again_saves_nothing_and_answers_the_current_version()
    {
        var admin = await fx.CachedSessionAsync(A, Role.Admin);
        var saved = await fx.SaveAsync(A, "whatsapp", Callers.Unique("לענות בוואטסאפ"));
        var version = saved.GetProperty("version").GetInt32();
        var events = await fx.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1", A);

        // A repeat of a save that succeeded (its base is stale now) and the same text with other line ends and blanks.
        var repeat = await admin.PutAsJsonAsync($"{Prompts}/whatsapp",
            new { text = "  " + saved.GetProperty("text").GetString() + "\r\n", baseVersion = version - 1 });

        repeat.StatusCode.Should().Be(HttpStatusCode.OK);
        repeat.Headers.Location.Should().BeNull();
        (await repeat.ReadJsonAsync()).GetProperty("version").GetInt32().Should().Be(version);
        (await fx.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1", A)).Should().Be(events);
    }

    [Fact]
    public async Task A_rollback_records_a_new_version_with_the_earlier_text_and_history_is_never_rewritten()
    {
        var owner = await fx.CachedSessionAsync(A, Role.Owner);
        var older = Callers.Unique("ישנה");
        var oldVersion = (await fx.SaveAsync(A, "inbound_call", older)).GetProperty("version").GetInt32();
        var newer = (await fx.SaveAsync(A, "inbound_call", Callers.Unique("חדשה"))).GetProperty("version").GetInt32();

        var response = await owner.PostAsync($"{Prompts}/inbound_call/versions/{oldVersion}/rollback", null);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var restored = await response.ReadJsonAsync();
        restored.GetProperty("version").GetInt32().Should().Be(newer + 1);
        restored.GetProperty("text").GetString().Should().Be(older);
        restored.GetProperty("restoredFrom").GetInt32().Should().Be(oldVersion);
        restored.GetProperty("note").GetString().Should().Be($"שחזור גרסה {oldVersion}");
        (await TenancyFixture.ReadAsync(await owner.GetAsync($"{Prompts}/inbound_call/versions/{newer}"), "kept")).GetProperty("text").GetString()
            .Should().StartWith("חדשה");

        var again = await owner.PostAsJsonAsync($"{Prompts}/inbound_call/versions/{oldVersion}/rollback", new { note = "שוב" });
        again.StatusCode.Should().Be(HttpStatusCode.OK, "the text is current already");
        (await again.ReadJsonAsync()).GetProperty("version").GetInt32().Should().Be(newer + 1);

        var stale = await (await owner.PostAsJsonAsync($"{Prompts}/inbound_call/versions/0/rollback", new { baseVersion = newer }))
            .ShouldBeProblemAsync(409);
        stale.GetProperty("code").GetString().Should().Be("prompt.version_conflict");
        await (await owner.PostAsync($"{Prompts}/inbound_call/versions/{newer + 50}/rollback", null)).ShouldBeProblemAsync(404);

        var toDefault = await TenancyFixture.ReadAsync(
            await owner.PostAsJsonAsync($"{Prompts}/inbound_call/versions/0/rollback", new { note = "חזרה לברירת המחדל", baseVersion = newer + 1 }), "to default");
        toDefault.GetProperty("text").GetString().Should().Be(TenantSettings.DefaultInboundPrompt);
        toDefault.GetProperty("restoredFrom").GetInt32().Should().Be(0);
        toDefault.GetProperty("note").GetString().Should().Be("חזרה לברירת המחדל");
    }

    [Fact]
    public async Task The_diff_marks_each_line_unchanged_removed_or_added()
    {
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var marker = Callers.Unique("שורה");
        var from = (await fx.SaveAsync(A, "whatsapp", $"פתיחה\n{marker}\nסיום")).GetProperty("version").GetInt32();
        var to = (await fx.SaveAsync(A, "whatsapp", "פתיחה\nשורה חדשה\nעוד שורה\nסיום")).GetProperty("version").GetInt32();

        var diff = await TenancyFixture.ReadAsync(await agent.GetAsync($"{Prompts}/whatsapp/diff?from={from}&to={to}"), "diff");

        diff.GetProperty("from").GetInt32().Should().Be(from);
        diff.GetProperty("to").GetInt32().Should().Be(to);
        diff.GetProperty("added").GetInt32().Should().Be(2);
        diff.GetProperty("removed").GetInt32().Should().Be(1);
        diff.GetProperty("lines").EnumerateArray().Select(l => $"{l.GetProperty("kind").GetString()}:{l.GetProperty("text").GetString()}")
            .Should().Equal("unchanged:פתיחה", $"removed:{marker}", "added:שורה חדשה", "added:עוד שורה", "unchanged:סיום");
        var removed = diff.GetProperty("lines")[1];
        removed.GetProperty("fromLine").GetInt32().Should().Be(2);
        removed.GetProperty("toLine").ValueKind.Should().Be(JsonValueKind.Null);
        (await TenancyFixture.ReadAsync(await agent.GetAsync($"{Prompts}/whatsapp/diff?from=0&to={to}"), "from the default"))
            .GetProperty("removed").GetInt32().Should().Be(1);
        await (await agent.GetAsync($"{Prompts}/whatsapp/diff?from={from}&to={to + 99}")).ShouldBeProblemAsync(404);
        var missing = await (await agent.GetAsync($"{Prompts}/whatsapp/diff?to={to}")).ShouldBeProblemAsync(400);
        missing.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("from");
    }

    [Fact]
    public async Task Every_invalid_field_is_listed_in_hebrew_and_nothing_is_saved()
    {
        var admin = await fx.CachedSessionAsync(A, Role.Admin);
        var events = await fx.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1", A);

        var problem = await (await admin.PutAsJsonAsync($"{Prompts}/inbound_call",
            new { text = " \r\n ", note = new string('א', TenantPrompts.MaxNoteLength + 1) })).ShouldBeProblemAsync(400);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo(["text", "note", "baseVersion"]);
        problem.GetProperty("errors").GetProperty("text")[0].GetString().Should().Be("יש להזין את נוסח ההנחיות.");

        var tooLong = await (await admin.PutAsJsonAsync($"{Prompts}/inbound_call",
            new { text = new string('א', TenantPrompts.MaxTextLength + 1), baseVersion = -1 })).ShouldBeProblemAsync(400);
        tooLong.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo(["text", "baseVersion"]);
        tooLong.GetProperty("errors").GetProperty("text")[0].GetString().Should().Contain("4000");

        var channel = await (await admin.PutAsJsonAsync($"{Prompts}/sms", new { text = "שלום", baseVersion = 0 })).ShouldBeProblemAsync(400);
        channel.GetProperty("errors").GetProperty("channel")[0].GetString().Should().Contain("inbound_call, outbound_call, whatsapp");
        await (await admin.GetAsync($"{Prompts}/sms")).ShouldBeProblemAsync(400);
        await (await admin.GetAsync($"{Prompts}/inbound_call/versions/-1")).ShouldBeProblemAsync(400);
        await (await admin.GetAsync($"{Prompts}/inbound_call?limit=0")).ShouldBeProblemAsync(400);
        await (await admin.GetAsync($"{Prompts}/inbound_call?next=not-a-cursor")).ShouldBeProblemAsync(400);
        (await fx.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1", A)).Should().Be(events);
    }

    [Fact]
    public async Task The_history_pages_newest_first_down_to_version_zero()
    {
        var (_, session) = await NewBusinessAsync();
        for (var i = 1; i <= 4; i++)
        {
            await TenancyFixture.ReadAsync(await session.PutAsJsonAsync($"{Prompts}/whatsapp", new { text = $"גרסה {i}", baseVersion = i - 1 }), "save");
        }

        var seen = new List<int>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await TenancyFixture.ReadAsync(
                await session.GetAsync($"{Prompts}/whatsapp?limit=2{(next is null ? "" : "&next=" + next)}"), "page");
            page.GetProperty("current").GetProperty("version").GetInt32().Should().Be(4);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("version").GetInt32()));
            next = page.GetProperty("next").GetString();
            pages++;
        }
        while (next is not null);

        seen.Should().Equal(4, 3, 2, 1, 0);
        pages.Should().Be(3);
        var versionOne = await TenancyFixture.ReadAsync(await session.GetAsync($"{Prompts}/whatsapp/versions/1"), "version 1");
        versionOne.GetProperty("authorName").GetString().Should().Be("מנהל מערכת");
        await (await session.GetAsync($"{Prompts}/whatsapp/versions/5")).ShouldBeProblemAsync(404);
    }

    [Fact]
    public async Task The_settings_call_prompts_are_the_current_versions_and_a_change_there_is_a_version()
    {
        var owner = await fx.CachedSessionAsync(A, Role.Owner);
        var read = await TenancyFixture.ReadAsync(await owner.GetAsync("/api/v1/business/settings"), "settings");
        var settings = JsonNode.Parse(read.GetProperty("settings").GetRawText())!.AsObject();
        var before = await PromptsApi.CurrentVersionAsync(owner, "outbound_call");
        var text = Callers.Unique("להתקשר ללידים של {business}");
        settings["outboundPrompt"] = text;
        settings["botSpeaksFirst"] = !settings["botSpeaksFirst"]!.GetValue<bool>();

        var updated = await TenancyFixture.ReadAsync(await owner.PutAsJsonAsync("/api/v1/business/settings",
            new { settings, expectedVersion = read.GetProperty("version").GetInt64() }), "update settings");

        updated.GetProperty("changedSettings").EnumerateArray().Select(c => c.GetString()).Should().BeEquivalentTo(["outboundPrompt", "botSpeaksFirst"]);
        var current = await TenancyFixture.ReadAsync(await owner.GetAsync($"{Prompts}/outbound_call/versions/{before + 1}"), "the new version");
        current.GetProperty("text").GetString().Should().Be(text);
        current.GetProperty("note").GetString().Should().Be("נשמר בהגדרות העסק");
        current.GetProperty("authorName").GetString().Should().Be($"{Role.Owner} {A:N}"[..20]);

        // A prompt saved since the settings were read makes their version stale: the old text cannot come back unseen.
        await fx.SaveAsync(A, "outbound_call", Callers.Unique("מהמסך של ההנחיות"));
        settings["outboundPrompt"] = text + " (ישן)";
        await (await owner.PutAsJsonAsync("/api/v1/business/settings", new { settings, expectedVersion = updated.GetProperty("version").GetInt64() }))
            .ShouldBeProblemAsync(409);
    }

    [Fact]
    public async Task A_settings_change_recorded_before_versions_existed_is_a_version_live_on_rebuild_and_by_the_migration()
    {
        var (tenant, session) = await NewBusinessAsync();
        var legacy = TenantSettings.Default with { InboundPrompt = "הנחיות מלפני הגרסאות" };
        await using (var scope = fx.Api.Services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
            context.TenantId = tenant.ToString();
            context.UserName = "owner@legacy.test";
            var store = scope.ServiceProvider.GetRequiredService<IEventStore>().ForTenant(tenant.ToString());
            await store.AppendAsync(tenant, [new TenantSettingsChanged(tenant, legacy, ["inboundPrompt"], DateTimeOffset.UtcNow)]);
        }

        var live = await TenancyFixture.ReadAsync(await session.GetAsync($"{Prompts}/inbound_call/versions/1"), "the legacy version");
        live.GetProperty("text").GetString().Should().Be("הנחיות מלפני הגרסאות");
        live.GetProperty("authorName").GetString().Should().Be("owner@legacy.test");
        live.GetProperty("note").GetString().Should().Be("נשמר בהגדרות העסק");
        await TenancyFixture.ReadAsync(await session.PutAsJsonAsync($"{Prompts}/inbound_call", new { text = "אחרי", baseVersion = 1 }), "save on top");
        var rows = await VersionRowsAsync(tenant);
        rows.Should().Be("1:הנחיות מלפני הגרסאות|2:אחרי");

        await using (var scope = fx.Api.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProjectionDaemon>().RebuildAsync("tenant_prompt_versions");
        }

        (await VersionRowsAsync(tenant)).Should().Be(rows, "a rebuild numbers the legacy change the same way");

        // Migration 0019 fills the versions of businesses that had changed their prompts in their settings.
        await fx.Database.ExecuteAsync("delete from tenant_prompt_versions where tenant_id = $1", tenant.ToString());
        await fx.Database.ExecuteAsync(MigrationBackfill().Replace("where e.type", "where e.tenant_id = '" + tenant + "' and e.type", StringComparison.Ordinal));
        (await VersionRowsAsync(tenant)).Should().Be("1:הנחיות מלפני הגרסאות");
    }

    /// <summary>A business of its own for a test that needs one untouched, with the system admin acting in it.</summary>
    private async Task<(Guid Tenant, HttpClient Session)> NewBusinessAsync()
    {
        var root = await fx.SignInAsync(TenancyFixture.SystemAdminEmail);
        var created = await TenancyFixture.ReadAsync(await root.PostAsJsonAsync("/api/v1/tenants",
            new { name = Callers.Unique("עסק"), slug = $"prompts-{Guid.NewGuid():N}"[..30] }), "create a business");
        var tenant = created.GetProperty("id").GetGuid();
        return (tenant, await fx.SystemAdminInAsync(tenant));
    }

    private async Task<string> VersionRowsAsync(Guid tenant) =>
        await fx.Database.ScalarAsync<string>(
            "select string_agg(version || ':' || text, '|' order by version) from tenant_prompt_versions where tenant_id = $1 and channel = 'inbound_call'",
            tenant.ToString());

    private static string MigrationBackfill()
    {
        using var stream = typeof(Infrastructure.EventStore.SchemaMigrator).Assembly.GetManifestResourceStream("migrations/0019_prompts_faq.sql")!;
        var sql = new StreamReader(stream).ReadToEnd();
        var start = sql.IndexOf("insert into tenant_prompt_versions", StringComparison.Ordinal);
        const string end = "on conflict do nothing;";
        return sql[start..(sql.IndexOf(end, start, StringComparison.Ordinal) + end.Length)];
    }
}
