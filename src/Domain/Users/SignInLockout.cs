namespace ProSaaS.Domain.Users;

public enum SignInOutcome
{
    /// <summary>The password matched and no lockout was in force.</summary>
    Succeeded,

    /// <summary>The password was wrong; the account is not locked yet.</summary>
    Failed,

    /// <summary>The password was wrong and this failure locks the account.</summary>
    LockedOut,

    /// <summary>A lockout is in force: refused whatever the password.</summary>
    StillLocked,
}

/// <param name="Outcome">What the attempt amounts to.</param>
/// <param name="ConsecutiveFailures">Failures in a row counting this attempt (0 after a success).</param>
/// <param name="LockedUntil">When the lockout in force ends, if any.</param>
public readonly record struct SignInDecision(SignInOutcome Outcome, int ConsecutiveFailures, DateTimeOffset? LockedUntil);

/// <summary>
/// The lockout rule for password sign-in: <see cref="MaxConsecutiveFailures"/> wrong passwords in a row lock the
/// account for <see cref="LockoutDuration"/>; a success resets the count; while locked even the right password is
/// refused. It slows down guessing without letting a stranger lock a user out for long.
/// </summary>
public static class SignInLockout
{
    public const int MaxConsecutiveFailures = 5;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public static bool IsLocked(DateTimeOffset? lockedUntil, DateTimeOffset now) => lockedUntil is { } until && until > now;

    public static SignInDecision Decide(int consecutiveFailures, DateTimeOffset? lockedUntil, bool passwordMatches, DateTimeOffset now)
    {
        if (IsLocked(lockedUntil, now))
        {
            return new SignInDecision(SignInOutcome.StillLocked, consecutiveFailures, lockedUntil);
        }

        if (passwordMatches)
        {
            return new SignInDecision(SignInOutcome.Succeeded, 0, null);
        }

        var failures = Math.Max(consecutiveFailures, 0) + 1;
        return failures >= MaxConsecutiveFailures
            ? new SignInDecision(SignInOutcome.LockedOut, failures, now + LockoutDuration)
            : new SignInDecision(SignInOutcome.Failed, failures, null);
    }
}
