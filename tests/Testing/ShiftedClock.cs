namespace ProSaaS.Testing;

/// <summary>
/// A clock that runs at the real pace from a chosen moment: code that waits or measures elapsed time behaves as usual,
/// while "now" falls on a known day (a Sunday morning, a day before a clock change) whatever the day the tests run.
/// </summary>
public sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    private TimeSpan _shift = start - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _shift;

    /// <summary>Makes "now" <paramref name="now"/>, running on from there.</summary>
    public void Set(DateTimeOffset now) => _shift = now - System.GetUtcNow();
}
