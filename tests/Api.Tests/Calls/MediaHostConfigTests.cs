using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ProSaaS.Api.Tests.Crm;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Domain.Outbound;
using ProSaaS.Domain.Users;
using ProSaaS.Hosting.Calls;

namespace ProSaaS.Api.Tests.Calls;

/// <summary>A live call's configuration, as the media host fetches it when the call's stream starts.</summary>
public sealed class MediaHostConfigTests(CallsFixture fx) : IClassFixture<CallsFixture>
{
    private const string NumberOfA = "+972501110001";
    private const string BusinessA = "עסק א";

    private Guid A => fx.TenantA;

    [Fact]
    public async Task An_inbound_call_gets_the_businesss_settings_its_greeting_and_its_composed_prompt()
    {
        var owner = await fx.CachedSessionAsync(A, Role.Owner);
        var current = await TenancyFixture.ReadAsync(await owner.GetAsync("/api/v1/business/settings"), "read the settings");
        var settings = JsonNode.Parse(current.GetProperty("settings").GetRawText())!.AsObject();
        settings["greeting"] = "שלום, כאן {business}. איך אפשר לעזור?";
        settings["voice"] = "coral";
        settings["botSpeaksFirst"] = false;
        settings["maxCallMinutes"] = 7;
        settings["inboundPrompt"] = "לענות למתקשרים של {business} בקצרה ולקבוע ביקור בנכס.";
        settings["autoHangup"] = new JsonObject { ["onLeadCaptured"] = true, ["onGoodbye"] = false };
        settings["silence"] = new JsonObject { ["warningAfterSeconds"] = 6, ["hangupAfterSeconds"] = 25, ["maxWarnings"] = 3 };
        var updated = await TenancyFixture.ReadAsync(await owner.PutAsJsonAsync("/api/v1/business/settings", new { settings }), "change the settings");
        updated.GetProperty("changedSettings").EnumerateArray().Select(c => c.GetString()).Should().Contain(["inboundPrompt", "greeting", "voice"]);
        var call = await fx.Api.CallAsync(NumberOfA, from: "+972521234567");
        using var media = fx.MediaHostClient();

        var config = await media.ConfigAsync(A, call.CallId);

        config.CallId.Should().Be(call.CallId);
        config.TenantId.Should().Be(A.ToString());
        config.Direction.Should().Be(CallDirections.Inbound);
        config.LeadId.Should().BeNull();
        config.TemplateId.Should().BeNull();
        config.From.Should().Be("+972521234567");
        config.To.Should().Be(NumberOfA);
        config.BusinessName.Should().Be(BusinessA);
        config.TimeZone.Should().Be("Asia/Jerusalem");
        config.Language.Should().Be("he");
        config.AssistantName.Should().Be("נועה");
        config.Greeting.Should().Be("שלום, כאן עסק א. איך אפשר לעזור?");
        config.Voice.Should().Be("coral");
        config.BotSpeaksFirst.Should().BeFalse();
        config.AutoHangup.Should().Be(new CallAutoHangup(OnLeadCaptured: true, OnGoodbye: false));
        config.Silence.Should().Be(new CallSilence(6, 25, 3));
        config.MaxCallSeconds.Should().Be(420);
        config.TurnDetection.Type.Should().Be("server_vad");
        config.LeadFields.Select(f => (f.Key, f.Required)).Should().StartWith([("name", true), ("phone", false), ("city", false)]);
        config.LeadFields.Should().Contain(new CallLeadField("property_type", "סוג נכס", "select", false));
        config.Tools.Select(t => t.Name).Should().Equal("save_lead_fields", "check_availability", "book_appointment", "request_human", "end_call");
        config.Record.Should().BeTrue();
        config.Instructions.Should().Contain("זו שיחת טלפון נכנסת בשם עסק א.")
            .And.Contain("לענות למתקשרים של עסק א בקצרה ולקבוע ביקור בנכס.")
            .And.Contain("ראשון–חמישי 09:00–18:00")
            .And.Contain("\"שלום, כאן עסק א. איך אפשר לעזור?\"")
            .And.Contain("לאשר כל פרט מיד אחרי ששמעת אותו")
            .And.NotContain("{business}");
        await fx.Api.StatusAsync(call.CallSid, "completed", 1, 3);
    }

    [Fact]
    public async Task An_outbound_call_gets_its_leads_name_and_its_templates_greeting_and_prompt_even_after_the_template_is_deleted()
    {
        var (leadId, leadName, phone) = await fx.NewLeadAsync(A);
        var admin = await fx.CachedSessionAsync(A, Role.Admin);
        var template = await TenancyFixture.ReadAsync(await admin.PostAsJsonAsync("/api/v1/outbound/templates", new
        {
            name = Callers.Unique("חזרה ללידים"),
            promptText = "לשאול את {lead_name} אם הדירה שביקש עדיין רלוונטית ולהציע ביקור.",
            greetingTemplate = "שלום {lead_name}, מדברים מ{business}. יש לך דקה?",
            active = true,
        }), "create a template");
        var templateId = template.GetProperty("id").GetGuid();
        var callId = await fx.StartOutboundAsync(A, leadId, phone, templateId);
        using var media = fx.MediaHostClient(fx.Second);

        var config = await media.ConfigAsync(A, callId);

        config.Direction.Should().Be(CallDirections.Outbound);
        config.LeadId.Should().Be(leadId);
        config.TemplateId.Should().Be(templateId);
        config.To.Should().Be(phone);
        config.Greeting.Should().Be(OutboundGreeting.Render("שלום {lead_name}, מדברים מ{business}. יש לך דקה?", leadName, BusinessA))
            .And.StartWith($"שלום {leadName}, מדברים מעסק א.");
        config.LeadFields.Select(f => (f.Key, f.Required)).Should().StartWith([("name", false), ("phone", false)]);
        config.Instructions.Should().Contain("זו שיחת טלפון יוצאת בשם עסק א.")
            .And.Contain($"העסק מתקשר אל הליד {leadName}")
            .And.Contain($"לשאול את {leadName} אם הדירה שביקש עדיין רלוונטית ולהציע ביקור.")
            .And.Contain(config.Greeting)
            .And.Contain("ללידים שהשאירו פרטים");

        (await admin.DeleteAsync($"/api/v1/outbound/templates/{templateId}")).IsSuccessStatusCode.Should().BeTrue();
        var afterDeletion = await media.ConfigAsync(A, callId);

        afterDeletion.Greeting.Should().Be(config.Greeting);
        afterDeletion.Instructions.Should().Be(config.Instructions);
        await media.ReportAsync(A, callId, MediaHostCalls.Ended(MediaEndReasons.AssistantEnded));
    }

    [Fact]
    public async Task An_outbound_call_without_a_template_opens_with_the_default_greeting()
    {
        var (leadId, leadName, phone) = await fx.NewLeadAsync(A);
        var callId = await fx.StartOutboundAsync(A, leadId, phone, templateId: null);
        using var media = fx.MediaHostClient();

        var config = await media.ConfigAsync(A, callId);

        config.TemplateId.Should().BeNull();
        config.Greeting.Should().Be($"שלום {leadName}, מדברים מעסק א.");
        config.Instructions.Should().NotContain("הנחיות לשיחה הזו");
        await media.ReportAsync(A, callId, MediaHostCalls.Ended(MediaEndReasons.CallerHungUp));
    }

    [Fact]
    public async Task An_ended_or_refused_call_has_no_configuration()
    {
        var ended = await fx.Api.CallAsync(NumberOfA);
        await fx.Api.StatusAsync(ended.CallSid, "completed", 1, 4);
        var (business, number) = await fx.NewBusinessAsync(maxConcurrentCalls: 1);
        var live = await fx.Api.CallAsync(number);
        var refused = await fx.Api.CallAsync(number);
        refused.Connected.Should().BeFalse();
        var refusedId = await fx.Database.ScalarAsync<Guid>("select id from calls where tenant_id = $1 and status = 'rejected'", business.ToString());
        using var media = fx.MediaHostClient();

        foreach (var (tenant, callId) in new[] { (A, ended.CallId), (business, refusedId) })
        {
            var response = await media.GetAsync(MediaHostContract.ConfigPath(tenant.ToString(), callId));
            var problem = await response.ShouldBeProblemAsync((int)HttpStatusCode.Conflict);
            problem.GetProperty("code").GetString().Should().Be("call.not_live");
            problem.GetProperty("detail").GetString().Should().MatchRegex("[א-ת]");
        }

        await fx.Api.StatusAsync(live.CallSid, "completed", 1, 2);
    }

    [Fact]
    public async Task Another_businesss_call_an_unknown_call_and_a_stream_that_is_not_a_call_are_not_found()
    {
        var call = await fx.Api.CallAsync(NumberOfA);
        var (leadId, _, _) = await fx.NewLeadAsync(A);
        using var media = fx.MediaHostClient();

        var asB = await media.GetAsync(MediaHostContract.ConfigPath(fx.TenantB.ToString(), call.CallId));
        var unknown = await media.GetAsync(MediaHostContract.ConfigPath(A.ToString(), Guid.NewGuid()));
        var aLead = await media.GetAsync(MediaHostContract.ConfigPath(A.ToString(), leadId));

        foreach (var response in new[] { asB, unknown, aLead })
        {
            await response.ShouldBeProblemAsync((int)HttpStatusCode.NotFound);
        }

        (await asB.Content.ReadAsStringAsync()).Should().NotContain(call.CallId.ToString()).And.NotContain(BusinessA);
        await fx.Api.StatusAsync(call.CallSid, "completed", 1, 2);
    }

    [Fact]
    public async Task Only_the_service_key_reads_a_configuration()
    {
        var call = await fx.Api.CallAsync(NumberOfA);
        var path = MediaHostContract.ConfigPath(A.ToString(), call.CallId);
        var owner = await fx.CachedSessionAsync(A, Role.Owner);
        using var apiKey = fx.ApiKeyClient(A, Role.Owner);
        using var wrongKey = fx.MediaHostClient(serviceKey: Convert.ToBase64String(new byte[32]));

        foreach (var client in new[] { owner, apiKey, wrongKey })
        {
            await (await client.GetAsync(path)).ShouldBeProblemAsync((int)HttpStatusCode.Unauthorized);
        }

        await fx.Api.StatusAsync(call.CallSid, "completed", 1, 2);
    }
}
