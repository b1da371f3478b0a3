using ProSaaS.Domain.Calls;
using ProSaaS.Domain.Common;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Domain.Tests.Calls;

/// <summary>The prompt version a call ran with, recorded as its configuration is handed to the media host.</summary>
public sealed class CallConfigurationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static Call Live()
    {
        var call = Call.Start(Guid.NewGuid(), CallDirection.Inbound, "CA0123456789abcdef", "+972521234567", "+97233760000", null, CallStatus.InProgress, T0);
        call.MarkCommitted();
        return call;
    }

    [Fact]
    public void The_first_hand_out_records_the_version_and_the_same_version_again_records_nothing()
    {
        var call = Live();

        call.RecordConfiguration(AssistantChannel.InboundCall, 3, T0.AddSeconds(1)).Should().BeTrue();
        call.RecordConfiguration(AssistantChannel.InboundCall, 3, T0.AddSeconds(5)).Should().BeFalse();

        call.UncommittedEvents.Should().ContainSingle().Which.Should().Be(new CallConfigured(call.Id, null, AssistantChannel.InboundCall, 3, T0.AddSeconds(1)));
        call.PromptVersion.Should().Be(3);
    }

    [Fact]
    public void A_later_hand_out_with_another_version_is_recorded_too()
    {
        var call = Live();
        call.RecordConfiguration(AssistantChannel.InboundCall, 0, T0);

        call.RecordConfiguration(AssistantChannel.InboundCall, 4, T0.AddSeconds(30)).Should().BeTrue();

        call.PromptVersion.Should().Be(4);
        call.UncommittedEvents.OfType<CallConfigured>().Select(e => e.PromptVersion).Should().Equal(0, 4);
    }

    [Fact]
    public void An_ended_call_records_nothing_and_a_negative_version_is_refused()
    {
        var call = Live();
        var negative = () => call.RecordConfiguration(AssistantChannel.InboundCall, -1, T0);
        negative.Should().Throw<DomainException>().Which.Code.Should().Be("call.prompt_version_invalid");

        call.End(CallEndReason.HungUpByBusiness, T0.AddSeconds(10));

        call.RecordConfiguration(AssistantChannel.InboundCall, 2, T0.AddSeconds(11)).Should().BeFalse();
        call.PromptVersion.Should().BeNull();
    }
}
