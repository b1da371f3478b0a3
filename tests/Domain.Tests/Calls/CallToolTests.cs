using ProSaaS.Domain.Calls;
using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.Tests.Calls;

/// <summary>What a tool the AI called changed, recorded on the call once per tool call.</summary>
public sealed class CallToolTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private const string Answer = """{"ok":true,"output":{},"spoken":"שמרתי"}""";

    private static Call Live()
    {
        var call = Call.Start(Guid.NewGuid(), CallDirection.Inbound, "CA0123456789abcdef", "+972521234567", "+97233760000", null, CallStatus.InProgress, T0);
        call.MarkCommitted();
        return call;
    }

    [Fact]
    public void A_tool_call_is_recorded_with_what_it_changed_and_the_calls_lead()
    {
        var call = Live();
        var lead = Guid.NewGuid();
        var task = Guid.NewGuid();
        call.LinkLead(lead, T0.AddSeconds(5));

        call.RecordToolApplied("call_abc123", "request_human", null, task, ["name", "name", "phone"], Answer, T0.AddSeconds(6));

        var applied = call.UncommittedEvents.OfType<CallToolApplied>().Should().ContainSingle().Subject;
        applied.Should().BeEquivalentTo(new CallToolApplied(call.Id, lead, "call_abc123", "request_human", null, task, ["name", "phone"], Answer,
            T0.AddSeconds(6)));
        call.HasAppliedToolCall("call_abc123").Should().BeTrue();
        call.HasAppliedToolCall("call_other").Should().BeFalse();
        call.CallbackTaskId.Should().Be(task);
    }

    [Fact]
    public void The_same_tool_call_is_recorded_once()
    {
        var call = Live();
        call.RecordToolApplied("call_1", "save_lead_fields", null, null, ["city"], Answer, T0);

        var again = () => call.RecordToolApplied("call_1", "save_lead_fields", null, null, ["city"], Answer, T0);

        again.Should().Throw<DomainException>().Which.Code.Should().Be("call.tool_call_recorded");
        call.UncommittedEvents.OfType<CallToolApplied>().Should().ContainSingle();
    }

    [Fact]
    public void The_first_callback_of_a_call_is_kept_after_a_replay()
    {
        var first = Guid.NewGuid();
        var call = Live();
        call.RecordToolApplied("call_1", "request_human", null, first, null, Answer, T0);
        call.RecordToolApplied("call_2", "book_appointment", Guid.NewGuid(), null, null, Answer, T0);

        call.CallbackTaskId.Should().Be(first);
    }

    [Theory]
    [InlineData("", "save_lead_fields")]
    [InlineData("call with space", "save_lead_fields")]
    [InlineData("call_1", "")]
    [InlineData("call_1", "Save-Lead")]
    public void A_tool_call_needs_an_id_and_a_tool_name(string toolCallId, string tool)
    {
        var call = Live();

        var record = () => call.RecordToolApplied(toolCallId, tool, null, null, null, Answer, T0);

        record.Should().Throw<DomainException>().Which.Code.Should().Be("call.tool_call_invalid");
        call.UncommittedEvents.Should().BeEmpty();
    }

    [Fact]
    public void A_tool_call_id_longer_than_the_limit_is_refused()
    {
        var record = () => Live().RecordToolApplied(new string('x', CallToolRules.MaxToolCallIdLength + 1), "end_call", null, null, null, Answer, T0);

        record.Should().Throw<DomainException>().Which.Code.Should().Be("call.tool_call_invalid");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_tool_call_needs_its_answer(string answer)
    {
        var record = () => Live().RecordToolApplied("call_1", "end_call", null, null, null, answer, T0);

        record.Should().Throw<DomainException>().Which.Code.Should().Be("call.tool_answer_invalid");
    }

    [Fact]
    public void A_refused_call_has_no_tool_calls()
    {
        var call = Call.Reject(Guid.NewGuid(), CallDirection.Inbound, "CA1", "+972521234567", "+97233760000", null, CallRejectionReason.LimitReached, T0);

        var record = () => call.RecordToolApplied("call_1", "save_lead_fields", null, null, null, Answer, T0);

        record.Should().Throw<DomainException>().Which.Code.Should().Be("call.never_connected");
    }

    [Fact]
    public void A_tool_call_is_recorded_after_the_call_ended()
    {
        var call = Live();
        call.End(CallEndReason.CallerHungUp, T0.AddMinutes(1));

        call.RecordToolApplied("call_late", "save_lead_fields", null, null, ["city"], Answer, T0.AddMinutes(1));

        call.UncommittedEvents.OfType<CallToolApplied>().Should().ContainSingle();
    }
}
