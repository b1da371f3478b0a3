using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ProSaaS.Api.Tests.Calls;
using ProSaaS.Api.Tests.Crm;
using ProSaaS.Api.Tests.Faq;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Application.Calls.GetCallConfig;
using ProSaaS.Domain.Tenants;
using ProSaaS.Domain.Users;
using ProSaaS.Hosting.Calls;

namespace ProSaaS.Api.Tests.Prompts;

/// <summary>What a call's configuration takes from the prompt versions, the FAQ, the address and the assistant's gender.</summary>
public sealed class CallConfigPromptTests(CallsFixture fx) : IClassFixture<CallsFixture>
{
    private const string NumberOfA = "+972501110001";

    private Guid A => fx.TenantA;

    [Fact]
    public async Task A_call_is_composed_from_its_channels_current_prompt_version_and_carries_that_channels_active_faq()
    {
        var owner = await fx.CachedSessionAsync(A, Role.Owner);
        var inbound = await fx.SaveAsync(A, "inbound_call", "לענות למתקשרים של {business} בקצרה.\nלהציע ביקור במשרד.");
        var parking = await fx.NewFaqEntryAsync(A, FaqApi.EntryBody("יש חניה ליד המשרד?", keywords: ["חניה"], phrasings: ["איפה חונים?"], channels: ["inbound_call"]));
        var everywhere = await fx.NewFaqEntryAsync(A, FaqApi.EntryBody("מה שעות הפתיחה?", keywords: ["שעות פתיחה"]));
        await fx.NewFaqEntryAsync(A, FaqApi.EntryBody("אתם עובדים בשבת?", keywords: ["שבת"], active: false));
        await fx.NewFaqEntryAsync(A, FaqApi.EntryBody("למה התקשרתם?", keywords: ["התקשרתם"], channels: ["outbound_call"]));
        await fx.NewFaqEntryAsync(fx.TenantB, FaqApi.EntryBody("שאלה של עסק ב?"));
        var call = await fx.Api.CallAsync(NumberOfA, from: "+972521234567");
        using var media = fx.MediaHostClient();

        var config = await media.ConfigAsync(A, call.CallId);

        config.PromptVersion.Should().Be(inbound.GetProperty("version").GetInt32());
        config.Instructions.Should().Contain("## התפקיד\nלענות למתקשרים של עסק א בקצרה.\nלהציע ביקור במשרד.\n");
        config.Faq.Select(f => f.Id).Should().Equal(parking.GetProperty("id").GetGuid(), everywhere.GetProperty("id").GetGuid());
        config.Faq[0].Should().BeEquivalentTo(new CallFaqEntry(parking.GetProperty("id").GetGuid(), "יש חניה ליד המשרד?",
            parking.GetProperty("answer").GetString()!, ["חניה"], ["איפה חונים?"]));
        config.AssistantGender.Should().Be(CallAssistantGenders.Female);
        config.Instructions.Should().Contain(CallInstructions.FemaleRule).And.NotContain("כתובת:");

        // A new version is what the next call is told.
        var next = await fx.SaveAsync(A, "inbound_call", "גרסה חדשה של ההנחיות ל{business}.");
        var second = await fx.Api.CallAsync(NumberOfA, from: "+972521234568");
        var secondConfig = await media.ConfigAsync(A, second.CallId);
        secondConfig.PromptVersion.Should().Be(next.GetProperty("version").GetInt32());
        secondConfig.Instructions.Should().Contain("גרסה חדשה של ההנחיות לעסק א.").And.NotContain("להציע ביקור במשרד");
        await fx.Api.StatusAsync(call.CallSid, "completed", 1, 3);
        await fx.Api.StatusAsync(second.CallSid, "completed", 1, 3);
    }

    [Fact]
    public async Task An_outbound_call_takes_the_outbound_prompt_and_a_male_assistant_with_an_address_is_told_so()
    {
        var owner = await fx.CachedSessionAsync(A, Role.Owner);
        await TenancyFixture.ReadAsync(await owner.PutAsJsonAsync("/api/v1/business", new { name = "עסק א", address = " הרצל 12, חיפה " }), "set the address");
        var read = await TenancyFixture.ReadAsync(await owner.GetAsync("/api/v1/business/settings"), "settings");
        var settings = JsonNode.Parse(read.GetProperty("settings").GetRawText())!.AsObject();
        settings["assistantGender"] = "male";
        settings["voice"] = "ash";
        settings["assistantName"] = "יואב";
        await TenancyFixture.ReadAsync(await owner.PutAsJsonAsync("/api/v1/business/settings", new { settings }), "a male assistant");
        var outboundVersion = await PromptsApi.CurrentVersionAsync(owner, "outbound_call");
        var (leadId, _, phone) = await fx.NewLeadAsync(A);
        var callId = await fx.StartOutboundAsync(A, leadId, phone, templateId: null);
        using var media = fx.MediaHostClient();

        try
        {
            var config = await media.ConfigAsync(A, callId);

            config.PromptVersion.Should().Be(outboundVersion);
            config.Instructions.Should().Contain((await TenancyFixture.ReadAsync(
                await owner.GetAsync($"/api/v1/prompts/outbound_call/versions/{outboundVersion}"), "the outbound prompt")).GetProperty("text").GetString()!
                .Replace(TenantSettings.BusinessPlaceholder, "עסק א"));
            config.AssistantGender.Should().Be(CallAssistantGenders.Male);
            config.Voice.Should().Be("ash");
            config.Instructions.Should().Contain("שמך בשיחה: יואב.").And.Contain(CallInstructions.MaleRule).And.Contain("- כתובת: הרצל 12, חיפה\n");
            var profile = await TenancyFixture.ReadAsync(await owner.GetAsync("/api/v1/business"), "profile");
            profile.GetProperty("address").GetString().Should().Be("הרצל 12, חיפה");
        }
        finally
        {
            await media.ReportAsync(A, callId, MediaHostCalls.Ended(MediaEndReasons.AssistantEnded));
            settings["assistantGender"] = "female";
            settings["voice"] = "alloy";
            settings["assistantName"] = "נועה";
            await TenancyFixture.ReadAsync(await owner.PutAsJsonAsync("/api/v1/business/settings", new { settings }), "back to the defaults");
            await TenancyFixture.ReadAsync(await owner.PutAsJsonAsync("/api/v1/business", new { name = "עסק א", address = "" }), "remove the address");
        }

        (await TenancyFixture.ReadAsync(await owner.GetAsync("/api/v1/business"), "profile")).TryGetProperty("address", out var removed).Should().BeTrue();
        removed.ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }
}
