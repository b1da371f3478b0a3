using ProSaaS.Domain.Calls;
using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.Tests.Calls;

public sealed class CallTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Lead = Guid.Parse("0195f0c3-1b7e-7a60-8f21-5c9d3e7a2b14");

    private static Call NewInbound(CallStatus status = CallStatus.Ringing) =>
        Call.Start(Guid.NewGuid(), CallDirection.Inbound, "CA0123456789abcdef", "+972521234567", "+97233760000", null, status, T0);

    /// <summary>A provider report: the status, its callback number, and when it arrives (seconds after the start).</summary>
    public sealed record Report(CallStatus Status, int Sequence, int At, int? Duration = null)
    {
        public override string ToString() => $"{Status}#{Sequence}";
    }

    private static IEnumerable<IReadOnlyList<T>> Permutations<T>(IReadOnlyList<T> items)
    {
        if (items.Count <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var rest = items.Where((_, j) => j != i).ToList();
            foreach (var tail in Permutations(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }

    /// <summary>Every order of ringing, answered, answered again and completed — as Twilio may deliver them.</summary>
    public static TheoryData<Report[]> EveryOrderOfOneAnsweredCall()
    {
        Report[] reports =
        [
            new(CallStatus.Ringing, 1, 1),
            new(CallStatus.InProgress, 2, 5),
            new(CallStatus.InProgress, 2, 6),
            new(CallStatus.Completed, 3, 65, 60),
        ];
        var data = new TheoryData<Report[]>();
        foreach (var order in Permutations(reports).Select(p => p.ToArray()).DistinctBy(p => string.Join(",", p.Select(r => r.ToString()))))
        {
            data.Add(order);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryOrderOfOneAnsweredCall))]
    public void Reports_in_any_order_and_repeated_end_the_call_once_as_completed(Report[] order)
    {
        var call = NewInbound(CallStatus.Queued);
        call.MarkCommitted();
        foreach (var report in order)
        {
            call.ApplyProviderStatus(report.Status, report.Sequence, report.Duration, null, T0.AddSeconds(report.At));
        }

        call.Status.Should().Be(CallStatus.Completed);
        call.EndReason.Should().Be(CallEndReason.Completed);
        call.DurationSeconds.Should().Be(60);
        call.EndedAt.Should().Be(T0.AddSeconds(65));
        call.IsLive.Should().BeFalse();
        call.UncommittedEvents.OfType<CallCompleted>().Should().ContainSingle();
        call.UncommittedEvents.OfType<CallStatusChanged>().Select(e => CallStatusPolicy.RankOf(e.ToStatus)).Should().BeInAscendingOrder()
            .And.OnlyHaveUniqueItems("progress is recorded once per status and never backwards");
        call.UncommittedEvents[^1].Should().BeOfType<CallCompleted>("nothing is recorded after the end");
        // Answered when the provider said so; or, when the answer came after the end, as the reported duration tells.
        var answered = order.TakeWhile(r => r.Status != CallStatus.Completed).FirstOrDefault(r => r.Status == CallStatus.InProgress);
        call.AnsweredAt.Should().Be(answered is null ? T0.AddSeconds(5) : T0.AddSeconds(answered.At));
    }

    public static TheoryData<Report[]> EveryOrderOfTwoFinalReports()
    {
        Report[] reports = [new(CallStatus.Ringing, 1, 1), new(CallStatus.Busy, 2, 3), new(CallStatus.Completed, 3, 4, 0)];
        var data = new TheoryData<Report[]>();
        foreach (var order in Permutations(reports))
        {
            data.Add(order.ToArray());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryOrderOfTwoFinalReports))]
    public void The_first_final_report_is_the_end(Report[] order)
    {
        var call = NewInbound();
        foreach (var report in order)
        {
            call.ApplyProviderStatus(report.Status, report.Sequence, report.Duration, null, T0.AddSeconds(report.At));
        }

        var first = order.First(r => CallStatusPolicy.IsFinal(r.Status));
        call.Status.Should().Be(first.Status);
        call.EndReason.Should().Be(CallStatusPolicy.EndReasonOf(first.Status));
        call.UncommittedEvents.OfType<CallCompleted>().Should().ContainSingle();
    }

    [Fact]
    public void A_call_starts_live_with_its_numbers_and_is_answered_when_in_progress()
    {
        var call = NewInbound();
        var started = call.UncommittedEvents.Should().ContainSingle().Which.Should().BeOfType<CallStarted>().Subject;
        started.Direction.Should().Be(CallDirection.Inbound);
        started.From.Should().Be("+972521234567");
        started.To.Should().Be("+97233760000");
        started.ProviderCallId.Should().Be("CA0123456789abcdef");
        started.LeadId.Should().BeNull();
        call.IsLive.Should().BeTrue();
        call.AnsweredAt.Should().BeNull();

        call.ApplyProviderStatus(CallStatus.InProgress, 2, null, "human", T0.AddSeconds(4)).Should().Be(CallStatusChange.Advance);
        call.AnsweredAt.Should().Be(T0.AddSeconds(4));
        call.UncommittedEvents[^1].Should().BeEquivalentTo(new CallStatusChanged(call.Id, null, CallStatus.Ringing, CallStatus.InProgress, 2, "human", T0.AddSeconds(4)));
    }

    [Theory]
    [InlineData(CallStatus.Completed)]
    [InlineData(CallStatus.Busy)]
    [InlineData(CallStatus.NoAnswer)]
    [InlineData(CallStatus.Failed)]
    [InlineData(CallStatus.Canceled)]
    [InlineData(CallStatus.Rejected)]
    public void A_call_cannot_start_ended(CallStatus status)
    {
        var act = () => NewInbound(status);
        act.Should().Throw<DomainException>().Which.Code.Should().Be("call.start_status_final");
    }

    [Fact]
    public void A_call_needs_an_id_and_a_provider_id_of_sane_length()
    {
        var noId = () => Call.Start(Guid.Empty, CallDirection.Inbound, "CA1", null, null, null, CallStatus.Ringing, T0);
        noId.Should().Throw<DomainException>().Which.Code.Should().Be("call.id_required");
        var longSid = () => Call.Start(Guid.NewGuid(), CallDirection.Inbound, new string('x', Call.MaxProviderCallIdLength + 1), null, null, null, CallStatus.Ringing, T0);
        longSid.Should().Throw<DomainException>().Which.Code.Should().Be("call.provider_call_id_too_long");
    }

    [Fact]
    public void Ending_by_the_business_counts_the_duration_from_the_answer_and_happens_once()
    {
        var call = NewInbound();
        call.ApplyProviderStatus(CallStatus.InProgress, 1, null, null, T0.AddSeconds(10));

        call.End(CallEndReason.HungUpByBusiness, T0.AddSeconds(70)).Should().BeTrue();
        call.End(CallEndReason.Lost, T0.AddSeconds(90)).Should().BeFalse();
        call.ApplyProviderStatus(CallStatus.Completed, 2, 61, null, T0.AddSeconds(71)).Should().Be(CallStatusChange.Ignore);

        var completed = call.UncommittedEvents.OfType<CallCompleted>().Should().ContainSingle().Subject;
        completed.EndReason.Should().Be(CallEndReason.HungUpByBusiness);
        completed.Status.Should().Be(CallStatus.Completed);
        completed.DurationSeconds.Should().Be(60);
        completed.AnsweredAt.Should().Be(T0.AddSeconds(10));
        completed.StartedAt.Should().Be(T0);
        completed.From.Should().Be("+972521234567");
    }

    [Fact]
    public void A_call_never_answered_lasts_nothing()
    {
        var call = NewInbound();
        call.End(CallEndReason.Lost, T0.AddMinutes(3));
        call.DurationSeconds.Should().Be(0);
        call.AnsweredAt.Should().BeNull();
        call.EndReason.Should().Be(CallEndReason.Lost);
        call.Status.Should().Be(CallStatus.Completed);
    }

    [Fact]
    public void A_final_report_without_the_answer_tells_the_answer_by_its_duration()
    {
        var call = NewInbound();
        call.ApplyProviderStatus(CallStatus.Completed, 0, 42, null, T0.AddSeconds(50));
        call.AnsweredAt.Should().Be(T0.AddSeconds(8));
        call.DurationSeconds.Should().Be(42);
    }

    [Fact]
    public void A_rejected_call_is_over_from_its_first_event()
    {
        var call = Call.Reject(Guid.NewGuid(), CallDirection.Inbound, "CA9", "+972521234567", "+97233760000", null, CallRejectionReason.LimitReached, T0);

        call.IsRejected.Should().BeTrue();
        call.IsLive.Should().BeFalse();
        call.RejectionReason.Should().Be(CallRejectionReason.LimitReached);
        call.ApplyProviderStatus(CallStatus.InProgress, 1, null, null, T0.AddSeconds(1)).Should().Be(CallStatusChange.Ignore);
        call.ApplyProviderStatus(CallStatus.Completed, 2, 0, null, T0.AddSeconds(2)).Should().Be(CallStatusChange.Ignore);
        call.End(CallEndReason.HungUpByBusiness, T0.AddSeconds(3)).Should().BeFalse();
        call.UncommittedEvents.Should().ContainSingle().Which.Should().BeOfType<CallRejected>();
    }

    [Fact]
    public void A_lead_is_linked_once_and_then_carried_by_every_event()
    {
        var call = NewInbound();
        call.LinkLead(Lead, T0.AddSeconds(30)).Should().BeTrue();
        call.LinkLead(Lead, T0.AddSeconds(31)).Should().BeFalse();
        var other = () => call.LinkLead(Guid.NewGuid(), T0.AddSeconds(32));
        other.Should().Throw<DomainException>().Which.Code.Should().Be("call.lead_already_linked");

        call.ApplyProviderStatus(CallStatus.InProgress, 1, null, null, T0.AddSeconds(33));
        call.End(CallEndReason.AiUnavailable, T0.AddSeconds(40));
        call.UncommittedEvents.OfType<CallStatusChanged>().Single().LeadId.Should().Be(Lead);
        call.UncommittedEvents.OfType<CallCompleted>().Single().LeadId.Should().Be(Lead);
    }

    [Fact]
    public void An_outbound_call_starts_with_its_lead()
    {
        var call = Call.Start(Guid.NewGuid(), CallDirection.Outbound, null, "+97233760000", "+972521234567", Lead, CallStatus.Queued, T0);
        call.LeadId.Should().Be(Lead);
        call.UncommittedEvents.OfType<CallStarted>().Single().LeadId.Should().Be(Lead);
    }

    [Fact]
    public void Replaying_the_events_gives_the_same_call()
    {
        var call = NewInbound();
        call.ApplyProviderStatus(CallStatus.InProgress, 1, null, "human", T0.AddSeconds(3));
        call.LinkLead(Lead, T0.AddSeconds(20));
        call.ApplyProviderStatus(CallStatus.Completed, 2, 30, null, T0.AddSeconds(33));

        var replayed = (Call)Activator.CreateInstance(typeof(Call), nonPublic: true)!;
        var version = 0;
        foreach (var @event in call.UncommittedEvents)
        {
            replayed.ReplayEvent(@event, ++version);
        }

        replayed.Should().BeEquivalentTo(call, options => options.Excluding(c => c.UncommittedEvents).Excluding(c => c.PersistedVersion));
    }
}
