using System.Diagnostics;

namespace ProSaaS.Sandbox;

/// <summary>
/// The one monotonic clock of every fake in the process (a <see cref="Stopwatch"/> started on first use): every time a
/// fake records is a <see cref="Now"/> reading, so times recorded by different fakes of the same test can be compared
/// (e.g. "the server sent speech_stopped at X, the caller heard the first answer frame at Y").
/// </summary>
public static class FakeClock
{
    private static readonly long Origin = Stopwatch.GetTimestamp();

    /// <summary>Time elapsed since the clock's origin.</summary>
    public static TimeSpan Now => Stopwatch.GetElapsedTime(Origin);

    internal static double NowMilliseconds => Stopwatch.GetElapsedTime(Origin).TotalMilliseconds;
}

/// <summary>
/// Lets tests wait for a fake's state to satisfy a condition: the fake pulses it on every change and waiters re-check
/// their condition (no polling loops in tests).
/// </summary>
internal sealed class ChangeSignal
{
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waiters;

    /// <summary>Wakes the waiters (if any: a fake streaming audio pulses 50 times a second, usually with nobody waiting).</summary>
    public void Pulse()
    {
        // A full fence (the state change before it must not be reordered after this read; waiters fence on register).
        if (Interlocked.CompareExchange(ref _waiters, 0, 0) > 0)
        {
            Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    /// <summary>
    /// Waits until <paramref name="probe"/> returns a value (non-null); <paramref name="recheckAfter"/> may ask for a
    /// re-check after a time even without a pulse (for conditions that become true as time passes, like playback).
    /// </summary>
    public async Task<T> WaitAsync<T>(Func<T?> probe, TimeSpan timeout, string description, CancellationToken cancellationToken,
        Func<TimeSpan?>? recheckAfter = null)
        where T : class
    {
        var deadline = FakeClock.Now + timeout;
        // Registered before the first check: a change after it pulses (the state changes before the pulse).
        Interlocked.Increment(ref _waiters);
        try
        {
            return await WaitCoreAsync(probe, deadline, timeout, description, cancellationToken, recheckAfter).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _waiters);
        }
    }

    private async Task<T> WaitCoreAsync<T>(Func<T?> probe, TimeSpan deadline, TimeSpan timeout, string description, CancellationToken cancellationToken,
        Func<TimeSpan?>? recheckAfter)
        where T : class
    {
        while (true)
        {
            var changed = Volatile.Read(ref _changed).Task;
            if (probe() is { } result)
            {
                return result;
            }

            var remaining = deadline - FakeClock.Now;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalMilliseconds:0} ms waiting for {description}.");
            }

            var wait = recheckAfter?.Invoke() is { } next && next < remaining ? next : remaining;
            try
            {
                await changed.WaitAsync(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Re-check: either the condition became true with time, or the deadline has passed.
            }
        }
    }
}
