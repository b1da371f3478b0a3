using ProSaaS.Domain.Calls;

namespace ProSaaS.Domain.Tests.Calls;

public sealed class CallStatusPolicyTests
{
    /// <summary>The lifecycle as the provider documents it: progress in this order, then one of the final statuses.</summary>
    private static readonly CallStatus[] Progress = [CallStatus.Queued, CallStatus.Initiated, CallStatus.Ringing, CallStatus.InProgress];

    private static readonly CallStatus[] ProviderFinal = [CallStatus.Completed, CallStatus.Busy, CallStatus.NoAnswer, CallStatus.Failed, CallStatus.Canceled];

    public static TheoryData<CallStatus, CallStatus> EveryPair()
    {
        var data = new TheoryData<CallStatus, CallStatus>();
        foreach (var current in Enum.GetValues<CallStatus>())
        {
            foreach (var reported in Enum.GetValues<CallStatus>())
            {
                data.Add(current, reported);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Every_report_on_every_status_moves_forward_ends_or_is_ignored(CallStatus current, CallStatus reported)
    {
        var currentIsFinal = !Progress.Contains(current);
        var expected =
            currentIsFinal || reported == CallStatus.Rejected ? CallStatusChange.Ignore
            : ProviderFinal.Contains(reported) ? CallStatusChange.End
            : Array.IndexOf(Progress, reported) > Array.IndexOf(Progress, current) ? CallStatusChange.Advance
            : CallStatusChange.Ignore;

        CallStatusPolicy.Decide(current, reported).Should().Be(expected);
    }

    [Theory]
    [InlineData(CallStatus.Ringing, CallStatus.InProgress, CallStatusChange.Advance)]
    [InlineData(CallStatus.Queued, CallStatus.InProgress, CallStatusChange.Advance)]
    [InlineData(CallStatus.InProgress, CallStatus.Ringing, CallStatusChange.Ignore)]
    [InlineData(CallStatus.InProgress, CallStatus.InProgress, CallStatusChange.Ignore)]
    [InlineData(CallStatus.Ringing, CallStatus.Completed, CallStatusChange.End)]
    [InlineData(CallStatus.Completed, CallStatus.Ringing, CallStatusChange.Ignore)]
    [InlineData(CallStatus.Completed, CallStatus.Completed, CallStatusChange.Ignore)]
    [InlineData(CallStatus.Busy, CallStatus.Completed, CallStatusChange.Ignore)]
    [InlineData(CallStatus.Rejected, CallStatus.InProgress, CallStatusChange.Ignore)]
    [InlineData(CallStatus.Ringing, CallStatus.Rejected, CallStatusChange.Ignore)]
    public void Progress_goes_forward_only_and_the_first_final_status_is_final(CallStatus current, CallStatus reported, CallStatusChange expected)
    {
        CallStatusPolicy.Decide(current, reported).Should().Be(expected);
    }

    [Fact]
    public void Every_status_but_the_four_of_progress_is_final()
    {
        Enum.GetValues<CallStatus>().Where(CallStatusPolicy.IsFinal).Should().BeEquivalentTo(ProviderFinal.Append(CallStatus.Rejected));
        Progress.Select(CallStatusPolicy.RankOf).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        ProviderFinal.Select(CallStatusPolicy.RankOf).Should().OnlyContain(rank => rank > CallStatusPolicy.RankOf(CallStatus.InProgress));
    }

    [Theory]
    [InlineData(CallStatus.Completed, CallEndReason.Completed)]
    [InlineData(CallStatus.Busy, CallEndReason.Busy)]
    [InlineData(CallStatus.NoAnswer, CallEndReason.NoAnswer)]
    [InlineData(CallStatus.Failed, CallEndReason.Failed)]
    [InlineData(CallStatus.Canceled, CallEndReason.Canceled)]
    public void A_final_provider_status_ends_the_call_for_its_own_reason_and_back(CallStatus status, CallEndReason reason)
    {
        CallStatusPolicy.EndReasonOf(status).Should().Be(reason);
        CallStatusPolicy.FinalStatusOf(reason).Should().Be(status);
    }

    [Theory]
    [InlineData(CallStatus.Queued)]
    [InlineData(CallStatus.Initiated)]
    [InlineData(CallStatus.Ringing)]
    [InlineData(CallStatus.InProgress)]
    [InlineData(CallStatus.Rejected)]
    public void Only_final_provider_statuses_have_an_end_reason(CallStatus status)
    {
        var act = () => CallStatusPolicy.EndReasonOf(status);
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData(CallEndReason.HungUpByBusiness)]
    [InlineData(CallEndReason.Lost)]
    [InlineData(CallEndReason.AiUnavailable)]
    public void The_platforms_own_end_reasons_leave_the_call_completed(CallEndReason reason)
    {
        CallStatusPolicy.FinalStatusOf(reason).Should().Be(CallStatus.Completed);
    }

    [Fact]
    public void Every_end_reason_has_a_final_status()
    {
        foreach (var reason in Enum.GetValues<CallEndReason>())
        {
            CallStatusPolicy.IsFinal(CallStatusPolicy.FinalStatusOf(reason)).Should().BeTrue($"{reason} ends a call");
        }
    }

    [Theory]
    [InlineData("queued", CallStatus.Queued)]
    [InlineData("initiated", CallStatus.Initiated)]
    [InlineData("ringing", CallStatus.Ringing)]
    [InlineData("in-progress", CallStatus.InProgress)]
    [InlineData("completed", CallStatus.Completed)]
    [InlineData("busy", CallStatus.Busy)]
    [InlineData("no-answer", CallStatus.NoAnswer)]
    [InlineData("failed", CallStatus.Failed)]
    [InlineData("canceled", CallStatus.Canceled)]
    [InlineData(" Completed ", CallStatus.Completed)]
    [InlineData("IN-PROGRESS", CallStatus.InProgress)]
    public void Provider_statuses_are_read_as_twilio_writes_them(string text, CallStatus expected)
    {
        CallStatusPolicy.TryParseProviderStatus(text, out var status).Should().BeTrue();
        status.Should().Be(expected);
        CallStatusPolicy.ProviderNameOf(expected).Should().Be(text.Trim().ToLowerInvariant());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("in_progress")]
    [InlineData("answered")]
    [InlineData("rejected")]
    [InlineData("cancelled")]
    public void Anything_else_is_not_a_provider_status(string? text)
    {
        CallStatusPolicy.TryParseProviderStatus(text, out _).Should().BeFalse();
    }

    [Fact]
    public void Rejected_has_no_provider_spelling()
    {
        CallStatusPolicy.ProviderNameOf(CallStatus.Rejected).Should().BeNull();
    }
}
