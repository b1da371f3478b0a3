using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Api.Tests.Calls;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Application.Telephony;
using ProSaaS.Sandbox;
using ProSaaS.Hosting.Calls;

namespace ProSaaS.Api.Tests.Outbound;

/// <summary>
/// Starting outbound calls on the real Api and PostgreSQL, through two Api instances: the slots taken all or none, each call
/// placed with its webhooks, the provider's failures, and what the limits refuse. The second instance's provider is
/// <see cref="CallsFixture.Telephony"/>; the first runs the sandbox.
/// </summary>
public sealed class OutboundCallTests(CallsFixture fx) : IClassFixture<CallsFixture>
{
    [Fact]
    public async Task Calls_to_three_leads_are_started_in_order_each_placed_with_its_webhooks_and_holding_a_slot()
    {
        var business = await fx.NewOutboundBusinessAsync();
        var leads = new[] { await business.NewLeadAsync(fx.Api), await business.NewLeadAsync(fx.Api), await business.NewLeadAsync(fx.Api) };

        var calls = await business.StartedAsync(fx.Second, leads.Select(l => l.Id).ToArray());

        calls.Select(c => c.GetProperty("leadId").GetGuid()).Should().Equal(leads.Select(l => l.Id));
        calls.Select(c => c.GetProperty("leadName").GetString()).Should().Equal(leads.Select(l => l.Name));
        calls.Select(c => c.GetProperty("status").GetString()).Should().AllBe("queued");
        var ids = calls.Select(c => c.GetProperty("callId").GetGuid()).ToList();
        ids.Should().OnlyHaveUniqueItems();
        foreach (var (id, lead) in ids.Zip(leads))
        {
            (await EventTypesAsync(id)).Should().Equal("call_started", "call_placed");
            (await fx.Database.ScalarAsync<string>("select data->>'templateId' from mt_events where stream_id = $1 and type = 'call_started'", id))
                .Should().Be(business.TemplateId.ToString());
            (await fx.Database.ScalarAsync<string>("select tenant_id from mt_events where stream_id = $1 and type = 'call_placed'", id))
                .Should().Be(business.TenantId);
            var sid = await fx.Database.ScalarAsync<string>("select data->>'providerCallId' from mt_events where stream_id = $1 and type = 'call_placed'", id);
            (await fx.Database.ScalarAsync<string>("select data->>'leadId' from mt_events where stream_id = $1 and type = 'call_placed'", id))
                .Should().Be(lead.Id.ToString());
            (await fx.Database.ScalarAsync<string>(
                    "select direction || '/' || status || '/' || to_number || '/' || from_number || '/' || provider_call_id || '/' || template_id from calls where id = $1", id))
                .Should().Be($"outbound/queued/{lead.Phone}/{business.Number}/{sid}/{business.TemplateId}");
            (await fx.Database.ScalarAsync<string>("select direction || '/' || provider_call_id from call_slots where call_id = $1", id))
                .Should().Be($"outbound/{sid}");

            var placed = fx.Telephony.PlacedCalls.Single(p => p.AnswerUrl.Query.Contains(id.ToString()));
            placed.To.Should().Be(lead.Phone);
            placed.From.Should().Be(business.Number);
            placed.AnswerUrl.Should().Be(new Uri($"{CallsFixture.PublicBaseUrl}/twilio/voice/outbound?callId={id}"));
            placed.StatusCallbackUrl.Should().Be(new Uri($"{CallsFixture.PublicBaseUrl}/twilio/voice/status?callId={id}"));
            placed.DetectAnsweringMachine.Should().BeTrue();
        }

        (await fx.Database.ScalarAsync<long>("select count(*) from call_slots where tenant_id = $1 and direction = 'outbound'", business.TenantId))
            .Should().Be(3);
        using var agent = business.Client(fx.Api);
        var count = await (await agent.GetAsync("/api/v1/calls/active/count")).ReadJsonAsync();
        count.GetProperty("outbound").GetInt32().Should().Be(3);
        count.GetProperty("outboundAvailable").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task A_started_call_reads_with_its_template_and_placement_and_shows_in_the_leads_activity()
    {
        var business = await fx.NewOutboundBusinessAsync();
        var lead = await business.NewLeadAsync(fx.Api);
        var callId = (await business.StartedAsync(fx.Api, lead.Id)).Single().GetProperty("callId").GetGuid();
        using var agent = business.Client(fx.Api);

        var details = await (await agent.GetAsync($"/api/v1/calls/{callId}")).ReadJsonAsync();

        var call = details.GetProperty("call");
        call.GetProperty("direction").GetString().Should().Be("outbound");
        call.GetProperty("leadId").GetGuid().Should().Be(lead.Id);
        call.GetProperty("leadName").GetString().Should().Be(lead.Name);
        call.GetProperty("templateId").GetGuid().Should().Be(business.TemplateId);
        call.GetProperty("templateName").GetString().Should().StartWith("תבנית");
        call.GetProperty("providerCallId").GetString().Should().StartWith("CA");
        var steps = details.GetProperty("lifecycle").EnumerateArray().ToList();
        steps.Select(s => s.GetProperty("event").GetString()).Should().Equal("call_started", "call_placed");
        steps[1].GetProperty("detail").GetString().Should().Be(call.GetProperty("providerCallId").GetString());
        var activity = await (await agent.GetAsync($"/api/v1/leads/{lead.Id}/activity")).ReadJsonAsync();
        activity.GetRawText().Should().Contain("התחילה שיחה יוצאת").And.Contain("השיחה היוצאת חויגה");
    }

    [Fact]
    public async Task Over_the_outbound_limit_the_start_is_refused_in_hebrew_with_retry_after_and_nothing_is_started()
    {
        var business = await fx.NewOutboundBusinessAsync();
        var leads = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            leads.Add((await business.NewLeadAsync(fx.Api)).Id);
        }

        await business.StartedAsync(fx.Api, leads[0], leads[1]);
        var before = await CallRecordsAsync(business);

        var tooMany = await business.StartAsync(fx.Second, [leads[2], leads[3]]);

        var problem = await tooMany.ShouldBeProblemAsync(429);
        tooMany.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(60));
        problem.GetProperty("code").GetString().Should().Be("outbound.limit_reached");
        problem.GetProperty("detail").GetString().Should().Be(
            "אפשר להתחיל כרגע רק עוד שיחה יוצאת אחת (2 מתוך 3 קווים יוצאים תפוסים). בחרו פחות לידים או נסו שוב בעוד כמה דקות.");
        problem.GetProperty("active").GetInt32().Should().Be(2);
        problem.GetProperty("limit").GetInt32().Should().Be(3);
        (await CallRecordsAsync(business)).Should().Be(before, "nothing of a refused start is recorded");
        fx.Telephony.PlacedCalls.Should().NotContain(p => p.From == business.Number);

        await business.StartedAsync(fx.Api, leads[2]);
        var full = await business.StartAsync(fx.Second, [leads[3]]);

        (await full.ShouldBeProblemAsync(429)).GetProperty("detail").GetString()
            .Should().Be("כל הקווים היוצאים תפוסים כרגע (3 מתוך 3). נסו שוב בעוד כמה דקות.");
    }

    [Fact]
    public async Task Inbound_calls_count_against_the_total_limit()
    {
        var business = await fx.NewOutboundBusinessAsync();
        for (var i = 0; i < 4; i++)
        {
            (await fx.Api.CallAsync(business.Number)).Connected.Should().BeTrue();
        }

        var leads = new[] { (await business.NewLeadAsync(fx.Api)).Id, (await business.NewLeadAsync(fx.Api)).Id };
        var before = await CallRecordsAsync(business);

        var refused = await business.StartAsync(fx.Second, leads);

        var problem = await refused.ShouldBeProblemAsync(429);
        problem.GetProperty("code").GetString().Should().Be("outbound.limit_reached");
        problem.GetProperty("detail").GetString().Should().Be(
            "אפשר להתחיל כרגע רק עוד שיחה אחת (4 שיחות פעילות מתוך 5). בחרו פחות לידים או נסו שוב בעוד כמה דקות.");
        problem.GetProperty("active").GetInt32().Should().Be(4);
        problem.GetProperty("limit").GetInt32().Should().Be(5);
        (await CallRecordsAsync(business)).Should().Be(before);

        (await business.StartedAsync(fx.Second, leads[0])).Single().GetProperty("status").GetString().Should().Be("queued");
        (await (await business.StartAsync(fx.Api, [leads[1]])).ShouldBeProblemAsync(429)).GetProperty("detail").GetString()
            .Should().Be("כל הקווים של העסק תפוסים כרגע (5 שיחות פעילות מתוך 5). נסו שוב בעוד כמה דקות.");
    }

    [Fact]
    public async Task Concurrent_starts_through_two_instances_never_exceed_the_outbound_limit()
    {
        var business = await fx.NewOutboundBusinessAsync();
        var sizes = new[] { 1, 2, 1, 2, 1, 1, 2, 1 };
        var batches = new List<Guid[]>();
        foreach (var size in sizes)
        {
            var batch = new Guid[size];
            for (var i = 0; i < size; i++)
            {
                batch[i] = (await business.NewLeadAsync(fx.Api)).Id;
            }

            batches.Add(batch);
        }

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var starts = batches.Select(async (batch, i) =>
        {
            await go.Task;
            return (Batch: batch, Response: await business.StartAsync(i % 2 == 0 ? fx.Api : fx.Second, batch));
        }).ToList();
        go.SetResult();
        var answers = await Task.WhenAll(starts);

        var accepted = answers.Where(a => a.Response.StatusCode == HttpStatusCode.Accepted).ToList();
        var refused = answers.Where(a => a.Response.StatusCode != HttpStatusCode.Accepted).ToList();
        accepted.Should().NotBeEmpty();
        foreach (var (_, response) in refused)
        {
            (await response.ShouldBeProblemAsync(429)).GetProperty("code").GetString().Should().Be("outbound.limit_reached");
        }

        var started = accepted.Sum(a => a.Batch.Length);
        started.Should().BeLessThanOrEqualTo(3);
        (await fx.Database.ScalarAsync<long>("select count(*) from call_slots where tenant_id = $1 and direction = 'outbound'", business.TenantId))
            .Should().Be(started);
        (await fx.Database.ScalarAsync<long>("select count(*) from mt_events where tenant_id = $1 and type = 'call_started'", business.TenantId))
            .Should().Be(started, "a refused start records nothing");
        var refusedLeads = refused.SelectMany(a => a.Batch).Select(l => l.ToString()).ToArray();
        (await fx.Database.ScalarAsync<long>("select count(*) from calls where tenant_id = $1 and lead_id::text = any($2)", business.TenantId, refusedLeads))
            .Should().Be(0);
    }

    [Fact]
    public async Task A_call_the_provider_refuses_ends_as_failed_and_frees_its_slot_while_the_others_go_ahead()
    {
        var business = await fx.NewOutboundBusinessAsync();
        var good = await business.NewLeadAsync(fx.Api);
        var refusedLead = await business.NewLeadAsync(fx.Api);
        fx.Telephony.FailPlacing = request => request.To == refusedLead.Phone
            ? new TelephonyProviderException("Twilio refused the call.", 400, 21211, "The 'To' number is not a valid phone number.")
            : null;
        IReadOnlyList<JsonElement> calls;
        try
        {
            calls = await business.StartedAsync(fx.Second, good.Id, refusedLead.Id);
        }
        finally
        {
            fx.Telephony.FailPlacing = null;
        }

        calls[0].GetProperty("status").GetString().Should().Be("queued");
        calls[0].TryGetProperty("error", out var noError).Should().BeTrue();
        noError.ValueKind.Should().Be(JsonValueKind.Null);
        calls[1].GetProperty("status").GetString().Should().Be("failed");
        calls[1].GetProperty("errorCode").GetString().Should().Be("telephony.provider_error");
        calls[1].GetProperty("error").GetString().Should().Be("ספק הטלפוניה סירב להתקשר לליד הזה; השיחה לא יצאה.");
        var failedId = calls[1].GetProperty("callId").GetGuid();
        (await EventTypesAsync(failedId)).Should().Equal("call_started", "call_completed");
        (await fx.Database.ScalarAsync<string>("select status || '/' || end_reason from calls where id = $1", failedId)).Should().Be("failed/failed");
        (await fx.Database.ScalarAsync<long>("select count(*) from call_slots where tenant_id = $1", business.TenantId)).Should().Be(1);
        (await fx.Database.ScalarAsync<bool>("select exists (select 1 from call_slots where call_id = $1)", calls[0].GetProperty("callId").GetGuid()))
            .Should().BeTrue();
    }

    [Fact]
    public async Task When_the_provider_is_down_for_every_call_the_start_is_a_502_and_no_slot_stays_taken()
    {
        var business = await fx.NewOutboundBusinessAsync();
        var leads = new[] { (await business.NewLeadAsync(fx.Api)).Id, (await business.NewLeadAsync(fx.Api)).Id };
        fx.Telephony.FailPlacing = _ => new TelephonyProviderException("Twilio did not answer.", answered: false);
        HttpResponseMessage response;
        try
        {
            response = await business.StartAsync(fx.Second, leads);
        }
        finally
        {
            fx.Telephony.FailPlacing = null;
        }

        var problem = await response.ShouldBeProblemAsync(502);
        problem.GetProperty("code").GetString().Should().Be("telephony.provider_unreachable");
        problem.GetProperty("detail").GetString().Should().MatchRegex("[א-ת]");
        (await fx.Database.ScalarAsync<long>("select count(*) from call_slots where tenant_id = $1", business.TenantId)).Should().Be(0);
        (await fx.Database.ScalarAsync<long>("select count(*) from calls where tenant_id = $1 and end_reason = 'failed'", business.TenantId)).Should().Be(2);
        (await business.StartedAsync(fx.Second, leads)).Should().HaveCount(2, "the business's lines are free again");
    }

    [Fact]
    public async Task The_answered_call_is_connected_with_its_direction_lead_template_and_business_from_the_call_itself()
    {
        var business = await fx.NewOutboundBusinessAsync();
        var other = await fx.NewOutboundBusinessAsync();
        var lead = await business.NewLeadAsync(fx.Api);
        var callId = (await business.StartedAsync(fx.Second, lead.Id)).Single().GetProperty("callId").GetGuid();
        var sid = await ProviderCallIdAsync(callId);

        // The numbers in the request are another business's: the call's own business counts, never one found by a number.
        var answer = await fx.Api.AnswerAsync(OutboundCalls.AnswerPath(callId), OutboundCalls.AnsweredForm(sid, other.Number, other.Number));

        answer.Connected.Should().BeTrue(answer.Document.ToString());
        answer.Response.Elements().Should().ContainSingle();
        ((string?)answer.Stream!.Attribute("url")).Should().Be(CallsFixture.StreamUrl);
        answer.Stream.Elements("Parameter").Select(p => (string?)p.Attribute("name"))
            .Should().Equal("callId", "token", "direction", "leadId", "templateId", "tenantId");
        answer.CallId.Should().Be(callId);
        answer.Parameter("direction").Should().Be("outbound");
        answer.Parameter("leadId").Should().Be(lead.Id.ToString());
        answer.Parameter("templateId").Should().Be(business.TemplateId.ToString());
        answer.Parameter("tenantId").Should().Be(business.TenantId);
        StreamToken.TryVerify(CallsFixture.TokenKey, answer.Parameter("token"), DateTimeOffset.UtcNow, out var claims).Should().BeTrue();
        claims.CallId.Should().Be(callId);
        claims.TenantId.Should().Be(business.TenantId);

        (await EventTypesAsync(callId)).Should().Equal("call_started", "call_placed", "call_status_changed");
        (await fx.Database.ScalarAsync<string>("select data->>'answeredBy' from mt_events where stream_id = $1 and type = 'call_status_changed'", callId))
            .Should().Be("human");
        (await fx.Database.ScalarAsync<string>("select status from calls where id = $1", callId)).Should().Be("in_progress");
        (await fx.Database.ScalarAsync<long>("select count(*) from mt_events where tenant_id = $1 and type like 'call%'", other.TenantId)).Should().Be(0);

        // Twilio asking again (a retry) connects again and records nothing more.
        (await fx.Second.AnswerAsync(OutboundCalls.AnswerPath(callId), OutboundCalls.AnsweredForm(sid, business.Number, lead.Phone))).Connected.Should().BeTrue();
        (await EventTypesAsync(callId)).Should().HaveCount(3);
    }

    [Fact]
    public async Task An_answering_machine_is_hung_up_on_and_the_call_ends_with_its_reason()
    {
        var business = await fx.NewOutboundBusinessAsync();
        var lead = await business.NewLeadAsync(fx.Api);
        var callId = (await business.StartedAsync(fx.Second, lead.Id)).Single().GetProperty("callId").GetGuid();
        var sid = await ProviderCallIdAsync(callId);

        var answer = await fx.Api.AnswerAsync(OutboundCalls.AnswerPath(callId),
            OutboundCalls.AnsweredForm(sid, business.Number, lead.Phone, answeredBy: "machine_end_beep"));

        answer.Response.Elements().Select(e => e.Name.LocalName).Should().Equal("Hangup");
        (await EventTypesAsync(callId)).Should().Equal("call_started", "call_placed", "call_status_changed", "call_completed");
        (await fx.Database.ScalarAsync<string>("select status || '/' || end_reason from calls where id = $1", callId)).Should().Be("completed/answering_machine");
        (await fx.Database.ScalarAsync<long>("select count(*) from call_slots where call_id = $1", callId)).Should().Be(0);

        // The provider's final report afterwards changes nothing.
        await fx.Api.ReportAsync(OutboundCalls.StatusPath(callId), Twilio.StatusForm(sid, "completed", 4, 3));
        (await EventTypesAsync(callId)).Should().HaveCount(4);
        using var agent = business.Client(fx.Api);
        var activity = await (await agent.GetAsync($"/api/v1/leads/{lead.Id}/activity")).ReadJsonAsync();
        activity.GetRawText().Should().Contain("ענה משיבון קולי");
    }

    [Fact]
    public async Task A_status_report_that_overtakes_the_providers_answer_finds_the_call_by_its_id_and_records_the_sid_once()
    {
        var business = await fx.NewOutboundBusinessAsync();
        var lead = await business.NewLeadAsync(fx.Api);
        fx.Telephony.WhilePlacing = async (request, sid) =>
        {
            await fx.Api.ReportAsync(request.StatusCallbackUrl.PathAndQuery, Twilio.StatusForm(sid, "initiated", 0));
            await fx.Second.ReportAsync(request.StatusCallbackUrl.PathAndQuery, Twilio.StatusForm(sid, "ringing", 1));
        };
        Guid callId;
        try
        {
            callId = (await business.StartedAsync(fx.Second, lead.Id)).Single().GetProperty("callId").GetGuid();
        }
        finally
        {
            fx.Telephony.WhilePlacing = null;
        }

        (await EventTypesAsync(callId)).Should().Equal("call_started", "call_placed", "call_status_changed", "call_status_changed");
        var sid = await ProviderCallIdAsync(callId);
        (await fx.Database.ScalarAsync<string>("select status || '/' || provider_call_id from calls where id = $1", callId)).Should().Be($"ringing/{sid}");
        (await fx.Database.ScalarAsync<string>("select provider_call_id from call_slots where call_id = $1", callId)).Should().Be(sid);

        // Reports that do not name the call find it by its sid now; the end frees the slot.
        await fx.Api.StatusAsync(sid, "in-progress", 2);
        await fx.Second.ReportAsync(OutboundCalls.StatusPath(callId), Twilio.StatusForm(sid, "completed", 3, 25));
        (await fx.Database.ScalarAsync<string>("select status || '/' || end_reason || '/' || duration_seconds from calls where id = $1", callId))
            .Should().Be("completed/completed/25");
        (await fx.Database.ScalarAsync<long>("select count(*) from call_slots where call_id = $1", callId)).Should().Be(0);
    }

    [Fact]
    public async Task Another_businesss_call_named_in_a_webhook_address_is_left_alone()
    {
        var mine = await fx.NewOutboundBusinessAsync();
        var theirs = await fx.NewOutboundBusinessAsync();
        var myLead = await mine.NewLeadAsync(fx.Api);
        var theirLead = await theirs.NewLeadAsync(fx.Api);
        var myCall = (await mine.StartedAsync(fx.Second, myLead.Id)).Single().GetProperty("callId").GetGuid();
        var theirCall = (await theirs.StartedAsync(fx.Second, theirLead.Id)).Single().GetProperty("callId").GetGuid();
        var mySid = await ProviderCallIdAsync(myCall);

        // Signed as Twilio signs, but the address names their call while the request is about mine.
        var answer = await fx.Api.AnswerAsync(OutboundCalls.AnswerPath(theirCall), OutboundCalls.AnsweredForm(mySid, mine.Number, myLead.Phone));
        await fx.Api.ReportAsync(OutboundCalls.StatusPath(theirCall), Twilio.StatusForm(mySid, "completed", 5, 30));

        answer.Connected.Should().BeFalse();
        answer.Response.Elements().Select(e => e.Name.LocalName).Should().Equal("Hangup");
        (await EventTypesAsync(theirCall)).Should().Equal("call_started", "call_placed");
        (await EventTypesAsync(myCall)).Should().Equal("call_started", "call_placed");
        (await fx.Database.ScalarAsync<long>("select count(*) from call_slots where call_id = any($1)", new[] { myCall, theirCall })).Should().Be(2);
    }

    [Fact]
    public async Task An_unknown_or_ended_call_named_in_the_outbound_webhook_is_hung_up_on_and_nothing_is_recorded()
    {
        var business = await fx.NewOutboundBusinessAsync();
        var lead = await business.NewLeadAsync(fx.Api);
        var callId = (await business.StartedAsync(fx.Second, lead.Id)).Single().GetProperty("callId").GetGuid();
        var sid = await ProviderCallIdAsync(callId);
        await fx.Api.ReportAsync(OutboundCalls.StatusPath(callId), Twilio.StatusForm(sid, "no-answer", 3, 0));
        var before = await fx.Database.ScalarAsync<long>("select count(*) from mt_events where type like 'call%'");

        foreach (var path in new[] { OutboundCalls.AnswerPath(callId), OutboundCalls.AnswerPath(Guid.NewGuid()), "/twilio/voice/outbound?callId=not-an-id", "/twilio/voice/outbound" })
        {
            var answer = await fx.Api.AnswerAsync(path, OutboundCalls.AnsweredForm(sid, business.Number, lead.Phone));
            answer.Response.Elements().Select(e => e.Name.LocalName).Should().Equal(["Hangup"], path);
        }

        (await fx.Database.ScalarAsync<long>("select count(*) from mt_events where type like 'call%'")).Should().Be(before);
        (await fx.Database.ScalarAsync<string>("select status || '/' || end_reason from calls where id = $1", callId)).Should().Be("no_answer/no_answer");
    }

    [Fact]
    public async Task The_outbound_webhook_refuses_a_request_twilio_did_not_sign()
    {
        var business = await fx.NewOutboundBusinessAsync();
        var lead = await business.NewLeadAsync(fx.Api);
        var callId = (await business.StartedAsync(fx.Second, lead.Id)).Single().GetProperty("callId").GetGuid();
        var sid = await ProviderCallIdAsync(callId);
        var form = OutboundCalls.AnsweredForm(sid, business.Number, lead.Phone);

        // Signed for another call's address: the query is part of what is signed.
        var forged = await fx.Api.PostWithSignatureAsync(OutboundCalls.AnswerPath(callId), form, Twilio.Sign(OutboundCalls.AnswerPath(Guid.NewGuid()), form));

        (await forged.ShouldBeProblemAsync(403)).GetProperty("code").GetString().Should().Be("twilio.signature_invalid");
        (await EventTypesAsync(callId)).Should().Equal("call_started", "call_placed");
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_rings_no_one_twice()
    {
        var business = await fx.NewOutboundBusinessAsync();
        var lead = await business.NewLeadAsync(fx.Api);
        var key = Guid.NewGuid().ToString();

        var first = await business.StartAsync(fx.Api, [lead.Id], idempotencyKey: key);
        var again = await business.StartAsync(fx.Second, [lead.Id], idempotencyKey: key);

        first.StatusCode.Should().Be(HttpStatusCode.Accepted);
        again.StatusCode.Should().Be(HttpStatusCode.Accepted);
        again.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await again.ReadJsonAsync()).GetProperty("calls")[0].GetProperty("callId").GetGuid()
            .Should().Be((await first.ReadJsonAsync()).GetProperty("calls")[0].GetProperty("callId").GetGuid());
        (await fx.Database.ScalarAsync<long>("select count(*) from calls where tenant_id = $1", business.TenantId)).Should().Be(1);
    }

    [Fact]
    public async Task A_start_the_business_cannot_make_records_nothing()
    {
        var business = await fx.NewOutboundBusinessAsync();
        var other = await fx.NewOutboundBusinessAsync();
        var lead = await business.NewLeadAsync(fx.Api);
        var foreign = await other.NewLeadAsync(fx.Api);
        var before = await CallRecordsAsync(business);

        var none = await (await business.StartAsync(fx.Api, [])).ShouldBeProblemAsync(400);
        none.GetProperty("errors").GetProperty("leadIds")[0].GetString().Should().Be("יש לבחור בין ליד אחד לשלושה לידים לשיחה.");
        await (await business.StartAsync(fx.Api, [lead.Id, lead.Id])).ShouldBeProblemAsync(400);
        await (await business.StartAsync(fx.Api, [lead.Id, foreign.Id])).ShouldBeProblemAsync(404);
        await (await business.StartAsync(fx.Api, [lead.Id], other.TemplateId)).ShouldBeProblemAsync(404);

        (await CallRecordsAsync(business)).Should().Be(before);
        (await CallRecordsAsync(other)).Should().Be((0, 0, 0));
    }

    [Fact]
    public async Task Without_the_apis_public_address_no_call_is_started()
    {
        var business = await fx.NewOutboundBusinessAsync();
        var lead = await business.NewLeadAsync(fx.Api);
        await using var unconfigured = new ApiFactory(fx.Database.ConnectionString);

        var response = await business.StartAsync(unconfigured, [lead.Id]);

        var problem = await response.ShouldBeProblemAsync(503);
        problem.GetProperty("code").GetString().Should().Be("telephony.not_configured");
        problem.GetProperty("detail").GetString().Should().Contain("Twilio:PublicBaseUrl");
        (await CallRecordsAsync(business)).Should().Be((0, 0, 0));
        unconfigured.Services.GetRequiredService<ProSaaS.Infrastructure.Telephony.SandboxTelephonyGateway>().Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task With_twilio_keys_each_call_is_created_at_twilio_with_its_webhooks_status_events_and_machine_detection()
    {
        await using var twilio = await FakeTwilioRest.StartAsync();
        await using var live = LiveApi(twilio);
        var business = await fx.NewOutboundBusinessAsync();
        var lead = await business.NewLeadAsync(fx.Api);

        var callId = (await business.StartedAsync(live, lead.Id)).Single().GetProperty("callId").GetGuid();

        var request = twilio.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("POST");
        request.Path.Should().Be($"/2010-04-01/Accounts/{FakeTwilioRest.AccountSid}/Calls.json");
        request.Authorization.Should().Be(FakeTwilioRest.ExpectedAuthorization);
        request.Value("To").Should().Be(lead.Phone);
        request.Value("From").Should().Be(business.Number);
        request.Value("Url").Should().Be($"{CallsFixture.PublicBaseUrl}/twilio/voice/outbound?callId={callId}");
        request.Value("StatusCallback").Should().Be($"{CallsFixture.PublicBaseUrl}/twilio/voice/status?callId={callId}");
        request.Value("StatusCallbackMethod").Should().Be("POST");
        request.Values("StatusCallbackEvent").Should().Equal("initiated", "ringing", "answered", "completed");
        request.Value("MachineDetection").Should().Be("DetectMessageEnd");
        var sid = await ProviderCallIdAsync(callId);
        twilio.Calls.Should().ContainKey(sid);

        // Twilio signs its webhooks with the account's token.
        var form = OutboundCalls.AnsweredForm(sid, business.Number, lead.Phone);
        var path = OutboundCalls.AnswerPath(callId);
        var answered = await live.PostWithSignatureAsync(path, form, Twilio.Sign(path, form, FakeTwilioRest.AuthToken));
        answered.StatusCode.Should().Be(HttpStatusCode.OK, await answered.Content.ReadAsStringAsync());
        (await answered.Content.ReadAsStringAsync()).Should().Contain("<Stream").And.Contain(callId.ToString());
    }

    [Fact]
    public async Task When_twilio_fails_every_call_the_start_is_a_502_with_twilios_code_and_the_slots_are_free()
    {
        await using var twilio = await FakeTwilioRest.StartAsync();
        await using var live = LiveApi(twilio);
        var business = await fx.NewOutboundBusinessAsync();
        var leads = new[] { (await business.NewLeadAsync(fx.Api)).Id, (await business.NewLeadAsync(fx.Api)).Id };
        twilio.FailNext(2, HttpStatusCode.ServiceUnavailable, 20503, "Service unavailable");

        var problem = await (await business.StartAsync(live, leads)).ShouldBeProblemAsync(502);

        problem.GetProperty("code").GetString().Should().Be("telephony.provider_error");
        problem.GetProperty("providerCode").GetInt32().Should().Be(20503);
        twilio.Requests.Should().HaveCount(2, "placing a call is never repeated");
        (await fx.Database.ScalarAsync<long>("select count(*) from call_slots where tenant_id = $1", business.TenantId)).Should().Be(0);
        (await fx.Database.ScalarAsync<long>("select count(*) from calls where tenant_id = $1 and status = 'failed'", business.TenantId)).Should().Be(2);
    }

    /// <summary>A third Api instance on the fixture's database that places calls through Twilio's REST API (the fake).</summary>
    private ApiFactory LiveApi(FakeTwilioRest twilio) => new(fx.Database.ConnectionString, new Dictionary<string, string?>
    {
        ["Twilio:AccountSid"] = FakeTwilioRest.AccountSid,
        ["Twilio:AuthToken"] = FakeTwilioRest.AuthToken,
        ["Twilio:ApiBaseUrl"] = twilio.BaseAddress.ToString(),
        ["Twilio:PublicBaseUrl"] = CallsFixture.PublicBaseUrl,
        ["MediaHost:PublicStreamUrl"] = CallsFixture.StreamUrl,
        ["MediaHost:StreamTokenKey"] = Convert.ToBase64String(CallsFixture.TokenKey),
        ["Calls:ReclaimScanSeconds"] = "0",
    });

    private async Task<string> ProviderCallIdAsync(Guid callId) =>
        await fx.Database.ScalarAsync<string>("select provider_call_id from calls where id = $1", callId);

    private async Task<IReadOnlyList<string>> EventTypesAsync(Guid callId) =>
        (await fx.Database.ScalarAsync<string>("select coalesce(string_agg(type, ',' order by version), '') from mt_events where stream_id = $1", callId))
        .Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The business's call events, calls and slots.</summary>
    private async Task<(long Events, long Calls, long Slots)> CallRecordsAsync(OutboundBusiness business) =>
        (await fx.Database.ScalarAsync<long>("select count(*) from mt_events where tenant_id = $1 and type like 'call%'", business.TenantId),
         await fx.Database.ScalarAsync<long>("select count(*) from calls where tenant_id = $1", business.TenantId),
         await fx.Database.ScalarAsync<long>("select count(*) from call_slots where tenant_id = $1", business.TenantId));
}
