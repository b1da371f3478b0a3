using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Api.Tests.Crm;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Application.Calls.HangUpCall;
using ProSaaS.Application.Calls.RecordCallHeartbeat;
using ProSaaS.Application.Calls.ReclaimLostCalls;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;
using ProSaaS.Application.Common.EventStore;
using ProSaaS.Application.Telephony;
using ProSaaS.Domain.Calls;
using ProSaaS.Domain.Users;

namespace ProSaaS.Api.Tests.Calls;

/// <summary>A call's life after the answer: provider status reports in any order, lost calls, hang-ups, reads, and its lead's deletion.</summary>
public sealed class CallLifecycleTests(CallsFixture fx) : IClassFixture<CallsFixture>
{
    private Guid A => fx.TenantA;

    private const string NumberOfA = "+972501110001";

    [Fact]
    public async Task Status_reports_replayed_out_of_order_leave_the_right_final_state()
    {
        var (_, number) = await fx.NewBusinessAsync();
        var early = await fx.Api.CallAsync(number);
        var late = await fx.Api.CallAsync(number);

        // The final report first, then the progress it overtook, some of it twice.
        await fx.Second.StatusAsync(early.CallSid, "completed", 3, 42);
        await fx.Api.StatusAsync(early.CallSid, "ringing", 1);
        await fx.Second.StatusAsync(early.CallSid, "in-progress", 2);
        await fx.Api.StatusAsync(early.CallSid, "in-progress", 2);

        // Answered, answered again, an old "ringing", then the end.
        await fx.Api.StatusAsync(late.CallSid, "in-progress", 1);
        await fx.Second.StatusAsync(late.CallSid, "in-progress", 1);
        await fx.Api.StatusAsync(late.CallSid, "ringing", 0);
        await fx.Second.StatusAsync(late.CallSid, "completed", 2, 17);
        await fx.Api.StatusAsync(late.CallSid, "completed", 2, 17);

        (await EventTypesAsync(early.CallId)).Should().Equal("call_started", "call_completed");
        (await EventTypesAsync(late.CallId)).Should().Equal("call_started", "call_status_changed", "call_completed");
        foreach (var (call, duration) in new[] { (early.CallId, 42), (late.CallId, 17) })
        {
            (await fx.Database.ScalarAsync<string>("select status from calls where id = $1", call)).Should().Be("completed");
            (await fx.Database.ScalarAsync<string>("select end_reason from calls where id = $1", call)).Should().Be("completed");
            (await fx.Database.ScalarAsync<int>("select duration_seconds from calls where id = $1", call)).Should().Be(duration);
            (await fx.Database.ScalarAsync<bool>("select answered_at is not null from calls where id = $1", call)).Should().BeTrue();
            (await fx.Database.ScalarAsync<long>("select count(*) from call_slots where call_id = $1", call)).Should().Be(0);
        }
    }

    [Fact]
    public async Task A_report_about_a_call_that_is_not_live_changes_nothing()
    {
        var before = await fx.Database.ScalarAsync<long>("select count(*) from mt_events where type like 'call%'");

        await fx.Api.StatusAsync(Twilio.NewCallSid(), "completed", 1, 10);
        await fx.Api.StatusAsync(Twilio.NewCallSid(), "some-new-status", 1);

        (await fx.Database.ScalarAsync<long>("select count(*) from mt_events where type like 'call%'")).Should().Be(before);
    }

    [Fact]
    public async Task A_busy_or_unanswered_call_ends_with_the_providers_reason()
    {
        var (_, number) = await fx.NewBusinessAsync();
        var call = await fx.Api.CallAsync(number);

        await fx.Api.StatusAsync(call.CallSid, "no-answer", 2, 0);
        await fx.Api.StatusAsync(call.CallSid, "completed", 3, 0);

        (await fx.Database.ScalarAsync<string>("select status || '/' || end_reason from calls where id = $1", call.CallId)).Should().Be("no_answer/no_answer");
    }

    [Fact]
    public async Task A_call_silent_for_too_long_is_closed_as_lost_and_its_slot_reclaimed()
    {
        var (business, number) = await fx.NewBusinessAsync();
        var silent = await fx.Api.CallAsync(number);
        var alive = await fx.Api.CallAsync(number);
        var heard = await fx.Api.CallAsync(number);
        await fx.Database.ExecuteAsync("update call_slots set last_seen_at = now() - interval '10 minutes' where call_id = any($1)",
            new[] { silent.CallId, heard.CallId });
        // A provider report is a sign of life, even one that changes nothing.
        await fx.Api.StatusAsync(heard.CallSid, "ringing", 1);

        var closed = await fx.SendAsync(fx.Second, new ReclaimLostCalls(TimeSpan.FromMinutes(2)));

        closed.Should().BeGreaterThanOrEqualTo(1);
        (await fx.Database.ScalarAsync<string>("select status || '/' || end_reason from calls where id = $1", silent.CallId)).Should().Be("completed/lost");
        fx.Telephony.HangUps.Should().Contain(silent.CallSid, "a lost call still running at the provider is hung up");
        (await fx.Database.ScalarAsync<long>("select count(*) from call_slots where tenant_id = $1", business.ToString())).Should().Be(2);
        (await fx.Database.ScalarAsync<bool>("select status = 'ringing' from calls where id = $1", alive.CallId)).Should().BeTrue();
        (await fx.Database.ScalarAsync<bool>("select status = 'ringing' from calls where id = $1", heard.CallId)).Should().BeTrue();
        (await fx.SendAsync(fx.Second, new ReclaimLostCalls(TimeSpan.FromMinutes(2)))).Should().Be(0, "a call ends once");
    }

    [Fact]
    public async Task A_heartbeat_keeps_a_call_alive_and_tells_when_it_has_ended()
    {
        var call = await fx.Api.CallAsync(NumberOfA);
        await fx.Database.ExecuteAsync("update call_slots set last_seen_at = now() - interval '10 minutes' where call_id = $1", call.CallId);

        (await HeartbeatAsync(call.CallId)).Should().BeTrue();
        (await fx.Database.ScalarAsync<bool>("select last_seen_at > now() - interval '1 minute' from call_slots where call_id = $1", call.CallId))
            .Should().BeTrue();

        await fx.Api.StatusAsync(call.CallSid, "completed", 2, 5);
        (await HeartbeatAsync(call.CallId)).Should().BeFalse();
    }

    [Fact]
    public async Task An_admin_hangs_up_a_live_call_once()
    {
        var call = await fx.Second.CallAsync(NumberOfA);
        await fx.Second.StatusAsync(call.CallSid, "in-progress", 1);
        var admin = fx.SecondApiKeyClient(A, Role.Admin);

        var response = await admin.PostAsync($"/api/v1/calls/{call.CallId}/hang-up", null);

        var body = await TenancyFixture.ReadAsync(response, "hang up");
        body.GetProperty("status").GetString().Should().Be("completed");
        body.GetProperty("endReason").GetString().Should().Be("hung_up_by_business");
        body.GetProperty("isLive").GetBoolean().Should().BeFalse();
        fx.Telephony.HangUps.Should().Contain(call.CallSid);
        (await fx.Database.ScalarAsync<long>("select count(*) from call_slots where call_id = $1", call.CallId)).Should().Be(0);
        (await fx.Database.ScalarAsync<string>("select user_name from mt_events where stream_id = $1 and type = 'call_completed'", call.CallId))
            .Should().NotBeNullOrEmpty();

        var again = await admin.PostAsync($"/api/v1/calls/{call.CallId}/hang-up", null);
        (await again.ShouldBeProblemAsync(409)).GetProperty("code").GetString().Should().Be("call.not_live");
        // The provider's own report of the end comes after and changes nothing.
        await fx.Second.StatusAsync(call.CallSid, "completed", 2, 9);
        (await EventTypesAsync(call.CallId)).Should().Equal("call_started", "call_status_changed", "call_completed");
    }

    [Fact]
    public async Task A_hang_up_the_provider_cannot_carry_out_changes_nothing()
    {
        var call = await fx.Second.CallAsync(NumberOfA);
        var admin = fx.SecondApiKeyClient(A, Role.Admin);
        fx.Telephony.FailWith = new TelephonyProviderException("Twilio did not answer.", answered: false);
        try
        {
            var response = await admin.PostAsync($"/api/v1/calls/{call.CallId}/hang-up", null);
            (await response.ShouldBeProblemAsync(502)).GetProperty("code").GetString().Should().Be("telephony.provider_unreachable");
        }
        finally
        {
            fx.Telephony.FailWith = null;
        }

        (await fx.Database.ScalarAsync<bool>("select status = 'ringing' from calls where id = $1", call.CallId)).Should().BeTrue();
        await fx.Second.StatusAsync(call.CallSid, "completed", 1, 3);
    }

    [Fact]
    public async Task A_refused_call_cannot_be_hung_up()
    {
        var (business, number) = await fx.NewBusinessAsync(maxConcurrentCalls: 1);
        (await fx.Api.CallAsync(number)).Connected.Should().BeTrue();
        (await fx.Api.CallAsync(number)).RefusedPolitely.Should().BeTrue();
        var refused = await fx.Database.ScalarAsync<Guid>("select id from calls where tenant_id = $1 and status = 'rejected'", business.ToString());
        (await fx.Database.ScalarAsync<string>("select rejection_reason from calls where id = $1", refused)).Should().Be("limit_reached");

        var act = () => fx.SendAsync(fx.Second, new HangUpCall(refused), tenant: business);

        (await act.Should().ThrowAsync<ConflictException>()).Which.Code.Should().Be("call.not_live");
    }

    [Fact]
    public async Task Calls_are_listed_newest_first_with_filters_and_read_with_their_lifecycle()
    {
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var answered = await fx.Api.CallAsync(NumberOfA, from: "+972531112233");
        await fx.Api.StatusAsync(answered.CallSid, "in-progress", 1);
        await fx.Api.StatusAsync(answered.CallSid, "completed", 2, 61);
        var ringing = await fx.Api.CallAsync(NumberOfA);

        var page = await TenancyFixture.ReadAsync(await agent.GetAsync("/api/v1/calls?limit=1"), "list");
        page.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid().Should().Be(ringing.CallId);
        var next = page.GetProperty("next").GetString();
        var second = await TenancyFixture.ReadAsync(await agent.GetAsync($"/api/v1/calls?limit=1&next={next}"), "list the next page");
        second.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid().Should().Be(answered.CallId);

        var completed = await TenancyFixture.ReadAsync(await agent.GetAsync("/api/v1/calls?status=completed&direction=inbound&limit=100"), "filter");
        var item = completed.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == answered.CallId);
        item.GetProperty("from").GetString().Should().Be("+972531112233");
        item.GetProperty("to").GetString().Should().Be(NumberOfA);
        item.GetProperty("durationSeconds").GetInt32().Should().Be(61);
        item.GetProperty("direction").GetString().Should().Be("inbound");
        completed.GetProperty("items").EnumerateArray().Should().OnlyContain(i => i.GetProperty("status").GetString() == "completed");
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Jerusalem")).ToString("yyyy-MM-dd");
        var tomorrow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddDays(1), TimeZoneInfo.FindSystemTimeZoneById("Asia/Jerusalem")).ToString("yyyy-MM-dd");
        (await Ids(agent, $"/api/v1/calls?from={today}&to={today}&limit=100")).Should().Contain([answered.CallId, ringing.CallId]);
        (await Ids(agent, $"/api/v1/calls?from={tomorrow}&limit=100")).Should().BeEmpty();
        (await Ids(agent, "/api/v1/calls?status=ringing&limit=100")).Should().Contain(ringing.CallId).And.NotContain(answered.CallId);
        (await Ids(agent, "/api/v1/calls?direction=outbound&limit=100")).Should().BeEmpty();

        var details = await TenancyFixture.ReadAsync(await agent.GetAsync($"/api/v1/calls/{answered.CallId}"), "get");
        details.GetProperty("call").GetProperty("endReason").GetString().Should().Be("completed");
        details.GetProperty("call").GetProperty("providerCallId").GetString().Should().Be(answered.CallSid);
        details.GetProperty("lifecycle").EnumerateArray().Select(s => $"{s.GetProperty("event").GetString()}:{s.GetProperty("status").GetString()}")
            .Should().Equal("call_started:ringing", "call_status_changed:in_progress", "call_completed:completed");

        var invalid = await agent.GetAsync("/api/v1/calls?status=answered&direction=sideways&from=2026-02-30&limit=0&next=nonsense");
        var errors = (await invalid.ShouldBeProblemAsync(400)).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo(["status", "direction", "from", "limit", "next"]);
        (await agent.GetAsync($"/api/v1/calls/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await fx.Api.StatusAsync(ringing.CallSid, "completed", 1, 0);
    }

    [Fact]
    public async Task The_count_of_calls_in_progress_shows_the_slots_in_use_and_the_limits()
    {
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var before = await TenancyFixture.ReadAsync(await agent.GetAsync("/api/v1/calls/active/count"), "count");
        var call = await fx.Api.CallAsync(NumberOfA);

        var during = await TenancyFixture.ReadAsync(await agent.GetAsync("/api/v1/calls/active/count"), "count");

        during.GetProperty("total").GetInt32().Should().Be(before.GetProperty("total").GetInt32() + 1);
        during.GetProperty("inbound").GetInt32().Should().Be(before.GetProperty("inbound").GetInt32() + 1);
        during.GetProperty("outbound").GetInt32().Should().Be(0);
        during.GetProperty("maxConcurrentCalls").GetInt32().Should().Be(5);
        during.GetProperty("maxOutboundCalls").GetInt32().Should().Be(3);
        during.GetProperty("available").GetInt32().Should().Be(5 - during.GetProperty("total").GetInt32());
        await fx.Api.StatusAsync(call.CallSid, "completed", 1, 0);
    }

    [Fact]
    public async Task Deleting_a_lead_deletes_its_calls_and_erases_their_numbers_from_every_event()
    {
        var (leadId, _, phone) = await fx.NewLeadAsync(A);
        var call = await fx.Api.CallAsync(NumberOfA, from: phone);
        await LinkLeadAsync(call.CallId, leadId);
        await fx.Api.StatusAsync(call.CallSid, "completed", 1, 12);
        var owner = await fx.CachedSessionAsync(A, Role.Owner);
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        (await Ids(agent, $"/api/v1/calls?leadId={leadId}")).Should().Equal(call.CallId);
        var activity = await TenancyFixture.ReadAsync(await agent.GetAsync($"/api/v1/leads/{leadId}/activity"), "activity");
        activity.GetRawText().Should().Contain("call_completed");

        (await owner.DeleteAsync($"/api/v1/leads/{leadId}")).IsSuccessStatusCode.Should().BeTrue();

        (await fx.Database.ScalarAsync<long>("select count(*) from calls where id = $1", call.CallId)).Should().Be(0);
        (await fx.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1", call.CallId)).Should().Be(3, "the history stays");
        (await fx.Database.ScalarAsync<long>(
            "select count(*) from mt_events where stream_id = $1 and (data->>'from' is not null or data->>'to' is not null or not (data ? 'erased'))",
            call.CallId)).Should().Be(0, "no event of the call keeps a number, the first one (recorded before the lead was known) included");
        (await agent.GetAsync($"/api/v1/calls/{call.CallId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Rebuilt_calls_and_slots_equal_the_live_ones_even_above_todays_limits()
    {
        var (business, number) = await fx.NewBusinessAsync(maxConcurrentCalls: 2);
        var first = await fx.Api.CallAsync(number);
        var second = await fx.Api.CallAsync(number);
        var ended = await fx.Api.CallAsync(NumberOfA);
        await fx.Api.StatusAsync(first.CallSid, "in-progress", 1);
        await fx.Api.StatusAsync(ended.CallSid, "completed", 1, 4);
        var root = await fx.CachedSessionAsync(A, Role.SystemAdmin);
        await TenancyFixture.ReadAsync(await root.PutAsJsonAsync($"/api/v1/tenants/{business}/limits", new { maxConcurrentCalls = 1, maxOutboundCalls = 1 }), "lower");
        const string Calls = "select string_agg(id::text || status || coalesce(answered_at::text, '') || coalesce(end_reason, '') || version, ',' order by id) from calls";
        const string Slots = "select string_agg(tenant_id || call_id::text || direction || coalesce(provider_call_id, ''), ',' order by call_id) from call_slots";
        var calls = await fx.Database.ScalarAsync<string>(Calls);
        var slots = await fx.Database.ScalarAsync<string>(Slots);
        var daemon = fx.Api.Services.GetRequiredService<Infrastructure.Projections.Daemon.ProjectionDaemon>();

        await daemon.RebuildAsync("call_slots");
        await daemon.RebuildAsync("calls");
        await daemon.RebuildAsync("leads");

        (await fx.Database.ScalarAsync<string>(Calls)).Should().Be(calls);
        (await fx.Database.ScalarAsync<string>(Slots)).Should().Be(slots);
        (await fx.Database.ScalarAsync<long>("select count(*) from call_slots where tenant_id = $1", business.ToString())).Should().Be(2);
        (await fx.Api.CallAsync(number)).Connected.Should().BeFalse("the lowered limit holds for new calls");
        await fx.Api.StatusAsync(first.CallSid, "completed", 2, 1);
        await fx.Api.StatusAsync(second.CallSid, "completed", 2, 1);
    }

    private async Task<bool> HeartbeatAsync(Guid callId)
    {
        await using var scope = fx.Api.Services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<RequestContext>();
        context.TenantId = A.ToString();
        return await scope.ServiceProvider.GetRequiredService<MediatR.IMediator>().Send(new RecordCallHeartbeat(callId));
    }

    /// <summary>As the media host will, once the caller is captured as the lead.</summary>
    private async Task LinkLeadAsync(Guid callId, Guid leadId)
    {
        await using var scope = fx.Api.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<RequestContext>().TenantId = A.ToString();
        var events = scope.ServiceProvider.GetRequiredService<IEventStore>();
        var call = (await events.AggregateStreamAsync<Call>(callId))!;
        call.LinkLead(leadId, DateTimeOffset.UtcNow);
        await events.SaveAsync(call);
    }

    private async Task<IReadOnlyList<string>> EventTypesAsync(Guid streamId)
    {
        var types = new List<string>();
        await using var connection = await fx.Database.PlatformDataSource.OpenConnectionAsync();
        await using var command = new Npgsql.NpgsqlCommand("select type from mt_events where stream_id = $1 order by version", connection)
        {
            Parameters = { new() { Value = streamId } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            types.Add(reader.GetString(0));
        }

        return types;
    }

    private static async Task<IReadOnlyList<Guid>> Ids(HttpClient client, string url)
    {
        var page = await TenancyFixture.ReadAsync(await client.GetAsync(url), url);
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
    }
}
