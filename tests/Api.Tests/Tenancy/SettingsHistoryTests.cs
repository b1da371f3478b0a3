using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Tenancy;

/// <summary>The settings' versions and the rollback of the assistant settings, on the real Api and PostgreSQL.</summary>
public sealed class SettingsHistoryTests(TenancyFixture fx) : IClassFixture<TenancyFixture>
{
    private const string Settings = "/api/v1/business/settings";
    private const string History = Settings + "/history";

    private Guid A => fx.TenantA;

    [Fact]
    public async Task Every_change_is_a_version_with_who_when_and_what_and_a_rollback_brings_back_the_greeting_as_a_new_version()
    {
        var owner = await fx.CachedSessionAsync(A, Role.Owner);
        var before = await TenancyFixture.ReadAsync(await owner.GetAsync(History), "history");
        var first = before.GetProperty("currentVersion").GetInt32();
        before.GetProperty("items").EnumerateArray().Last().GetProperty("version").GetInt32().Should().Be(0);

        var oldGreeting = Callers.Unique("שלום וברוכים הבאים");
        var newGreeting = Callers.Unique("היי, מה שלומך");
        await ChangeAsync(owner, s => s["greeting"] = oldGreeting);
        await ChangeAsync(owner, s =>
        {
            s["greeting"] = newGreeting;
            s["botSpeaksFirst"] = false;
        });
        await ChangeAsync(owner, s => s["maxCallMinutes"] = 12);

        var history = await TenancyFixture.ReadAsync(await owner.GetAsync(History), "history");
        history.GetProperty("currentVersion").GetInt32().Should().Be(first + 3);
        var items = history.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("version").GetInt32()).Should().BeInDescendingOrder();
        var greeted = items.Single(i => i.GetProperty("version").GetInt32() == first + 2);
        greeted.GetProperty("changedBy").GetString().Should().Be(TenancyFixture.EmailOf(A, Role.Owner));
        greeted.GetProperty("changedAt").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        greeted.GetProperty("changedSettings").EnumerateArray().Select(e => e.GetString()).Should().Equal("greeting", "botSpeaksFirst");
        greeted.GetProperty("assistant").GetProperty("greeting").GetString().Should().Be(newGreeting);
        greeted.GetProperty("assistant").GetProperty("botSpeaksFirst").GetBoolean().Should().BeFalse();

        var rollback = await owner.PostAsJsonAsync($"{History}/{first + 1}/rollback",
            new { expectedVersion = history.GetProperty("tenantVersion").GetInt64() });

        var answer = await TenancyFixture.ReadAsync(rollback, "rollback");
        answer.GetProperty("changedSettings").EnumerateArray().Select(e => e.GetString())
            .Should().BeEquivalentTo("greeting", "botSpeaksFirst", "maxCallMinutes");
        var now = await TenancyFixture.ReadAsync(await owner.GetAsync(Settings), "settings");
        now.GetProperty("settings").GetProperty("greeting").GetString().Should().Be(oldGreeting);
        now.GetProperty("settings").GetProperty("botSpeaksFirst").GetBoolean().Should().BeTrue();
        now.GetProperty("version").GetInt64().Should().Be(answer.GetProperty("version").GetInt64());
        var after = await TenancyFixture.ReadAsync(await owner.GetAsync(History), "history");
        after.GetProperty("currentVersion").GetInt32().Should().Be(first + 4, "a rollback is a new version; history is never rewritten");
        after.GetProperty("items").GetArrayLength().Should().Be(items.Count + 1);
        after.GetProperty("items")[0].GetProperty("assistant").GetProperty("greeting").GetString().Should().Be(oldGreeting);
        after.GetProperty("items")[1].GetProperty("assistant").GetProperty("greeting").GetString().Should().Be(newGreeting);
    }

    [Fact]
    public async Task A_rollback_restores_only_the_assistant_settings_and_restoring_the_current_values_records_nothing()
    {
        var admin = await fx.CachedSessionAsync(A, Role.Admin);
        var greeting = Callers.Unique("בוקר טוב");
        await ChangeAsync(admin, s => s["greeting"] = greeting);
        var target = (await TenancyFixture.ReadAsync(await admin.GetAsync(History), "history")).GetProperty("currentVersion").GetInt32();
        await ChangeAsync(admin, s =>
        {
            s["greeting"] = Callers.Unique("ערב טוב");
            s["recordingRetentionDays"] = 21;
        });

        var answer = await TenancyFixture.ReadAsync(await admin.PostAsync($"{History}/{target}/rollback", null), "rollback");

        answer.GetProperty("changedSettings").EnumerateArray().Select(e => e.GetString()).Should().Equal("greeting");
        var settings = (await TenancyFixture.ReadAsync(await admin.GetAsync(Settings), "settings")).GetProperty("settings");
        settings.GetProperty("greeting").GetString().Should().Be(greeting);
        settings.GetProperty("recordingRetentionDays").GetInt32().Should().Be(21, "settings outside the assistant's stay as they are");

        var events = await fx.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1", A);
        var again = await TenancyFixture.ReadAsync(await admin.PostAsync($"{History}/{target}/rollback", null), "rollback again");
        again.GetProperty("changedSettings").GetArrayLength().Should().Be(0);
        (await fx.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1", A)).Should().Be(events);
    }

    [Fact]
    public async Task A_stale_expected_version_is_a_conflict_an_unknown_version_is_not_found_and_agents_may_not_see_or_roll_back()
    {
        var owner = await fx.CachedSessionAsync(A, Role.Owner);
        await ChangeAsync(owner, s => s["greeting"] = Callers.Unique("שלום"));
        var history = await TenancyFixture.ReadAsync(await owner.GetAsync(History), "history");
        var tenantVersion = history.GetProperty("tenantVersion").GetInt64();
        await ChangeAsync(owner, s => s["greeting"] = Callers.Unique("שלום שוב"));

        var stale = await owner.PostAsJsonAsync($"{History}/0/rollback", new { expectedVersion = tenantVersion });
        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await stale.ReadJsonAsync()).GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace();

        var missing = await owner.PostAsJsonAsync($"{History}/{history.GetProperty("currentVersion").GetInt32() + 50}/rollback", new { });
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);

        var negative = await owner.PostAsJsonAsync($"{History}/-1/rollback", new { });
        negative.StatusCode.Should().BeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.NotFound);

        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        (await agent.GetAsync(History)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await agent.PostAsJsonAsync($"{History}/0/rollback", new { })).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var otherOwner = await fx.CachedSessionAsync(fx.TenantB, Role.Owner);
        var theirs = await TenancyFixture.ReadAsync(await otherOwner.GetAsync(History), "other business's history");
        theirs.GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("assistant").GetProperty("greeting").GetString())
            .Should().NotContain(g => g!.StartsWith("שלום שוב", StringComparison.Ordinal), "each business sees its own history only");
    }

    private static async Task ChangeAsync(HttpClient client, Action<JsonObject> change)
    {
        var read = await TenancyFixture.ReadAsync(await client.GetAsync(Settings), "settings");
        var settings = JsonNode.Parse(read.GetProperty("settings").GetRawText())!.AsObject();
        change(settings);
        await TenancyFixture.ReadAsync(
            await client.PutAsJsonAsync(Settings, new { settings, expectedVersion = read.GetProperty("version").GetInt64() }), "change the settings");
    }
}
