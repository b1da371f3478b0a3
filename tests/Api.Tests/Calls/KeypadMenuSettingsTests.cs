using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ProSaaS.Api.Tests.Prompts;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Domain.Users;
using ProSaaS.Hosting.Calls;

namespace ProSaaS.Api.Tests.Calls;

/// <summary>
/// The business's keypad menu in its assistant settings (admin and up, every broken rule listed) and in the configuration
/// the media host fetches; the prompt version a call ran with, recorded on the call and shown with it.
/// </summary>
public sealed class KeypadMenuSettingsTests(CallsFixture fx) : IClassFixture<CallsFixture>
{
    private const string NumberOfA = "+972501110001";

    private static readonly JsonArray Menu =
    [
        new JsonObject { ["key"] = "1", ["action"] = "sales" },
        new JsonObject { ["key"] = "2", ["action"] = "existing_customer", ["label"] = "ללקוחות ותיקים" },
        new JsonObject { ["key"] = "3", ["action"] = "custom_text", ["label"] = "לשעות הפתיחה", ["text"] = "אנחנו פתוחים מראשון עד חמישי, תשע עד שש." },
        new JsonObject { ["key"] = "0", ["action"] = "human_callback" },
        new JsonObject { ["key"] = "#", ["action"] = "repeat" },
    ];

    private Guid A => fx.TenantA;

    private static async Task<JsonObject> SettingsAsync(HttpClient client)
    {
        var read = await TenancyFixture.ReadAsync(await client.GetAsync("/api/v1/business/settings"), "settings");
        return JsonNode.Parse(read.GetProperty("settings").GetRawText())!.AsObject();
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, JsonObject settings) =>
        client.PutAsJsonAsync("/api/v1/business/settings", new { settings });

    [Fact]
    public async Task A_menu_saved_in_the_settings_is_carried_to_the_call_with_the_prompt_version_recorded_once_on_the_call()
    {
        var admin = await fx.CachedSessionAsync(A, Role.Admin);
        var settings = await SettingsAsync(admin);
        settings["keypadMenu"]!.AsArray().Should().BeEmpty("a business has no menu until it sets one");
        settings["keypadMenu"] = Menu.DeepClone();
        var changed = await TenancyFixture.ReadAsync(await PutAsync(admin, settings), "save the menu");
        changed.GetProperty("changedSettings").EnumerateArray().Select(e => e.GetString()).Should().Equal("keypadMenu");

        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var saved = (await SettingsAsync(agent))["keypadMenu"]!.AsArray();
        saved.Select(e => (string?)e!["key"]).Should().Equal("1", "2", "3", "0", "#");
        saved.Select(e => (string?)e!["action"]).Should().Equal("sales", "existing_customer", "custom_text", "human_callback", "repeat");
        saved[2]!["text"]!.GetValue<string>().Should().Be("אנחנו פתוחים מראשון עד חמישי, תשע עד שש.");
        saved.Select(e => (string?)e!["spokenLabel"]).Should().Equal("למחלקת המכירות", "ללקוחות ותיקים", "לשעות הפתיחה", "לשיחה חוזרת מנציג",
            "לשמיעה חוזרת של התפריט");

        var prompt = await fx.SaveAsync(A, "inbound_call", "לענות למתקשרים של {business} ולהפנות אותם לתפריט המקשים.");
        var call = await fx.Api.CallAsync(NumberOfA, from: "+972521234571");
        using var media = fx.MediaHostClient();
        try
        {
            var config = await media.ConfigAsync(A, call.CallId);
            var again = await media.ConfigAsync(A, call.CallId);

            config.KeypadMenu.Should().Equal(
                new CallKeypadEntry("1", CallKeypadActions.Sales),
                new CallKeypadEntry("2", CallKeypadActions.ExistingCustomer, "ללקוחות ותיקים"),
                new CallKeypadEntry("3", CallKeypadActions.CustomText, "לשעות הפתיחה", "אנחנו פתוחים מראשון עד חמישי, תשע עד שש."),
                new CallKeypadEntry("0", CallKeypadActions.HumanCallback),
                new CallKeypadEntry("#", CallKeypadActions.Repeat));
            again.KeypadMenu.Should().Equal(config.KeypadMenu);
            var version = prompt.GetProperty("version").GetInt32();
            config.PromptVersion.Should().Be(version);

            var details = await TenancyFixture.ReadAsync(await agent.GetAsync($"/api/v1/calls/{call.CallId}"), "the call");
            details.GetProperty("promptVersion").GetInt32().Should().Be(version);
            (await fx.EventTypesAsync(call.CallId)).Count(t => t == "call_configured").Should().Be(1, "the same version is recorded once");
            details.GetProperty("lifecycle").EnumerateArray().Should().ContainSingle(s => s.GetProperty("event").GetString() == "call_configured")
                .Which.GetProperty("detail").GetString().Should().Be($"prompt v{version}");
        }
        finally
        {
            await fx.Api.StatusAsync(call.CallSid, "completed", 1, 3);
            settings["keypadMenu"] = new JsonArray();
            await TenancyFixture.ReadAsync(await PutAsync(admin, settings), "remove the menu");
        }

        var later = await fx.Api.CallAsync(NumberOfA, from: "+972521234572");
        try
        {
            (await media.ConfigAsync(A, later.CallId)).KeypadMenu.Should().BeEmpty("the menu was removed");
        }
        finally
        {
            await fx.Api.StatusAsync(later.CallSid, "completed", 1, 3);
        }
    }

    [Fact]
    public async Task A_call_the_media_host_never_configured_shows_no_prompt_version()
    {
        var call = await fx.Api.CallAsync(NumberOfA, from: "+972521234573");
        try
        {
            var agent = await fx.CachedSessionAsync(A, Role.Agent);
            var details = await TenancyFixture.ReadAsync(await agent.GetAsync($"/api/v1/calls/{call.CallId}"), "the call");

            details.GetProperty("promptVersion").ValueKind.Should().Be(JsonValueKind.Null);
        }
        finally
        {
            await fx.Api.StatusAsync(call.CallSid, "completed", 1, 3);
        }
    }

    [Fact]
    public async Task Every_broken_rule_of_a_menu_is_listed_in_hebrew_and_nothing_is_saved()
    {
        var owner = await fx.CachedSessionAsync(A, Role.Owner);
        var settings = await SettingsAsync(owner);
        var before = settings["keypadMenu"]!.ToJsonString();
        settings["keypadMenu"] = new JsonArray
        {
            new JsonObject { ["key"] = "1", ["action"] = "sales" },
            new JsonObject { ["key"] = "A", ["action"] = "repeat" },
            new JsonObject { ["key"] = "1", ["action"] = "existing_customer" },
            new JsonObject { ["key"] = "4", ["action"] = "custom_text", ["label"] = "Opening hours", ["text"] = "9-18" },
            new JsonObject { ["key"] = "5", ["action"] = "custom_text", ["label"] = "לכתובת" },
            new JsonObject { ["key"] = "6", ["action"] = "sales", ["text"] = "טקסט" },
        };

        var problem = await (await PutAsync(owner, settings)).ShouldBeProblemAsync(400);

        var errors = problem.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo(
            "settings.keypadMenu[1].key", "settings.keypadMenu[2].key", "settings.keypadMenu[3].label", "settings.keypadMenu[4].text",
            "settings.keypadMenu[5].text");
        errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray()).Should()
            .OnlyContain(m => m.GetString()!.Any(c => c >= 'א' && c <= 'ת'));
        (await SettingsAsync(owner))["keypadMenu"]!.ToJsonString().Should().Be(before);
    }

    [Fact]
    public async Task A_menu_has_at_most_ten_keys_and_an_unknown_action_or_a_missing_menu_is_refused()
    {
        var owner = await fx.CachedSessionAsync(A, Role.Owner);
        var settings = await SettingsAsync(owner);
        settings["keypadMenu"] = new JsonArray("0123456789*".Select(k => (JsonNode)new JsonObject { ["key"] = k.ToString(), ["action"] = "repeat" }).ToArray());
        var tooMany = await (await PutAsync(owner, settings)).ShouldBeProblemAsync(400);
        tooMany.GetProperty("errors").GetProperty("settings.keypadMenu").EnumerateArray().Single().GetString().Should().Contain("10");

        settings["keypadMenu"] = null;
        var missing = await (await PutAsync(owner, settings)).ShouldBeProblemAsync(400);
        missing.GetProperty("errors").TryGetProperty("settings.keypadMenu", out _).Should().BeTrue();

        settings["keypadMenu"] = new JsonArray(new JsonObject { ["key"] = "1", ["action"] = "transfer" });
        (await PutAsync(owner, settings)).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        (await SettingsAsync(owner))["keypadMenu"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Agents_cannot_change_the_menu()
    {
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var settings = await SettingsAsync(agent);
        settings["keypadMenu"] = Menu.DeepClone();

        await (await PutAsync(agent, settings)).ShouldBeProblemAsync(403);

        (await SettingsAsync(agent))["keypadMenu"]!.AsArray().Should().BeEmpty();
    }
}
