using ProSaaS.Domain.Users;

namespace ProSaaS.Domain.Tests.Users;

public sealed class SignInLockoutTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 2, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<int, int?, bool, SignInOutcome, int, int?> Cases => new()
    {
        // failures so far, locked until (minutes from now), password right → outcome, failures after, locked until after
        { 0, null, true, SignInOutcome.Succeeded, 0, null },
        { 3, null, true, SignInOutcome.Succeeded, 0, null },
        { 4, null, true, SignInOutcome.Succeeded, 0, null },
        { 0, null, false, SignInOutcome.Failed, 1, null },
        { 1, null, false, SignInOutcome.Failed, 2, null },
        { 3, null, false, SignInOutcome.Failed, 4, null },
        { 4, null, false, SignInOutcome.LockedOut, 5, 15 },
        { 9, null, false, SignInOutcome.LockedOut, 10, 15 },
        { 0, 10, true, SignInOutcome.StillLocked, 0, 10 },
        { 0, 10, false, SignInOutcome.StillLocked, 0, 10 },
        { 0, 1, true, SignInOutcome.StillLocked, 0, 1 },
        { 0, 0, true, SignInOutcome.Succeeded, 0, null },
        { 0, -1, false, SignInOutcome.Failed, 1, null },
        { 4, -30, false, SignInOutcome.LockedOut, 5, 15 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decides_every_attempt_by_the_table(
        int failures, int? lockedForMinutes, bool passwordMatches, SignInOutcome outcome, int failuresAfter, int? lockedForMinutesAfter)
    {
        var lockedUntil = lockedForMinutes is { } m ? Now.AddMinutes(m) : (DateTimeOffset?)null;

        var decision = SignInLockout.Decide(failures, lockedUntil, passwordMatches, Now);

        decision.Outcome.Should().Be(outcome);
        decision.ConsecutiveFailures.Should().Be(failuresAfter);
        decision.LockedUntil.Should().Be(lockedForMinutesAfter is { } after ? Now.AddMinutes(after) : null);
    }

    [Fact]
    public void Policy_is_five_failures_and_fifteen_minutes()
    {
        SignInLockout.MaxConsecutiveFailures.Should().Be(5);
        SignInLockout.LockoutDuration.Should().Be(TimeSpan.FromMinutes(15));
    }

    [Fact]
    public void A_lockout_ends_exactly_at_its_end()
    {
        SignInLockout.IsLocked(Now, Now).Should().BeFalse();
        SignInLockout.IsLocked(Now.AddTicks(1), Now).Should().BeTrue();
        SignInLockout.IsLocked(null, Now).Should().BeFalse();
    }
}
