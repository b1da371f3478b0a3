using System.Net;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Domain.Users;
using ProSaaS.Hosting.Calls;
using static ProSaaS.Api.Tests.Calls.MediaHostCalls;

namespace ProSaaS.Api.Tests.Calls;

/// <summary>The auditor's view of a call: every event with who or what caused it, and the call as of any one of them.</summary>
public sealed class CallAuditTests(CallsFixture fx) : IClassFixture<CallsFixture>
{
    private const string NumberOfA = "+972501110001";

    private Guid A => fx.TenantA;

    private Guid B => fx.TenantB;

    /// <summary>A call answered by Twilio, a turn each way and a detail from the media host, hung up by A's admin.</summary>
    private async Task<Guid> RecordedCallAsync()
    {
        var call = await fx.Api.CallAsync(NumberOfA);
        await fx.Api.StatusAsync(call.CallSid, "in-progress", 1);
        using var media = fx.MediaHostClient();
        await media.ReportAsync(A, call.CallId, Turn(TranscriptTurnCommand.Assistant, "שלום, כאן העוזרת של עסק א", 300));
        await media.ReportAsync(A, call.CallId, Turn(TranscriptTurnCommand.Caller, "אני מחפש דירה בחיפה", 4200));
        await media.ReportAsync(A, call.CallId, Fields(("city", "חיפה")));
        var admin = await fx.CachedSessionAsync(A, Role.Admin);
        await TenancyFixture.ReadAsync(await admin.PostAsync($"/api/v1/calls/{call.CallId}/hang-up", null), "hang up");
        return call.CallId;
    }

    [Fact]
    public async Task The_trail_lists_every_event_with_who_or_what_caused_it()
    {
        var callId = await RecordedCallAsync();
        var agent = await fx.CachedSessionAsync(A, Role.Agent);

        var trail = await TenancyFixture.ReadAsync(await agent.GetAsync($"/api/v1/calls/{callId}/events"), "read the trail");

        var events = trail.GetProperty("events").EnumerateArray().ToList();
        events.Select(e => e.GetProperty("version").GetInt64()).Should().Equal(Enumerable.Range(1, events.Count).Select(i => (long)i));
        trail.GetProperty("version").GetInt64().Should().Be(events.Count);
        events.Select(e => (e.GetProperty("type").GetString(), e.GetProperty("actor").GetProperty("kind").GetString())).Should().Equal(
            ("call_started", "twilio"),
            ("call_status_changed", "twilio"),
            ("call_transcript_turn", "media_host"),
            ("call_transcript_turn", "media_host"),
            ("call_fields_collected", "media_host"),
            ("call_completed", "user"));
        events[^1].GetProperty("actor").GetProperty("name").GetString().Should().Be($"{Role.Admin} {A:N}"[..20], "the user is named, not their e-mail");
        events[^1].GetProperty("detail").GetString().Should().Be("hung_up_by_business");
        events[^1].GetProperty("statusAfter").GetString().Should().Be("completed");
        events[1].GetProperty("statusAfter").GetString().Should().Be("in_progress");
        events[3].GetProperty("speaker").GetString().Should().Be("caller");
        events[3].GetProperty("detail").GetString().Should().Be("אני מחפש דירה בחיפה");
        events[4].GetProperty("detail").GetString().Should().Be("city");
    }

    [Fact]
    public async Task The_state_as_of_an_event_is_the_call_replayed_up_to_it()
    {
        var callId = await RecordedCallAsync();
        var agent = await fx.CachedSessionAsync(A, Role.Agent);

        var early = await TenancyFixture.ReadAsync(await agent.GetAsync($"/api/v1/calls/{callId}/state?version=3"), "state at 3");
        var latest = await TenancyFixture.ReadAsync(await agent.GetAsync($"/api/v1/calls/{callId}/state?version=6"), "state at 6");
        var first = await TenancyFixture.ReadAsync(await agent.GetAsync($"/api/v1/calls/{callId}/state?version=1"), "state at 1");

        first.GetProperty("status").GetString().Should().Be("ringing");
        first.GetProperty("eventType").GetString().Should().Be("call_started");
        first.GetProperty("transcript").GetArrayLength().Should().Be(0);
        early.GetProperty("version").GetInt64().Should().Be(3);
        early.GetProperty("latestVersion").GetInt64().Should().Be(6);
        early.GetProperty("status").GetString().Should().Be("in_progress");
        early.GetProperty("isLive").GetBoolean().Should().BeTrue();
        early.GetProperty("endReason").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        early.GetProperty("transcript").EnumerateArray().Select(t => t.GetProperty("text").GetString()).Should().Equal("שלום, כאן העוזרת של עסק א");
        early.GetProperty("collectedFields").EnumerateObject().Should().BeEmpty();
        latest.GetProperty("status").GetString().Should().Be("completed");
        latest.GetProperty("isLive").GetBoolean().Should().BeFalse();
        latest.GetProperty("endReason").GetString().Should().Be("hung_up_by_business");
        latest.GetProperty("transcript").GetArrayLength().Should().Be(2);
        latest.GetProperty("collectedFields").GetProperty("city").GetString().Should().Be("חיפה");
    }

    [Fact]
    public async Task A_version_outside_the_stream_is_refused_in_Hebrew()
    {
        var callId = await RecordedCallAsync();
        var agent = await fx.CachedSessionAsync(A, Role.Agent);

        foreach (var query in new[] { "?version=7", "?version=0", "" })
        {
            var problem = await (await agent.GetAsync($"/api/v1/calls/{callId}/state{query}")).ShouldBeProblemAsync(400);
            problem.GetProperty("errors").GetProperty("version")[0].GetString().Should().MatchRegex("[א-ת]", query);
        }
    }

    [Fact]
    public async Task Another_business_sees_neither_the_trail_nor_the_state()
    {
        var callId = await RecordedCallAsync();
        var other = await fx.CachedSessionAsync(B, Role.Owner);

        await (await other.GetAsync($"/api/v1/calls/{callId}/events")).ShouldBeProblemAsync(404);
        await (await other.GetAsync($"/api/v1/calls/{callId}/state?version=1")).ShouldBeProblemAsync(404);
        (await fx.NewClient().GetAsync($"/api/v1/calls/{callId}/events")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
