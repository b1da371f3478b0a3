using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ProSaaS.Api.Tests.Crm;
using ProSaaS.Api.Tests.Support;
using ProSaaS.Api.Tests.Tenancy;
using ProSaaS.Domain.Calls;
using ProSaaS.Domain.Users;
using ProSaaS.Hosting.Calls;
using static ProSaaS.Api.Tests.Calls.MediaHostCalls;

namespace ProSaaS.Api.Tests.Calls;

/// <summary>
/// The media host's reports about a call (transcript turns, collected details, the end with its figures): each recorded
/// once by its command id however often and however concurrently it arrives, shown with the call, and erased with its lead.
/// </summary>
public sealed class MediaHostCommandTests(CallsFixture fx) : IClassFixture<CallsFixture>
{
    private const string NumberOfA = "+972501110001";

    private Guid A => fx.TenantA;

    [Fact]
    public void Every_end_reason_of_the_contract_is_a_call_end_reason()
    {
        MediaEndReasons.All.Should().BeEquivalentTo(CallMediaRules.MediaEndReasonNames);
        foreach (var wire in MediaEndReasons.All)
        {
            CallMediaRules.TryParseMediaEndReason(wire, out var reason).Should().BeTrue(wire);
            Application.Calls.CallText.WireName(reason).Should().Be(wire, "the call shows the reason the media host gave");
        }

        Application.Calls.CallCommandKinds.All.Should().Equal("transcript_turn", "fields_collected", "call_ended");
    }

    [Fact]
    public async Task Transcript_turns_are_recorded_and_shown_with_the_call_in_the_order_they_were_said()
    {
        var call = await fx.Api.CallAsync(NumberOfA);
        using var media = fx.MediaHostClient();
        var agent = await fx.CachedSessionAsync(A, Role.Agent);

        var first = await media.ReportAsync(A, call.CallId, Turn(TranscriptTurnCommand.Assistant, "שלום, הגעתם לעסק א. במה אפשר לעזור?", 400));
        await media.ReportAsync(A, call.CallId, Turn(TranscriptTurnCommand.Caller, "אני מחפש דירת ארבעה חדרים בחיפה", 6200));
        await media.ReportAsync(A, call.CallId, Turn(TranscriptTurnCommand.Assistant, "בשמחה, מה התקציב", 9100, interrupted: true));
        // Said at the same moment as the assistant's answer, and reported after it: the arrival order decides.
        await media.ReportAsync(A, call.CallId, Turn(TranscriptTurnCommand.Caller, "רגע, עוד שאלה", 9100));

        first.Status.Should().Be(CallCommandResult.Applied);
        first.CallVersion.Should().Be(2);
        var details = await TenancyFixture.ReadAsync(await agent.GetAsync($"/api/v1/calls/{call.CallId}"), "get the call");
        var transcript = details.GetProperty("transcript").EnumerateArray().ToList();
        transcript.Select(t => (t.GetProperty("speaker").GetString(), t.GetProperty("offsetMs").GetInt64())).Should().Equal(
            ("assistant", 400L), ("caller", 6200L), ("assistant", 9100L), ("caller", 9100L));
        transcript[1].GetProperty("text").GetString().Should().Be("אני מחפש דירת ארבעה חדרים בחיפה");
        transcript[2].GetProperty("interrupted").GetBoolean().Should().BeTrue();
        transcript[0].GetProperty("at").GetDateTimeOffset().Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        details.GetProperty("lifecycle").EnumerateArray().Select(s => s.GetProperty("event").GetString()).Should().Equal("call_started");
        details.GetProperty("call").GetProperty("version").GetInt64().Should().Be(5);
        details.GetProperty("mediaEnd").ValueKind.Should().Be(JsonValueKind.Null);
        (await fx.Database.ScalarAsync<string>("select user_name from mt_events where stream_id = $1 and type = 'call_transcript_turn' limit 1", call.CallId))
            .Should().Be("service:media-host");
        (await fx.Database.ScalarAsync<long>("select count(*) from call_slots where call_id = $1", call.CallId)).Should().Be(1, "the call goes on");
        await fx.Api.StatusAsync(call.CallSid, "completed", 1, 10);
    }

    [Fact]
    public async Task Collected_details_keep_the_latest_value_of_each_key()
    {
        var call = await fx.Api.CallAsync(NumberOfA);
        using var media = fx.MediaHostClient();

        await media.ReportAsync(A, call.CallId, Fields(("city", "חיפה"), ("rooms", "4")));
        await media.ReportAsync(A, call.CallId, Fields(("rooms", "5"), ("name", "דנה כהן")));

        var details = await TenancyFixture.ReadAsync(await (await fx.CachedSessionAsync(A, Role.Agent)).GetAsync($"/api/v1/calls/{call.CallId}"), "get the call");
        details.GetProperty("collectedFields").Deserialize<Dictionary<string, string>>().Should().BeEquivalentTo(
            new Dictionary<string, string> { ["city"] = "חיפה", ["rooms"] = "5", ["name"] = "דנה כהן" });
        details.GetProperty("lifecycle").EnumerateArray().Select(s => (s.GetProperty("event").GetString(), s.GetProperty("detail").GetString()))
            .Should().EndWith([("call_fields_collected", "city, rooms"), ("call_fields_collected", "name, rooms")]);
        await fx.Api.StatusAsync(call.CallSid, "completed", 1, 10);
    }

    [Fact]
    public async Task The_media_hosts_end_ends_a_live_call_with_its_reason_and_frees_its_slot()
    {
        var call = await fx.Api.CallAsync(NumberOfA);
        using var media = fx.MediaHostClient();

        var result = await media.ReportAsync(A, call.CallId, Ended(MediaEndReasons.UserGoodbye));

        result.Status.Should().Be(CallCommandResult.Applied);
        result.CallVersion.Should().Be(3);
        (await fx.EventTypesAsync(call.CallId)).Should().Equal("call_started", "call_completed", "call_media_ended");
        (await fx.Database.ScalarAsync<long>("select count(*) from call_slots where call_id = $1", call.CallId)).Should().Be(0);
        (await fx.Database.ScalarAsync<string>("select status || '/' || end_reason || '/' || media_end_reason from calls where id = $1", call.CallId))
            .Should().Be("completed/user_goodbye/user_goodbye");
        (await fx.Database.ScalarAsync<int>("select duration_seconds from calls where id = $1", call.CallId)).Should().Be(61, "the stream's length");
        var details = await TenancyFixture.ReadAsync(await (await fx.CachedSessionAsync(A, Role.Agent)).GetAsync($"/api/v1/calls/{call.CallId}"), "get the call");
        details.GetProperty("call").GetProperty("endReason").GetString().Should().Be("user_goodbye");
        details.GetProperty("call").GetProperty("isLive").GetBoolean().Should().BeFalse();
        var end = details.GetProperty("mediaEnd");
        end.GetProperty("reason").GetString().Should().Be("user_goodbye");
        end.GetProperty("metrics").GetProperty("framesIn").GetInt64().Should().Be(3050);
        end.GetProperty("metrics").GetProperty("addedLatencyMs").GetProperty("twilioToAi").GetProperty("p99").GetDouble().Should().Be(1.9);
        end.GetProperty("metrics").GetProperty("responseLatencyMs").GetProperty("p50").GetDouble().Should().Be(420);
        details.GetProperty("lifecycle").EnumerateArray().Select(s => (s.GetProperty("event").GetString(), s.GetProperty("detail").GetString()))
            .Should().Equal(("call_started", "inbound"), ("call_completed", "user_goodbye"), ("call_media_ended", "user_goodbye"));
        var heartbeat = await media.PostAsync(MediaHostContract.HeartbeatPath(A.ToString(), call.CallId), null);
        heartbeat.StatusCode.Should().Be(HttpStatusCode.Conflict, "the call has ended");

        // Twilio's own report comes after: the media host's end stands.
        await fx.Api.StatusAsync(call.CallSid, "completed", 2, 64);
        (await fx.EventTypesAsync(call.CallId)).Should().HaveCount(3);
    }

    [Fact]
    public async Task After_the_providers_end_the_call_keeps_it_and_the_media_hosts_reason_and_figures_are_recorded()
    {
        var call = await fx.Api.CallAsync(NumberOfA);
        await fx.Api.StatusAsync(call.CallSid, "completed", 1, 58);
        using var media = fx.MediaHostClient(fx.Second);

        var result = await media.ReportAsync(A, call.CallId, Ended(MediaEndReasons.CallerHungUp));
        var late = await media.ReportAsync(A, call.CallId, Turn(TranscriptTurnCommand.Caller, "להתראות", 57_000));

        result.Status.Should().Be(CallCommandResult.Applied);
        late.Status.Should().Be(CallCommandResult.Applied, "a late turn still belongs to the transcript");
        (await fx.EventTypesAsync(call.CallId)).Should().Equal("call_started", "call_completed", "call_media_ended", "call_transcript_turn");
        (await fx.Database.ScalarAsync<string>(
                "select end_reason || '/' || duration_seconds || '/' || media_end_reason || '/' || (media_metrics->>'framesOut') from calls where id = $1", call.CallId))
            .Should().Be("completed/58/caller_hung_up/2900");
    }

    [Fact]
    public async Task A_second_end_report_is_ignored_and_its_retry_gets_the_same_answer()
    {
        var call = await fx.Api.CallAsync(NumberOfA);
        using var media = fx.MediaHostClient();
        await media.ReportAsync(A, call.CallId, Ended(MediaEndReasons.Silence));
        var second = Ended(MediaEndReasons.Shutdown);

        var ignored = await media.ReportAsync(A, call.CallId, second);
        await media.ReportAsync(A, call.CallId, Turn(TranscriptTurnCommand.Assistant, "תודה ולהתראות", 30_000));
        var retried = await media.ReportAsync(A, call.CallId, second);

        ignored.Status.Should().Be(CallCommandResult.Ignored);
        retried.Should().Be(ignored, "the first answer is kept");
        (await fx.EventTypesAsync(call.CallId)).Should().Equal("call_started", "call_completed", "call_media_ended", "call_transcript_turn");
        (await fx.Database.ScalarAsync<string>("select media_end_reason from calls where id = $1", call.CallId)).Should().Be("silence");
    }

    [Fact]
    public async Task The_same_command_twice_is_recorded_once_and_answered_the_same()
    {
        var call = await fx.Api.CallAsync(NumberOfA);
        using var media = fx.MediaHostClient();
        using var other = fx.MediaHostClient(fx.Second);
        var turn = Turn(TranscriptTurnCommand.Caller, "כן, זה נכון", 3000);

        var first = await media.ReportAsync(A, call.CallId, turn);
        await media.ReportAsync(A, call.CallId, Turn(TranscriptTurnCommand.Assistant, "מצוין", 4000));
        var again = await other.ReportAsync(A, call.CallId, turn);

        again.Should().Be(first);
        (await fx.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1 and type = 'call_transcript_turn'", call.CallId)).Should().Be(2);
        (await fx.Database.ScalarAsync<long>("select count(*) from call_transcript_turns where call_id = $1", call.CallId)).Should().Be(2);
        await fx.Api.StatusAsync(call.CallSid, "completed", 1, 10);
    }

    [Theory]
    [InlineData("transcript_turn")]
    [InlineData("fields_collected")]
    [InlineData("call_ended")]
    public async Task The_same_command_ten_times_at_once_on_two_instances_is_recorded_once_with_one_answer(string kind)
    {
        var call = await fx.Api.CallAsync(NumberOfA);
        CallCommand command = kind switch
        {
            "transcript_turn" => Turn(TranscriptTurnCommand.Caller, "אני רוצה לקבוע פגישה", 1200),
            "fields_collected" => Fields(("city", "נתניה")),
            _ => Ended(MediaEndReasons.AssistantEnded),
        };
        var clients = Enumerable.Range(0, 10).Select(i => fx.MediaHostClient(i % 2 == 0 ? fx.Api : fx.Second)).ToList();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var sends = clients.Select(async client =>
        {
            await go.Task;
            return await client.ReportAsync(A, call.CallId, command);
        }).ToList();
        go.SetResult();
        var results = await Task.WhenAll(sends);

        results.Distinct().Should().ContainSingle().Which.Should().Be(new CallCommandResult(command.CommandId, CallCommandResult.Applied, results[0].CallVersion));
        (await fx.Database.ScalarAsync<long>(
                "select count(*) from mt_events where stream_id = $1 and type in ('call_transcript_turn', 'call_fields_collected', 'call_media_ended')", call.CallId))
            .Should().Be(1);
        (await fx.Database.ScalarAsync<long>("select count(*) from call_commands where command_id = $1", command.CommandId)).Should().Be(1);
        foreach (var client in clients)
        {
            client.Dispose();
        }

        if (kind != "call_ended")
        {
            await fx.Api.StatusAsync(call.CallSid, "completed", 1, 10);
        }
    }

    [Fact]
    public async Task A_command_id_used_again_for_another_report_is_a_conflict()
    {
        var call = await fx.Api.CallAsync(NumberOfA);
        var otherCall = await fx.Api.CallAsync(NumberOfA);
        using var media = fx.MediaHostClient();
        var turn = Turn(TranscriptTurnCommand.Caller, "שלום", 100);
        await media.ReportAsync(A, call.CallId, turn);

        var asFields = await media.SendAsync(A, call.CallId, new FieldsCollectedCommand(turn.CommandId, DateTimeOffset.UtcNow, new Dictionary<string, string> { ["city"] = "חיפה" }));
        var onAnotherCall = await media.SendAsync(A, otherCall.CallId, turn);

        foreach (var response in new[] { asFields, onAnotherCall })
        {
            var problem = await response.ShouldBeProblemAsync((int)HttpStatusCode.Conflict);
            problem.GetProperty("code").GetString().Should().Be("call.command_id_reused");
        }

        (await fx.EventTypesAsync(otherCall.CallId)).Should().Equal("call_started");
        await fx.Api.StatusAsync(call.CallSid, "completed", 1, 10);
        await fx.Api.StatusAsync(otherCall.CallSid, "completed", 1, 10);
    }

    public static TheoryData<string, string, string[]> MalformedCommands => new()
    {
        { "unknown type", """{ "type": "dtmf", "commandId": "0195f0c3-1b7e-7a60-8f21-5c9d3e7a2b14", "at": "2026-03-01T09:00:00Z" }""", ["type"] },
        { "no type", """{ "commandId": "0195f0c3-1b7e-7a60-8f21-5c9d3e7a2b14", "speaker": "caller", "text": "שלום" }""", ["type"] },
        { "not JSON", "{ this is not json", ["$"] },
        { "not an object", "[1, 2]", ["$"] },
        { "an empty turn", """{ "type": "transcript_turn" }""", ["at", "commandId", "speaker", "text"] },
        {
            "unknown speaker, empty text, negative offset",
            """{ "type": "transcript_turn", "commandId": "0195f0c3-1b7e-7a60-8f21-5c9d3e7a2b14", "at": "2026-03-01T09:00:00Z", "speaker": "agent", "text": " ", "offsetMs": -5 }""",
            ["offsetMs", "speaker", "text"]
        },
        {
            "text too long",
            $$"""{ "type": "transcript_turn", "commandId": "0195f0c3-1b7e-7a60-8f21-5c9d3e7a2b14", "at": "2026-03-01T09:00:00Z", "speaker": "caller", "text": "{{new string('א', 4001)}}", "offsetMs": 1 }""",
            ["text"]
        },
        {
            "an offset that is not a number",
            """{ "type": "transcript_turn", "commandId": "0195f0c3-1b7e-7a60-8f21-5c9d3e7a2b14", "at": "2026-03-01T09:00:00Z", "speaker": "caller", "text": "כן", "offsetMs": "soon" }""",
            ["offsetMs"]
        },
        {
            "no details",
            """{ "type": "fields_collected", "commandId": "0195f0c3-1b7e-7a60-8f21-5c9d3e7a2b14", "at": "2026-03-01T09:00:00Z", "fields": {} }""",
            ["fields"]
        },
        {
            "a bad detail key",
            """{ "type": "fields_collected", "commandId": "0195f0c3-1b7e-7a60-8f21-5c9d3e7a2b14", "at": "2026-03-01T09:00:00Z", "fields": { "My City": "חיפה" } }""",
            ["fields"]
        },
        {
            "unknown end reason, no figures",
            """{ "type": "call_ended", "commandId": "0195f0c3-1b7e-7a60-8f21-5c9d3e7a2b14", "at": "2026-03-01T09:00:00Z", "reason": "bored" }""",
            ["metrics", "reason"]
        },
        {
            "the provider's end reason",
            """{ "type": "call_ended", "commandId": "0195f0c3-1b7e-7a60-8f21-5c9d3e7a2b14", "at": "2026-03-01T09:00:00Z", "reason": "completed", "metrics": { "framesIn": 1, "framesOut": 1, "durationMs": 5 } }""",
            ["reason"]
        },
        {
            "negative figures",
            """{ "type": "call_ended", "commandId": "0195f0c3-1b7e-7a60-8f21-5c9d3e7a2b14", "at": "2026-03-01T09:00:00Z", "reason": "silence", "metrics": { "framesIn": -1, "durationMs": 5 } }""",
            ["metrics"]
        },
    };

    [Theory]
    [MemberData(nameof(MalformedCommands))]
    public async Task A_malformed_command_is_refused_listing_its_fields_and_records_nothing(string name, string body, string[] fields)
    {
        var call = await fx.Api.CallAsync(NumberOfA);
        using var media = fx.MediaHostClient();

        var response = await media.SendRawAsync(A, call.CallId, body);

        var problem = await response.ShouldBeProblemAsync((int)HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).Should().Equal(fields, name);
        problem.GetProperty("errors").EnumerateObject().SelectMany(e => e.Value.EnumerateArray()).Should()
            .OnlyContain(m => m.GetString()!.Any(c => c >= 'א' && c <= 'ת'), "messages are in Hebrew");
        (await fx.EventTypesAsync(call.CallId)).Should().Equal("call_started");
        (await fx.Database.ScalarAsync<long>("select count(*) from call_commands where call_id = $1", call.CallId)).Should().Be(0);
        await fx.Api.StatusAsync(call.CallSid, "completed", 1, 10);
    }

    [Fact]
    public async Task Commands_about_another_businesss_call_an_unknown_call_or_a_refused_one_record_nothing()
    {
        var call = await fx.Api.CallAsync(NumberOfA);
        var (business, number) = await fx.NewBusinessAsync(maxConcurrentCalls: 1);
        var live = await fx.Api.CallAsync(number);
        var refused = await fx.Api.CallAsync(number);
        var refusedId = await fx.Database.ScalarAsync<Guid>("select id from calls where tenant_id = $1 and status = 'rejected'", business.ToString());
        using var media = fx.MediaHostClient();

        var asB = await media.SendAsync(fx.TenantB, call.CallId, Turn(TranscriptTurnCommand.Caller, "שלום", 100));
        var endAsB = await media.SendAsync(fx.TenantB, call.CallId, Ended(MediaEndReasons.UserGoodbye));
        var unknown = await media.SendAsync(A, Guid.NewGuid(), Fields(("city", "חיפה")));
        var onRefused = await media.SendAsync(business, refusedId, Turn(TranscriptTurnCommand.Caller, "שלום", 100));

        foreach (var response in new[] { asB, endAsB, unknown })
        {
            await response.ShouldBeProblemAsync((int)HttpStatusCode.NotFound);
        }

        (await onRefused.ShouldBeProblemAsync((int)HttpStatusCode.Conflict)).GetProperty("code").GetString().Should().Be("call.not_live");
        refused.Connected.Should().BeFalse();
        (await fx.EventTypesAsync(call.CallId)).Should().Equal("call_started");
        (await fx.EventTypesAsync(refusedId)).Should().Equal("call_rejected");
        (await fx.Database.ScalarAsync<long>("select count(*) from call_slots where call_id = $1", call.CallId)).Should().Be(1, "the call of A goes on");
        (await fx.Database.ScalarAsync<long>("select count(*) from call_commands where tenant_id = $1", fx.TenantB.ToString())).Should().Be(0);
        await fx.Api.StatusAsync(call.CallSid, "completed", 1, 10);
        await fx.Api.StatusAsync(live.CallSid, "completed", 1, 10);
    }

    [Fact]
    public async Task Deleting_the_lead_erases_the_calls_transcript_and_details()
    {
        var (leadId, _, phone) = await fx.NewLeadAsync(A);
        var call = await fx.Api.CallAsync(NumberOfA, from: phone);
        using var media = fx.MediaHostClient();
        await media.ReportAsync(A, call.CallId, Turn(TranscriptTurnCommand.Caller, "קוראים לי דנה והטלפון שלי 052-1234567", 2000));
        await fx.LinkLeadAsync(A, call.CallId, leadId);
        await media.ReportAsync(A, call.CallId, Turn(TranscriptTurnCommand.Assistant, "תודה דנה", 5000));
        await media.ReportAsync(A, call.CallId, Fields(("name", "דנה"), ("city", "חיפה")));
        await media.ReportAsync(A, call.CallId, Ended(MediaEndReasons.UserGoodbye));
        var agent = await fx.CachedSessionAsync(A, Role.Agent);
        var activity = await TenancyFixture.ReadAsync(await agent.GetAsync($"/api/v1/leads/{leadId}/activity"), "activity");
        activity.GetRawText().Should().Contain("call_transcript_turn").And.Contain("call_fields_collected").And.Contain("call_media_ended");
        (await fx.Database.ScalarAsync<long>("select count(*) from call_transcript_turns where call_id = $1", call.CallId)).Should().Be(2);

        var owner = await fx.CachedSessionAsync(A, Role.Owner);
        (await owner.DeleteAsync($"/api/v1/leads/{leadId}")).IsSuccessStatusCode.Should().BeTrue();

        (await fx.Database.ScalarAsync<long>("select count(*) from call_transcript_turns where call_id = $1", call.CallId)).Should().Be(0);
        (await fx.Database.ScalarAsync<long>("select count(*) from calls where id = $1", call.CallId)).Should().Be(0);
        (await fx.Database.ScalarAsync<long>(
                "select count(*) from mt_events where stream_id = $1 and (data->>'text' is not null or data->'fields' <> '{}'::jsonb or not (data ? 'erased'))",
                call.CallId))
            .Should().Be(0, "no event of the call keeps what was said or collected, the turn before the caller was known included");
        (await fx.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1", call.CallId)).Should().Be(7, "the history stays");
        (await agent.GetAsync($"/api/v1/calls/{call.CallId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var afterwards = await media.SendAsync(A, call.CallId, Turn(TranscriptTurnCommand.Caller, "עוד משהו", 9000));
        await afterwards.ShouldBeProblemAsync((int)HttpStatusCode.NotFound);
        (await fx.Database.ScalarAsync<long>("select count(*) from mt_events where stream_id = $1", call.CallId)).Should().Be(7, "nothing comes back");
    }

    [Fact]
    public async Task Rebuilt_transcripts_details_and_outcomes_equal_the_live_ones()
    {
        var call = await fx.Api.CallAsync(NumberOfA);
        using var media = fx.MediaHostClient();
        await media.ReportAsync(A, call.CallId, Turn(TranscriptTurnCommand.Caller, "שלום", 900));
        await media.ReportAsync(A, call.CallId, Turn(TranscriptTurnCommand.Assistant, "שלום וברכה", 100));
        await media.ReportAsync(A, call.CallId, Fields(("city", "עכו")));
        await media.ReportAsync(A, call.CallId, Ended(MediaEndReasons.MaxDuration));
        var ignored = await media.ReportAsync(A, call.CallId, Ended(MediaEndReasons.Shutdown));
        const string Turns = "select string_agg(call_id::text || sequence || speaker || text || offset_ms, ',' order by call_id, sequence) from call_transcript_turns";
        const string Calls = "select string_agg(id::text || collected_fields::text || coalesce(media_end_reason, '') || coalesce(media_metrics::text, '') || version, ',' order by id) from calls";
        const string Outcomes = "select string_agg(command_id::text || kind || status || call_version, ',' order by command_id) from call_commands";
        var (turns, calls, outcomes) = (await fx.Database.ScalarAsync<string>(Turns), await fx.Database.ScalarAsync<string>(Calls), await fx.Database.ScalarAsync<string>(Outcomes));
        var daemon = fx.Api.Services.GetRequiredService<Infrastructure.Projections.Daemon.ProjectionDaemon>();

        await daemon.RebuildAsync("calls");
        await daemon.RebuildAsync("call_media");
        await daemon.RebuildAsync("call_commands");

        (await fx.Database.ScalarAsync<string>(Turns)).Should().Be(turns);
        (await fx.Database.ScalarAsync<string>(Calls)).Should().Be(calls);
        (await fx.Database.ScalarAsync<string>(Outcomes)).Should().Be(outcomes);
        (await media.ReportAsync(A, call.CallId, Ended(MediaEndReasons.Shutdown, ignored.CommandId))).Should().Be(ignored);
    }
}
