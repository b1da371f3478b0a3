using ProSaaS.Domain.Calls;
using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.Tests.Calls;

/// <summary>What the media host reports about a call: transcript turns, collected details, and its end with the call's figures.</summary>
public sealed class CallMediaTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Lead = Guid.Parse("0195f0c3-1b7e-7a60-8f21-5c9d3e7a2b14");

    private static readonly CallMediaMetrics Metrics = new(
        new LatencyFigures(420, 900, 950, 6),
        new HopLatencyFigures(new LatencyFigures(0.4, 1.8, 2.1, 3000), new LatencyFigures(0.3, 1.2, 1.9, 2800)),
        null,
        BargeIns: 0,
        FramesIn: 3000,
        FramesOut: 2800,
        FramesDropped: 0,
        InboundQueueHighWater: 3,
        OutboundQueueHighWater: 40,
        AiReconnects: 0,
        DurationMs: 61_400);

    private static Call Live(Guid? leadId = null)
    {
        var call = Call.Start(Guid.NewGuid(), CallDirection.Inbound, "CA0123456789abcdef", "+972521234567", "+97233760000", leadId, CallStatus.Ringing, T0);
        call.MarkCommitted();
        return call;
    }

    [Theory]
    [InlineData("user_goodbye", CallEndReason.UserGoodbye)]
    [InlineData("assistant_ended", CallEndReason.AssistantEnded)]
    [InlineData("caller_hung_up", CallEndReason.CallerHungUp)]
    [InlineData("silence", CallEndReason.Silence)]
    [InlineData("max_duration", CallEndReason.MaxDuration)]
    [InlineData("ai_unavailable", CallEndReason.AiUnavailable)]
    [InlineData("stream_lost", CallEndReason.StreamLost)]
    [InlineData("transferred_to_human", CallEndReason.TransferredToHuman)]
    [InlineData("shutdown", CallEndReason.Shutdown)]
    public void The_media_hosts_end_reasons_read_as_the_calls_end_reasons(string wire, CallEndReason expected)
    {
        CallMediaRules.TryParseMediaEndReason(wire, out var reason).Should().BeTrue();
        reason.Should().Be(expected);
        CallMediaRules.IsMediaEndReason(expected).Should().BeTrue();
        CallStatusPolicy.FinalStatusOf(expected).Should().Be(CallStatus.Completed, "the platform's own ends leave the call completed");
        CallMediaRules.MediaEndReasonNames.Should().Contain(wire);
    }

    [Theory]
    [InlineData("completed")]
    [InlineData("busy")]
    [InlineData("lost")]
    [InlineData("hung_up_by_business")]
    [InlineData("User_Goodbye")]
    [InlineData("user-goodbye")]
    [InlineData(" silence")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_end_reasons_are_not_the_media_hosts_to_give(string? wire)
    {
        CallMediaRules.TryParseMediaEndReason(wire, out _).Should().BeFalse();
    }

    [Fact]
    public void The_provider_and_platform_reasons_are_not_media_reasons()
    {
        foreach (var reason in new[] { CallEndReason.Completed, CallEndReason.Busy, CallEndReason.NoAnswer, CallEndReason.Failed, CallEndReason.Canceled, CallEndReason.HungUpByBusiness, CallEndReason.Lost })
        {
            CallMediaRules.IsMediaEndReason(reason).Should().BeFalse(reason.ToString());
        }

        CallMediaRules.MediaEndReasonNames.Should().HaveCount(9);
    }

    [Theory]
    [InlineData("caller", true, CallSpeaker.Caller)]
    [InlineData("assistant", true, CallSpeaker.Assistant)]
    [InlineData("Caller", false, CallSpeaker.Caller)]
    [InlineData("user", false, CallSpeaker.Caller)]
    [InlineData("", false, CallSpeaker.Caller)]
    [InlineData(null, false, CallSpeaker.Caller)]
    public void Speakers_are_the_caller_or_the_assistant(string? wire, bool known, CallSpeaker expected)
    {
        CallMediaRules.TryParseSpeaker(wire, out var speaker).Should().Be(known);
        if (known)
        {
            speaker.Should().Be(expected);
        }
    }

    public static TheoryData<string, CallMediaMetrics?, bool> MetricsCases => new()
    {
        { "complete", Metrics, true },
        { "no latencies at all", Metrics with { ResponseLatencyMs = null, AddedLatencyMs = null, BargeInReactionMs = null }, true },
        { "nothing", null, false },
        { "negative frames", Metrics with { FramesIn = -1 }, false },
        { "negative drops", Metrics with { FramesDropped = -5 }, false },
        { "negative duration", Metrics with { DurationMs = -1 }, false },
        { "negative reconnects", Metrics with { AiReconnects = -1 }, false },
        { "negative latency", Metrics with { ResponseLatencyMs = new LatencyFigures(-1, 2, 3, 1) }, false },
        { "not a number", Metrics with { BargeInReactionMs = new LatencyFigures(double.NaN, 2, 3, 1) }, false },
        { "infinite", Metrics with { BargeInReactionMs = new LatencyFigures(1, double.PositiveInfinity, 3, 1) }, false },
        { "a hop without its other direction", Metrics with { AddedLatencyMs = new HopLatencyFigures(new LatencyFigures(1, 2, 3, 4), null!) }, false },
    };

    [Theory]
    [MemberData(nameof(MetricsCases))]
    public void Metrics_have_no_negative_counts_or_latencies(string rule, CallMediaMetrics? metrics, bool valid)
    {
        CallMediaRules.IsValidMetrics(metrics).Should().Be(valid, rule);
    }

    [Fact]
    public void A_transcript_turn_is_recorded_with_the_calls_lead_and_the_command_id()
    {
        var call = Live(Lead);
        var command = Guid.NewGuid();

        call.RecordTranscriptTurn(command, CallSpeaker.Caller, "  שלום, אני מחפש דירה בחיפה  ", 1520, false, T0.AddSeconds(3));

        call.UncommittedEvents.Should().ContainSingle().Which.Should().Be(
            new CallTranscriptTurn(call.Id, Lead, command, CallSpeaker.Caller, "שלום, אני מחפש דירה בחיפה", 1520, false, T0.AddSeconds(3)));
    }

    [Fact]
    public void A_late_transcript_turn_is_recorded_after_the_call_ended()
    {
        var call = Live();
        call.ApplyProviderStatus(CallStatus.Completed, 2, 30, null, T0.AddSeconds(30));

        call.RecordTranscriptTurn(Guid.NewGuid(), CallSpeaker.Assistant, "תודה ולהתראות", 29_000, true, T0.AddSeconds(29));

        call.UncommittedEvents.OfType<CallTranscriptTurn>().Should().ContainSingle().Which.Interrupted.Should().BeTrue();
    }

    public static TheoryData<string, Action<Call>, string> RefusedReports => new()
    {
        { "empty text", c => c.RecordTranscriptTurn(Guid.NewGuid(), CallSpeaker.Caller, " ", 0, false, T0), "call.turn_text_invalid" },
        { "no text", c => c.RecordTranscriptTurn(Guid.NewGuid(), CallSpeaker.Caller, null, 0, false, T0), "call.turn_text_invalid" },
        { "text too long", c => c.RecordTranscriptTurn(Guid.NewGuid(), CallSpeaker.Caller, new string('א', 4001), 0, false, T0), "call.turn_text_invalid" },
        { "negative offset", c => c.RecordTranscriptTurn(Guid.NewGuid(), CallSpeaker.Caller, "כן", -1, false, T0), "call.turn_offset_invalid" },
        { "turn without command id", c => c.RecordTranscriptTurn(Guid.Empty, CallSpeaker.Caller, "כן", 0, false, T0), "call.command_id_required" },
        { "no fields", c => c.RecordCollectedFields(Guid.NewGuid(), new Dictionary<string, string>(), T0), "call.fields_invalid" },
        { "null fields", c => c.RecordCollectedFields(Guid.NewGuid(), null, T0), "call.fields_invalid" },
        { "bad field key", c => c.RecordCollectedFields(Guid.NewGuid(), new Dictionary<string, string> { ["City Name"] = "חיפה" }, T0), "call.fields_invalid" },
        { "empty field value", c => c.RecordCollectedFields(Guid.NewGuid(), new Dictionary<string, string> { ["city"] = " " }, T0), "call.fields_invalid" },
        { "field value too long", c => c.RecordCollectedFields(Guid.NewGuid(), new Dictionary<string, string> { ["details"] = new string('א', 2001) }, T0), "call.fields_invalid" },
        { "too many fields", c => c.RecordCollectedFields(Guid.NewGuid(), Enumerable.Range(0, 61).ToDictionary(i => $"f{i}", i => "x"), T0), "call.fields_invalid" },
        { "a provider's reason", c => c.RecordMediaEnd(Guid.NewGuid(), CallEndReason.Completed, Metrics, T0, T0), "call.media_end_reason_invalid" },
        { "the platform's reason", c => c.RecordMediaEnd(Guid.NewGuid(), CallEndReason.Lost, Metrics, T0, T0), "call.media_end_reason_invalid" },
        { "negative figures", c => c.RecordMediaEnd(Guid.NewGuid(), CallEndReason.Silence, Metrics with { FramesOut = -1 }, T0, T0), "call.media_metrics_invalid" },
        { "no figures", c => c.RecordMediaEnd(Guid.NewGuid(), CallEndReason.Silence, null!, T0, T0), "call.media_metrics_invalid" },
    };

    [Theory]
    [MemberData(nameof(RefusedReports))]
    public void Malformed_reports_are_refused_and_record_nothing(string rule, Action<Call> report, string code)
    {
        var call = Live();

        var act = () => report(call);

        act.Should().Throw<DomainException>(rule).Which.Code.Should().Be(code);
        call.UncommittedEvents.Should().BeEmpty();
    }

    [Fact]
    public void A_refused_call_takes_no_reports()
    {
        var call = Call.Reject(Guid.NewGuid(), CallDirection.Inbound, "CA1", "+972521234567", "+97233760000", null, CallRejectionReason.LimitReached, T0);
        call.MarkCommitted();

        var turn = () => call.RecordTranscriptTurn(Guid.NewGuid(), CallSpeaker.Caller, "שלום", 0, false, T0);
        var end = () => call.RecordMediaEnd(Guid.NewGuid(), CallEndReason.CallerHungUp, Metrics, T0, T0);

        turn.Should().Throw<DomainException>().Which.Code.Should().Be("call.never_connected");
        end.Should().Throw<DomainException>().Which.Code.Should().Be("call.never_connected");
    }

    [Fact]
    public void Collected_fields_are_recorded_trimmed()
    {
        var call = Live(Lead);

        call.RecordCollectedFields(Guid.NewGuid(), new Dictionary<string, string> { ["name"] = " דנה כהן ", ["budget"] = "2500000" }, T0.AddSeconds(40));

        var collected = call.UncommittedEvents.Should().ContainSingle().Which.Should().BeOfType<CallFieldsCollected>().Subject;
        collected.LeadId.Should().Be(Lead);
        collected.Fields.Should().BeEquivalentTo(new Dictionary<string, string> { ["name"] = "דנה כהן", ["budget"] = "2500000" });
    }

    [Fact]
    public void The_media_hosts_end_ends_a_live_call_with_its_reason_then_records_its_account()
    {
        var call = Live(Lead);
        var command = Guid.NewGuid();

        call.RecordMediaEnd(command, CallEndReason.UserGoodbye, Metrics, T0.AddSeconds(62), T0.AddSeconds(63)).Should().BeTrue();

        call.UncommittedEvents.Select(e => e.GetType()).Should().Equal(typeof(CallCompleted), typeof(CallMediaEnded));
        var completed = (CallCompleted)call.UncommittedEvents[0];
        completed.EndReason.Should().Be(CallEndReason.UserGoodbye);
        completed.Status.Should().Be(CallStatus.Completed);
        completed.EndedAt.Should().Be(T0.AddSeconds(62));
        completed.DurationSeconds.Should().Be(61, "with no answer reported, the stream's length is the call's");
        completed.AnsweredAt.Should().Be(T0.AddSeconds(1));
        call.UncommittedEvents[1].Should().Be(new CallMediaEnded(call.Id, Lead, command, CallEndReason.UserGoodbye, Metrics, T0.AddSeconds(62)));
        call.IsLive.Should().BeFalse();
        call.EndReason.Should().Be(CallEndReason.UserGoodbye);
        call.MediaEndReason.Should().Be(CallEndReason.UserGoodbye);
    }

    [Fact]
    public void After_the_providers_end_the_call_keeps_it_and_only_the_media_hosts_account_is_recorded()
    {
        var call = Live();
        call.ApplyProviderStatus(CallStatus.Completed, 3, 58, null, T0.AddSeconds(60));
        call.MarkCommitted();

        call.RecordMediaEnd(Guid.NewGuid(), CallEndReason.CallerHungUp, Metrics, T0.AddSeconds(61), T0.AddSeconds(61)).Should().BeTrue();

        call.UncommittedEvents.Should().ContainSingle().Which.Should().BeOfType<CallMediaEnded>()
            .Which.EndReason.Should().Be(CallEndReason.CallerHungUp);
        call.EndReason.Should().Be(CallEndReason.Completed);
        call.DurationSeconds.Should().Be(58);
        call.MediaEndReason.Should().Be(CallEndReason.CallerHungUp);
    }

    [Fact]
    public void A_second_end_report_records_nothing()
    {
        var call = Live();
        call.RecordMediaEnd(Guid.NewGuid(), CallEndReason.Silence, Metrics, T0.AddSeconds(30), T0.AddSeconds(30));
        call.MarkCommitted();

        call.RecordMediaEnd(Guid.NewGuid(), CallEndReason.Shutdown, Metrics, T0.AddSeconds(31), T0.AddSeconds(31)).Should().BeFalse();

        call.UncommittedEvents.Should().BeEmpty();
        call.MediaEndReason.Should().Be(CallEndReason.Silence);
    }

    [Theory]
    [InlineData(-3600, 0)]
    [InlineData(30, 30)]
    [InlineData(3600, 90)]
    public void The_end_time_is_kept_between_the_calls_start_and_now(int reportedSeconds, int expectedSeconds)
    {
        var call = Live();

        call.RecordMediaEnd(Guid.NewGuid(), CallEndReason.StreamLost, Metrics with { DurationMs = 0 }, T0.AddSeconds(reportedSeconds), T0.AddSeconds(90));

        call.EndedAt.Should().Be(T0.AddSeconds(expectedSeconds));
        call.UncommittedEvents.OfType<CallMediaEnded>().Single().EndedAt.Should().Be(T0.AddSeconds(expectedSeconds));
    }

    [Fact]
    public void An_answered_call_counts_its_duration_from_the_answer()
    {
        var call = Live();
        call.ApplyProviderStatus(CallStatus.InProgress, 1, null, null, T0.AddSeconds(10));

        call.RecordMediaEnd(Guid.NewGuid(), CallEndReason.AssistantEnded, Metrics, T0.AddSeconds(40), T0.AddSeconds(40));

        call.DurationSeconds.Should().Be(30);
        call.AnsweredAt.Should().Be(T0.AddSeconds(10));
    }

    [Fact]
    public void An_outbound_calls_template_comes_with_its_start()
    {
        var template = Guid.NewGuid();
        var call = (Call)Activator.CreateInstance(typeof(Call), nonPublic: true)!;

        call.ReplayEvent(new CallStarted(Guid.NewGuid(), Lead, CallDirection.Outbound, null, "+97233760000", "+972521234567", CallStatus.Queued, T0, template), 1);

        call.TemplateId.Should().Be(template);
        call.Direction.Should().Be(CallDirection.Outbound);
    }
}
