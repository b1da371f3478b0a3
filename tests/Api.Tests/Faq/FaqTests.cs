using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Domain.Faq;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Faq;

/// <summary>The business's FAQ and trying questions against it, on the real Api and PostgreSQL.</summary>
public sealed class FaqTests(TenancyFixture fx) : IClassFixture<TenancyFixture>
{
    private const string Faq = FaqApi.Faq;

    private Guid A => fx.TenantA;

    private Guid B => fx.TenantB;

    [Fact]
    public async Task An_admin_adds_an_entry_recorded_as_an_event_stream_on_every_channel_by_default()
    {
        var admin = await fx.CachedSessionAsync(A, Role.Admin);
        var question = Callers.Unique("מה שעות הפתיחה");

        var response = await admin.PostAsJsonAsync(Faq, new
        {
            question = $"  {question}  ", answer = " א׳–ה׳ 09:00–18:00 ", keywords = new[] { " שעות פתיחה ", "", "שעות  פתיחה" },
            phrasings = new[] { "מתי אתם פתוחים?" },
        });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var entry = await response.ReadJsonAsync();
        var id = entry.GetProperty("id").GetGuid();
        response.Headers.Location!.ToString().Should().Be($"{Faq}/{id}");
        entry.GetProperty("question").GetString().Should().Be(question);
        entry.GetProperty("answer").GetString().Should().Be("א׳–ה׳ 09:00–18:00");
        Strings(entry, "keywords").Should().Equal("שעות פתיחה");
        Strings(entry, "phrasings").Should().Equal("מתי אתם פתוחים?");
        Strings(entry, "channels").Should().Equal("inbound_call", "outbound_call", "whatsapp");
        entry.GetProperty("active").GetBoolean().Should().BeTrue();
        entry.GetProperty("version").GetInt64().Should().Be(1);
        (await fx.Database.ScalarAsync<string>("select type from mt_streams where id = $1", id)).Should().Be("faq_entry");
        (await fx.Database.ScalarAsync<string>("select type from mt_events where stream_id = $1", id)).Should().Be("faq_entry_created");
        (await fx.Database.ScalarAsync<string>("select tenant_id from faq_entries where id = $1", id)).Should().Be(A.ToString());
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        (await TenancyFixture.ReadAsync(await agent.GetAsync($"{Faq}/{id}"), "get")).GetProperty("question").GetString().Should().Be(question);
    }

    [Fact]
    public async Task Every_invalid_field_is_listed_in_hebrew_and_nothing_is_stored()
    {
        var admin = await fx.CachedSessionAsync(A, Role.Admin);
        var before = await fx.Database.ScalarAsync<long>("select count(*) from faq_entries");

        var problem = await (await admin.PostAsJsonAsync(Faq, new
        {
            question = "מה יש?", answer = new string('א', FaqRules.MaxAnswerLength + 1), keywords = new[] { "אפשר", "חניה" },
            phrasings = Enumerable.Range(0, FaqRules.MaxPhrasings + 1).Select(i => $"ניסוח {i}").ToArray(), channels = new[] { "sms" },
        })).ShouldBeProblemAsync(400);

        var errors = problem.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo(["question", "answer", "keywords", "phrasings", "channels"]);
        errors.GetProperty("question")[0].GetString().Should().Contain("מילה אחת בעלת משמעות");
        errors.GetProperty("keywords")[0].GetString().Should().Contain("\"אפשר\"");
        errors.GetProperty("channels")[0].GetString().Should().Contain("inbound_call, outbound_call, whatsapp");
        var empty = await (await admin.PostAsJsonAsync(Faq, new { question = " ", answer = "", channels = Array.Empty<string>() })).ShouldBeProblemAsync(400);
        empty.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo(["question", "answer", "channels"]);
        (await fx.Database.ScalarAsync<long>("select count(*) from faq_entries")).Should().Be(before);
    }

    [Fact]
    public async Task A_change_replaces_what_it_names_keeps_what_it_omits_and_a_stale_version_is_409()
    {
        var admin = await fx.CachedSessionAsync(A, Role.Admin);
        var created = await fx.NewFaqEntryAsync(A, FaqApi.EntryBody(keywords: ["חניה", "חניון"], phrasings: ["איפה חונים?"], channels: ["inbound_call"]));
        var id = created.GetProperty("id").GetGuid();

        var changed = await TenancyFixture.ReadAsync(await admin.PutAsJsonAsync($"{Faq}/{id}", new
        {
            question = "יש חניה?", answer = "כן, מול הבניין.", channels = new[] { "whatsapp", "outbound_call" }, active = false, expectedVersion = 1,
        }), "change");

        changed.GetProperty("question").GetString().Should().Be("יש חניה?");
        Strings(changed, "keywords").Should().Equal("חניה", "חניון");
        Strings(changed, "phrasings").Should().Equal("איפה חונים?");
        Strings(changed, "channels").Should().Equal("outbound_call", "whatsapp");
        changed.GetProperty("active").GetBoolean().Should().BeFalse();
        changed.GetProperty("version").GetInt64().Should().Be(2);

        var cleared = await TenancyFixture.ReadAsync(await admin.PutAsJsonAsync($"{Faq}/{id}",
            new { question = "יש חניה?", answer = "כן, מול הבניין.", keywords = Array.Empty<string>(), phrasings = Array.Empty<string>() }), "clear");
        Strings(cleared, "keywords").Should().BeEmpty();
        Strings(cleared, "phrasings").Should().BeEmpty();
        cleared.GetProperty("active").GetBoolean().Should().BeFalse();

        var same = await TenancyFixture.ReadAsync(await admin.PutAsJsonAsync($"{Faq}/{id}", new { question = "יש חניה?", answer = "כן, מול הבניין." }), "same");
        same.GetProperty("version").GetInt64().Should().Be(3, "nothing changed");
        var stale = await (await admin.PutAsJsonAsync($"{Faq}/{id}", new { question = "שאלה חדשה", answer = "תשובה", expectedVersion = 1 }))
            .ShouldBeProblemAsync(409);
        stale.GetProperty("detail").GetString().Should().MatchRegex("[א-ת]");
        (await fx.Database.ScalarAsync<string>("select question from faq_entries where id = $1", id)).Should().Be("יש חניה?");
    }

    [Fact]
    public async Task A_deleted_entry_is_gone_from_the_lists_and_not_found_while_its_events_stay()
    {
        var admin = await fx.CachedSessionAsync(A, Role.Admin);
        var id = (await fx.NewFaqEntryAsync(A)).GetProperty("id").GetGuid();

        (await admin.DeleteAsync($"{Faq}/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await (await admin.GetAsync($"{Faq}/{id}")).ShouldBeProblemAsync(404);
        await (await admin.DeleteAsync($"{Faq}/{id}")).ShouldBeProblemAsync(404);
        await (await admin.PutAsJsonAsync($"{Faq}/{id}", new { question = "חניה", answer = "כן" })).ShouldBeProblemAsync(404);
        (await fx.Database.ScalarAsync<long>("select count(*) from faq_entries where id = $1", id)).Should().Be(0);
        (await fx.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1", id)).Should().Be(2);
    }

    [Fact]
    public async Task The_list_pages_newest_first_by_channel_and_activity_and_never_shows_another_business()
    {
        var (_, session) = await NewBusinessAsync();
        var ids = new List<Guid>();
        foreach (var (channels, active) in new[] { (new[] { "inbound_call" }, true), (new[] { "whatsapp" }, true), (new[] { "inbound_call", "whatsapp" }, false) })
        {
            var created = await TenancyFixture.ReadAsync(await session.PostAsJsonAsync(Faq, FaqApi.EntryBody(channels: channels, active: active)), "add");
            ids.Add(created.GetProperty("id").GetGuid());
        }

        var other = (await fx.NewFaqEntryAsync(B)).GetProperty("id").GetGuid();

        (await ListAsync(session, "")).Should().Equal(ids[1], ids[0]);
        (await ListAsync(session, "?includeInactive=true")).Should().Equal(ids[2], ids[1], ids[0]);
        (await ListAsync(session, "?channel=inbound_call&includeInactive=true")).Should().Equal(ids[2], ids[0]);
        (await ListAsync(session, "?channel=outbound_call")).Should().BeEmpty();
        var first = await TenancyFixture.ReadAsync(await session.GetAsync($"{Faq}?includeInactive=true&limit=2"), "page 1");
        first.GetProperty("items").GetArrayLength().Should().Be(2);
        var second = await TenancyFixture.ReadAsync(
            await session.GetAsync($"{Faq}?includeInactive=true&limit=2&next={first.GetProperty("next").GetString()}"), "page 2");
        second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).Should().Equal(ids[0]);
        second.GetProperty("next").ValueKind.Should().Be(JsonValueKind.Null);
        (await ListAsync(session, "?includeInactive=true&limit=100")).Should().NotContain(other);
        await (await session.GetAsync($"{Faq}?channel=sms")).ShouldBeProblemAsync(400);
        await (await session.GetAsync($"{Faq}?limit=101")).ShouldBeProblemAsync(400);
    }

    [Fact]
    public async Task A_question_is_matched_as_a_call_would_match_it()
    {
        var (_, session) = await NewBusinessAsync();
        var hours = await Add(session, "מה שעות הפתיחה שלכם?", "א׳–ה׳ 09:00–18:00.", ["שעות פתיחה"], ["מתי אתם פתוחים?"], null);
        var parking = await Add(session, "יש חניה ליד המשרד?", "יש חניון מול הבניין.", ["חניה", "לחנות"], [], null);
        var address = await Add(session, "איפה המשרד שלכם נמצא?", "הרצל 12, חיפה.", ["כתובת"], [], ["inbound_call"]);
        await Add(session, "אתם עובדים בשבת?", "לא.", ["שבת"], [], null, active: false);

        var exact = await MatchAsync(session, "מָה שְׁעוֹת הַפְּתִיחָה שֶׁלָּכֶם", "whatsapp");
        exact.GetProperty("outcome").GetString().Should().Be("matched");
        exact.GetProperty("match").GetProperty("entryId").GetGuid().Should().Be(hours);
        exact.GetProperty("match").GetProperty("step").GetString().Should().Be("exact");
        exact.GetProperty("match").GetProperty("score").GetDouble().Should().Be(1);
        exact.GetProperty("match").GetProperty("answer").GetString().Should().Be("א׳–ה׳ 09:00–18:00.");

        var keyword = await MatchAsync(session, "איפה אפשר לחנות כשאני מגיע?", "inbound_call");
        keyword.GetProperty("match").GetProperty("entryId").GetGuid().Should().Be(parking);
        keyword.GetProperty("match").GetProperty("step").GetString().Should().Be("keyword");
        keyword.GetProperty("match").GetProperty("matchedOn").GetString().Should().Be("לחנות");

        var fuzzy = await MatchAsync(session, "מה שעות הפתיחחה", "outbound_call");
        fuzzy.GetProperty("match").GetProperty("entryId").GetGuid().Should().Be(hours);
        fuzzy.GetProperty("match").GetProperty("step").GetString().Should().Be("fuzzy");

        (await MatchAsync(session, "מה הכתובת?", "outbound_call")).GetProperty("outcome").GetString().Should().Be("no_match", "that entry is for inbound calls");
        (await MatchAsync(session, "מה הכתובת?", "inbound_call")).GetProperty("match").GetProperty("entryId").GetGuid().Should().Be(address);
        (await MatchAsync(session, "אתם עובדים בשבת?", "inbound_call")).GetProperty("outcome").GetString().Should().Be("no_match", "that entry is off");
        var ambiguous = await MatchAsync(session, "שעות פתיחה של החניה", "inbound_call");
        ambiguous.GetProperty("outcome").GetString().Should().Be("ambiguous");
        ambiguous.GetProperty("match").ValueKind.Should().Be(JsonValueKind.Null);
        ambiguous.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("entryId").GetGuid()).Should().BeEquivalentTo([hours, parking]);
        (await MatchAsync(session, "מה? אפשר?", "inbound_call")).GetProperty("outcome").GetString().Should().Be("no_words");

        var invalid = await (await session.PostAsJsonAsync($"{Faq}/match", new { text = " ", channel = "sms" })).ShouldBeProblemAsync(400);
        invalid.GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo(["text", "channel"]);
    }

    [Fact]
    public async Task A_business_has_at_most_the_entry_limit()
    {
        var (tenant, session) = await NewBusinessAsync();
        await fx.Database.ExecuteAsync($"""
            insert into faq_entries (tenant_id, id, question, answer, keywords, phrasings, channels, is_active, created_at, updated_at, version)
            select $1, gen_random_uuid(), 'שאלה ' || i, 'תשובה', '[]', '[]', '["inbound_call"]', true, now(), now(), 1
            from generate_series(1, {FaqRules.MaxEntriesPerBusiness}) as i
            """, tenant.ToString());

        var problem = await (await session.PostAsJsonAsync(Faq, FaqApi.EntryBody())).ShouldBeProblemAsync(422);

        problem.GetProperty("code").GetString().Should().Be("faq.limit_reached");
        problem.GetProperty("detail").GetString().Should().Contain(FaqRules.MaxEntriesPerBusiness.ToString());
    }

    private static async Task<Guid> Add(
        HttpClient session, string question, string answer, string[] keywords, string[] phrasings, string[]? channels, bool active = true) =>
        (await TenancyFixture.ReadAsync(await session.PostAsJsonAsync(Faq, new { question, answer, keywords, phrasings, channels, active }), "add"))
        .GetProperty("id").GetGuid();

    private static async Task<JsonElement> MatchAsync(HttpClient session, string text, string channel) =>
        await TenancyFixture.ReadAsync(await session.PostAsJsonAsync($"{Faq}/match", new { text, channel }), "match");

    private static async Task<List<Guid>> ListAsync(HttpClient session, string query) =>
        (await TenancyFixture.ReadAsync(await session.GetAsync(Faq + query), "list")).GetProperty("items").EnumerateArray()
        .Select(i => i.GetProperty("id").GetGuid()).ToList();

    private static IEnumerable<string?> Strings(JsonElement entry, string name) => entry.GetProperty(name).EnumerateArray().Select(e => e.GetString());

    /// <summary>A business of its own for a test that needs one untouched, with the system admin acting in it.</summary>
    private async Task<(Guid Tenant, HttpClient Session)> NewBusinessAsync()
    {
        var root = await fx.SignInAsync(TenancyFixture.SystemAdminEmail);
        var created = await TenancyFixture.ReadAsync(await root.PostAsJsonAsync("/api/v1/tenants",
            new { name = Callers.Unique("עסק"), slug = $"faq-{Guid.NewGuid():N}"[..30] }), "create a business");
        var tenant = created.GetProperty("id").GetGuid();
        return (tenant, await fx.SystemAdminInAsync(tenant));
    }
}
