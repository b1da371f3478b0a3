using ProSaaS.Domain.Calls;
using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.Tests.Calls;

public sealed class OutboundCallTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Lead = Guid.Parse("0195f0c3-1b7e-7a60-8f21-5c9d3e7a2b14");
    private static readonly Guid Template = Guid.Parse("0195f0c3-1b7e-7a60-8f21-5c9d3e7a2b99");
    private const string Sid = "CA0123456789abcdef0123456789abcdef";

    private static Call NewOutbound()
    {
        var call = Call.StartOutbound(Guid.NewGuid(), "+97233760000", "+972521234567", Lead, Template, T0);
        call.MarkCommitted();
        return call;
    }

    [Fact]
    public void An_outbound_call_starts_queued_for_its_lead_and_template_without_a_provider_id()
    {
        var call = Call.StartOutbound(Guid.NewGuid(), "+97233760000", "+972521234567", Lead, Template, T0);

        var started = call.UncommittedEvents.Should().ContainSingle().Which.Should().BeOfType<CallStarted>().Subject;
        started.Direction.Should().Be(CallDirection.Outbound);
        started.Status.Should().Be(CallStatus.Queued);
        started.LeadId.Should().Be(Lead);
        started.TemplateId.Should().Be(Template);
        started.ProviderCallId.Should().BeNull();
        call.TemplateId.Should().Be(Template);
        call.IsLive.Should().BeTrue();
    }

    [Fact]
    public void An_outbound_call_needs_a_lead_and_a_number()
    {
        FluentActions.Invoking(() => Call.StartOutbound(Guid.NewGuid(), "+97233760000", "+972521234567", Guid.Empty, Template, T0))
            .Should().Throw<DomainException>().Which.Code.Should().Be("call.lead_required");
        FluentActions.Invoking(() => Call.StartOutbound(Guid.NewGuid(), "+97233760000", " ", Lead, Template, T0))
            .Should().Throw<DomainException>().Which.Code.Should().Be("call.number_required");
    }

    [Fact]
    public void The_provider_id_is_recorded_once()
    {
        var call = NewOutbound();

        call.RecordPlacement(Sid, T0.AddSeconds(1)).Should().BeTrue();
        call.RecordPlacement(" " + Sid + " ", T0.AddSeconds(2)).Should().BeFalse("the same id again changes nothing");

        var placed = call.UncommittedEvents.Should().ContainSingle().Which.Should().BeOfType<CallPlaced>().Subject;
        placed.Should().Be(new CallPlaced(call.Id, Lead, Sid, T0.AddSeconds(1)));
        call.ProviderCallId.Should().Be(Sid);
        call.Status.Should().Be(CallStatus.Queued, "being placed is no status report");
    }

    [Fact]
    public void Another_provider_id_is_refused()
    {
        var call = NewOutbound();
        call.RecordPlacement(Sid, T0);

        FluentActions.Invoking(() => call.RecordPlacement("CAffffffffffffffffffffffffffffffff", T0))
            .Should().Throw<DomainException>().Which.Code.Should().Be(Call.ProviderCallIdMismatchCode);
        call.ProviderCallId.Should().Be(Sid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_blank_provider_id_is_refused(string? providerCallId)
    {
        var call = NewOutbound();

        FluentActions.Invoking(() => call.RecordPlacement(providerCallId!, T0))
            .Should().Throw<DomainException>().Which.Code.Should().Be("call.provider_call_id_required");
        call.UncommittedEvents.Should().BeEmpty();
    }

    [Fact]
    public void A_call_that_ended_before_its_placement_was_recorded_still_keeps_the_id()
    {
        var call = NewOutbound();
        call.End(CallEndReason.Failed, T0.AddSeconds(1));

        call.RecordPlacement(Sid, T0.AddSeconds(2)).Should().BeTrue();

        call.ProviderCallId.Should().Be(Sid);
        call.IsLive.Should().BeFalse();
        call.Status.Should().Be(CallStatus.Failed);
    }

    [Fact]
    public void A_provider_report_may_be_about_the_call_by_its_id_or_any_id_before_one_is_known()
    {
        var call = NewOutbound();
        call.MayBeProviderCall(Sid).Should().BeTrue();
        call.MayBeProviderCall(null).Should().BeFalse();
        call.MayBeProviderCall("").Should().BeFalse();

        call.RecordPlacement(Sid, T0);

        call.MayBeProviderCall(Sid).Should().BeTrue();
        call.MayBeProviderCall("CAffffffffffffffffffffffffffffffff").Should().BeFalse();
        call.MayBeProviderCall(null).Should().BeFalse();
    }

    [Fact]
    public void An_answering_machine_ends_the_call_with_its_own_reason_and_frees_it()
    {
        var call = NewOutbound();
        call.RecordPlacement(Sid, T0);
        call.ApplyProviderStatus(CallStatus.InProgress, 3, null, "machine_end_beep", T0.AddSeconds(20));

        call.End(CallEndReason.AnsweringMachine, T0.AddSeconds(20)).Should().BeTrue();

        var completed = call.UncommittedEvents.OfType<CallCompleted>().Should().ContainSingle().Subject;
        completed.EndReason.Should().Be(CallEndReason.AnsweringMachine);
        completed.Status.Should().Be(CallStatus.Completed);
        completed.Direction.Should().Be(CallDirection.Outbound);
        completed.LeadId.Should().Be(Lead);
        completed.DurationSeconds.Should().Be(0);
        call.UncommittedEvents.OfType<CallStatusChanged>().Single().AnsweredBy.Should().Be("machine_end_beep");
        call.IsLive.Should().BeFalse();
    }

    [Fact]
    public void An_old_call_started_event_without_a_template_still_reads()
    {
        var started = new CallStarted(Guid.NewGuid(), null, CallDirection.Inbound, "CA1", "+972521234567", "+97233760000", CallStatus.Ringing, T0);

        started.TemplateId.Should().BeNull();
    }
}
