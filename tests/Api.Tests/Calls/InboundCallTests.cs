using System.Net;
using System.Net.Http.Json;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Domain.Users;
using ProSaaS.Hosting.Calls;
using ProSaaS.Hosting.Telephony;
using ProSaaS.Infrastructure.Telephony.Twilio;

namespace ProSaaS.Api.Tests.Calls;

/// <summary>Twilio's inbound voice webhook on the real Api and PostgreSQL: who is connected, who is refused, and what is recorded.</summary>
public sealed class InboundCallTests(CallsFixture fx) : IClassFixture<CallsFixture>
{
    private const string InboundPath = "/twilio/voice/inbound";

    [Fact]
    public async Task A_call_to_a_known_number_is_connected_to_the_media_host_with_a_token_that_verifies_and_one_call_started()
    {
        var (business, number) = await fx.NewBusinessAsync();

        var answer = await fx.Api.CallAsync(number, from: "052-123-4567");

        answer.Connected.Should().BeTrue(answer.Document.ToString());
        answer.Response.Elements().Should().ContainSingle("the answer is the stream and nothing else");
        ((string?)answer.Stream!.Attribute("url")).Should().Be(CallsFixture.StreamUrl);
        answer.Stream.Elements("Parameter").Select(p => (string?)p.Attribute("name")).Should().Equal("callId", "token");
        var callId = answer.CallId;
        StreamToken.TryVerify(CallsFixture.TokenKey, answer.Parameter("token"), DateTimeOffset.UtcNow, out var claims).Should().BeTrue();
        claims.CallId.Should().Be(callId);
        claims.TenantId.Should().Be(business.ToString());
        claims.ExpiresAt.Should().BeCloseTo(DateTimeOffset.UtcNow.AddMinutes(1), TimeSpan.FromSeconds(10));

        (await fx.Database.ScalarAsync<string>("select type from mt_streams where id = $1", callId)).Should().Be("call");
        (await fx.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1", callId)).Should().Be(1);
        (await fx.Database.ScalarAsync<string>("select type from mt_events where stream_id = $1", callId)).Should().Be("call_started");
        (await fx.Database.ScalarAsync<string>("select tenant_id from mt_events where stream_id = $1", callId)).Should().Be(business.ToString());
        (await fx.Database.ScalarAsync<string>("select user_name from mt_events where stream_id = $1", callId)).Should().Be("twilio");
        (await fx.Database.ScalarAsync<string>("select data->>'from' from mt_events where stream_id = $1", callId)).Should().Be("+972521234567");
        (await fx.Database.ScalarAsync<string>("select data->>'providerCallId' from mt_events where stream_id = $1", callId)).Should().Be(answer.CallSid);
        (await fx.Database.ScalarAsync<long>("select count(*) from call_slots where tenant_id = $1", business.ToString())).Should().Be(1);
        (await fx.Database.ScalarAsync<string>("select status from calls where id = $1", callId)).Should().Be("ringing");
        (await fx.Database.ScalarAsync<string>("select to_number from calls where id = $1", callId)).Should().Be(number);
    }

    [Fact]
    public async Task The_same_call_asked_about_again_gets_the_same_answer_and_records_nothing_more()
    {
        var (business, number) = await fx.NewBusinessAsync();
        var first = await fx.Api.CallAsync(number);

        var again = await fx.Second.CallAsync(number, first.CallSid);

        again.Connected.Should().BeTrue();
        again.CallId.Should().Be(first.CallId);
        (await fx.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1", first.CallId)).Should().Be(1);
        (await fx.Database.ScalarAsync<long>("select count(*) from call_slots where tenant_id = $1", business.ToString())).Should().Be(1);
    }

    [Fact]
    public async Task A_call_to_a_number_nobody_answers_is_rejected_and_nothing_is_stored()
    {
        var before = await CallRecordsAsync();

        var answer = await fx.Api.CallAsync(Callers.UniqueMobile());

        answer.Response.Elements().Select(e => e.Name.LocalName).Should().Equal("Reject");
        (await CallRecordsAsync()).Should().Be(before);
    }

    [Fact]
    public async Task A_call_without_a_valid_twilio_signature_is_refused_with_403_and_nothing_is_stored()
    {
        var (_, number) = await fx.NewBusinessAsync();
        var form = Twilio.InboundForm(Twilio.NewCallSid(), number);
        var tampered = new Dictionary<string, string>(form) { ["From"] = "+972529999999" };
        var before = await CallRecordsAsync();

        string?[] signatures =
        [
            null,
            "",
            Twilio.Sign(InboundPath, form, key: "not-the-key"),
            Twilio.Sign(InboundPath, tampered),
            // Signed for the address the request was sent to (its Host header) rather than the configured public one.
            Twilio.Sign(InboundPath, form, baseUrl: "http://localhost"),
            Twilio.Sign("/twilio/voice/status", form),
        ];
        foreach (var signature in signatures)
        {
            var response = await fx.Api.PostWithSignatureAsync(InboundPath, form, signature);
            var problem = await response.ShouldBeProblemAsync(403);
            problem.GetProperty("code").GetString().Should().Be("twilio.signature_invalid");
            problem.GetProperty("detail").GetString().Should().Contain("חתימת");
        }

        var status = await fx.Api.PostWithSignatureAsync("/twilio/voice/status", Twilio.StatusForm(form["CallSid"], "completed", 1), "bm90IGEgc2lnbmF0dXJl");
        (await status.ShouldBeProblemAsync(403)).GetProperty("code").GetString().Should().Be("twilio.signature_invalid");
        (await CallRecordsAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Twilio_may_sign_the_address_with_the_default_port()
    {
        var (_, number) = await fx.NewBusinessAsync();
        var form = Twilio.InboundForm(Twilio.NewCallSid(), number);

        var response = await fx.Api.PostWithSignatureAsync(InboundPath, form, Twilio.Sign(InboundPath, form, baseUrl: CallsFixture.PublicBaseUrl + ":443"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("<Connect>");
    }

    [Fact]
    public async Task A_suspended_business_refuses_the_caller_politely_in_hebrew_and_records_the_refusal()
    {
        var (business, number) = await fx.NewBusinessAsync();
        var root = await fx.CachedSessionAsync(fx.TenantA, Role.SystemAdmin);
        await TenancyFixture.ReadAsync(await root.PostAsJsonAsync($"/api/v1/tenants/{business}/suspend", new { reason = "חשבונית שלא שולמה" }), "suspend");

        var answer = await fx.Api.CallAsync(number);

        answer.RefusedPolitely.Should().BeTrue(answer.Document.ToString());
        answer.Said.Should().Contain("אינו זמין");
        var events = await fx.Database.ScalarAsync<long>("select count(*) from mt_events where tenant_id = $1 and type like 'call%'", business.ToString());
        events.Should().Be(1);
        (await fx.Database.ScalarAsync<string>("select data->>'reason' from mt_events where tenant_id = $1 and type = 'call_rejected'", business.ToString()))
            .Should().Be("tenant_suspended");
        (await fx.Database.ScalarAsync<long>("select count(*) from call_slots where tenant_id = $1", business.ToString())).Should().Be(0);
        (await fx.Database.ScalarAsync<string>("select status from calls where tenant_id = $1", business.ToString())).Should().Be("rejected");
    }

    [Fact]
    public async Task Twenty_calls_at_once_through_two_instances_connect_exactly_five_and_the_slots_come_back_when_they_complete()
    {
        var (business, number) = await fx.NewBusinessAsync();
        var tenant = business.ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? fx.Api : fx.Second).CallAsync(number)));

        var connected = answers.Where(a => a.Connected).ToList();
        var refused = answers.Where(a => !a.Connected).ToList();
        connected.Should().HaveCount(5);
        refused.Should().HaveCount(15).And.OnlyContain(a => a.RefusedPolitely);
        refused[0].Said.Should().Contain("עסק השיחות").And.Contain("תפוסים");
        (await fx.Database.ScalarAsync<long>("select count(*) from mt_events where tenant_id = $1 and type = 'call_started'", tenant)).Should().Be(5);
        (await fx.Database.ScalarAsync<long>(
            "select count(*) from mt_events where tenant_id = $1 and type = 'call_rejected' and data->>'reason' = 'limit_reached'", tenant)).Should().Be(15);
        (await fx.Database.ScalarAsync<long>("select count(*) from call_slots where tenant_id = $1", tenant)).Should().Be(5);

        await Task.WhenAll(connected.Select((a, i) => (i % 2 == 0 ? fx.Second : fx.Api).StatusAsync(a.CallSid, "completed", 2, 30)));

        (await fx.Database.ScalarAsync<long>("select count(*) from call_slots where tenant_id = $1", tenant)).Should().Be(0);
        (await fx.Database.ScalarAsync<long>("select count(*) from calls where tenant_id = $1 and status = 'completed'", tenant)).Should().Be(5);
        var more = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => (i % 2 == 0 ? fx.Second : fx.Api).CallAsync(number)));
        more.Should().OnlyContain(a => a.Connected);
        (await fx.Database.ScalarAsync<long>("select count(*) from call_slots where tenant_id = $1", tenant)).Should().Be(5);
    }

    [Fact]
    public async Task The_answer_costs_a_lookup_of_the_number_and_one_append()
    {
        var (_, number) = await fx.NewBusinessAsync();
        var form = Twilio.InboundForm(Twilio.NewCallSid(), number);
        using var counter = new SqlCommandCounter();
        using var request = new HttpRequestMessage(HttpMethod.Post, InboundPath) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(TwilioRequestValidator.SignatureHeader, Twilio.Sign(InboundPath, form));

        var (response, commands) = await counter.SendAsync(fx.Api.CreateClient(), request);

        (await response.Content.ReadAsStringAsync()).Should().Contain("<Connect>");
        // The number's business (scope + lookup); the append (one batch) with its projections: the slot (locks and
        // take in one batch), the calls row, and the live feed's notification (one pg_notify for the call).
        commands.Should().HaveCountLessThanOrEqualTo(6, string.Join("\n---\n", commands));
    }

    [Fact]
    public async Task A_missing_call_id_is_a_validation_problem()
    {
        var (_, number) = await fx.NewBusinessAsync();
        var form = Twilio.InboundForm(Twilio.NewCallSid(), number);
        form.Remove("CallSid");

        var response = await fx.Api.PostAsync(InboundPath, form);

        await response.ShouldBeProblemAsync(400);
    }

    [Fact]
    public async Task Without_a_public_address_the_webhooks_refuse_everything()
    {
        await using var unconfigured = new ApiFactory(fx.Database.ConnectionString);
        var form = Twilio.InboundForm(Twilio.NewCallSid(), "+972501110001");

        var response = await unconfigured.PostAsync(InboundPath, form);

        (await response.ShouldBeProblemAsync(503)).GetProperty("code").GetString().Should().Be("telephony.not_configured");
    }

    [Fact]
    public async Task A_public_address_written_with_capitals_accepts_the_signature_of_the_address_as_written_and_in_its_canonical_form()
    {
        var (_, number) = await fx.NewBusinessAsync();
        const string written = "https://API.ProSaaS.test";
        await using var api = new ApiFactory(fx.Database.ConnectionString, new Dictionary<string, string?>
        {
            ["Twilio:PublicBaseUrl"] = written,
            ["MediaHost:PublicStreamUrl"] = CallsFixture.StreamUrl,
        });
        var asWritten = Twilio.InboundForm(Twilio.NewCallSid(), number);
        var canonical = Twilio.InboundForm(Twilio.NewCallSid(), number);
        var elsewhere = Twilio.InboundForm(Twilio.NewCallSid(), number);

        var first = await api.PostWithSignatureAsync(InboundPath, asWritten, Twilio.Sign(InboundPath, asWritten, baseUrl: written));
        var second = await api.PostWithSignatureAsync(InboundPath, canonical, Twilio.Sign(InboundPath, canonical, baseUrl: "https://api.prosaas.test"));
        var third = await api.PostWithSignatureAsync(InboundPath, elsewhere, Twilio.Sign(InboundPath, elsewhere, baseUrl: "https://api.prosaas.example"));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        await third.ShouldBeProblemAsync(403);
    }

    /// <summary>Counts of everything a call leaves behind, across businesses.</summary>
    private async Task<(long Events, long Streams, long Slots, long Calls)> CallRecordsAsync() =>
        (await fx.Database.ScalarAsync<long>("select count(*) from mt_events where type like 'call%'"),
         await fx.Database.ScalarAsync<long>("select count(*) from mt_streams where type = 'call'"),
         await fx.Database.ScalarAsync<long>("select count(*) from call_slots"),
         await fx.Database.ScalarAsync<long>("select count(*) from calls"));
}
