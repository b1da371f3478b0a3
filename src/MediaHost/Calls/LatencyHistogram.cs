using ProSaaS.Hosting.Calls;

namespace ProSaaS.MediaHost.Calls;

/// <summary>
/// Latencies of one kind on one call, kept as counts in fixed buckets so that recording one (50 times a second) costs an
/// increment and no allocation: 10 µs wide up to 10 ms, 1 ms wide up to 1 s, one bucket beyond. Percentiles are read from
/// the buckets (at most half a bucket off); the largest value is kept exactly. Single writer.
/// </summary>
public sealed class LatencyHistogram
{
    private const int FineBuckets = 1000;   // 0–10 ms by 10 µs
    private const int CoarseBuckets = 990;  // 10–1000 ms by 1 ms
    private const double FineWidthMs = 0.01;

    private readonly int[] _counts = new int[FineBuckets + CoarseBuckets + 1];
    private double _max;

    public int Count { get; private set; }

    public void Record(double milliseconds)
    {
        if (double.IsNaN(milliseconds) || milliseconds < 0)
        {
            milliseconds = 0;
        }

        int bucket;
        if (milliseconds < FineBuckets * FineWidthMs)
        {
            bucket = (int)(milliseconds / FineWidthMs);
        }
        else if (milliseconds < 1000)
        {
            bucket = FineBuckets + (int)(milliseconds - FineBuckets * FineWidthMs);
        }
        else
        {
            bucket = _counts.Length - 1;
        }

        _counts[bucket]++;
        Count++;
        _max = Math.Max(_max, milliseconds);
    }

    /// <summary>The value below which <paramref name="percentile"/> (0–100) of the recorded ones are; 0 when none.</summary>
    public double Percentile(double percentile)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * Count));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(_max, Middle(i));
            }
        }

        return _max;
    }

    public LatencySummary? Summary() =>
        Count == 0 ? null : new LatencySummary(Round(Percentile(50)), Round(Percentile(99)), Round(_max), Count);

    private double Middle(int bucket) =>
        bucket < FineBuckets ? (bucket + 0.5) * FineWidthMs
        : bucket < FineBuckets + CoarseBuckets ? FineBuckets * FineWidthMs + (bucket - FineBuckets) + 0.5
        : _max;

    internal static double Round(double milliseconds) => Math.Round(milliseconds, 3);
}

/// <summary>Few latencies (one per turn or barge-in), kept exactly.</summary>
public sealed class LatencySamples
{
    private readonly List<double> _values = [];

    public int Count => _values.Count;

    public void Record(double milliseconds) => _values.Add(Math.Max(0, milliseconds));

    public LatencySummary? Summary()
    {
        if (_values.Count == 0)
        {
            return null;
        }

        var sorted = _values.ToArray();
        Array.Sort(sorted);
        return new LatencySummary(
            LatencyHistogram.Round(Rank(sorted, 50)), LatencyHistogram.Round(Rank(sorted, 99)), LatencyHistogram.Round(sorted[^1]), sorted.Length);

        static double Rank(double[] sorted, double percentile) =>
            sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
