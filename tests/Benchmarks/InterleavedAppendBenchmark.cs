using System.Diagnostics;
using ProSaaS.Application.Common.Context;
using ProSaaS.Domain.Leads;
using ProSaaS.Infrastructure.EventStore;
using ProSaaS.Infrastructure.Projections;
using ProSaaS.Infrastructure.ReadModels.Leads;

namespace ProSaaS.Benchmarks;

/// <summary>
/// The append measurements again, interleaved: each round runs a short burst of every writer, in a rotating order, so
/// all three see the same background (other processes, checkpoints, table growth). BenchmarkDotNet runs its cases one
/// after another, which on a busy two-core machine lets drift between cases dwarf the difference being measured; the
/// ratio here is the median of per-round ratios, which cancels that drift.
/// </summary>
public sealed class InterleavedAppendBenchmark(BenchDatabase database, int rounds, TextWriter log)
{
    public const string Name = "ProSaaS.Benchmarks.Append.Interleaved";

    public static readonly string[] Writers = ["raw", "store", "store+inline"];

    public async Task<IReadOnlyList<WriterResult>> RunAsync()
    {
        var types = EventTypeRegistry.ForDomain();
        var context = new RequestContext
        {
            TenantId = AppendBenchmarks.Tenant, UserName = AppendBenchmarks.UserName, CorrelationId = "bench-" + Guid.NewGuid().ToString("N")[..12],
        };
        var raw = new RawAppender(database.DataSource, types, AppendBenchmarks.Tenant, context.CorrelationId, AppendBenchmarks.UserName);
        var store = new PostgresEventStore(database.DataSource, types, new ProjectionRegistry([]), context, TimeProvider.System);
        var inline = new PostgresEventStore(database.DataSource, types,
            new ProjectionRegistry([new LeadProjection(), new LeadStatusCountsProjection()]), context, TimeProvider.System);

        Func<int, Task> Writer(string name) => name switch
        {
            "raw" => events => { var id = Guid.NewGuid(); return raw.AppendNewStreamAsync(id, "lead", LeadEvents.NewStream(id, events, DateTimeOffset.UtcNow)); },
            "store" => events => { var id = Guid.NewGuid(); return store.StartStreamAsync<Lead>(id, LeadEvents.NewStream(id, events, DateTimeOffset.UtcNow)); },
            _ => events => { var id = Guid.NewGuid(); return inline.StartStreamAsync<Lead>(id, LeadEvents.NewStream(id, events, DateTimeOffset.UtcNow)); },
        };

        var results = new List<WriterResult>();
        foreach (var perCall in new[] { 1, 10 })
        {
            var calls = perCall == 1 ? 200 : 60;
            var rates = Writers.ToDictionary(w => w, _ => new List<double>());
            var latencies = Writers.ToDictionary(w => w, _ => new List<double>());

            // Warm-up: JIT, pools, plans, caches.
            foreach (var writer in Writers)
            {
                await BurstAsync(Writer(writer), perCall, calls / 2, null);
            }

            for (var round = 0; round < rounds; round++)
            {
                for (var k = 0; k < Writers.Length; k++)
                {
                    var writer = Writers[(round + k) % Writers.Length];
                    var elapsed = await BurstAsync(Writer(writer), perCall, calls, latencies[writer]);
                    rates[writer].Add(calls * perCall / elapsed.TotalSeconds);
                }
            }

            foreach (var writer in Writers)
            {
                var ratios = Enumerable.Range(0, rounds).Select(r => rates[writer][r] / rates["raw"][r]).ToList();
                results.Add(new WriterResult(writer, perCall, rates[writer], latencies[writer], Stats.Median(ratios)));
            }

            log.WriteLine($"// interleaved appends, {perCall}/call, {rounds} rounds of {calls} calls per writer: " +
                          string.Join(", ", Writers.Select(w => $"{w} {Stats.Median(rates[w]):N0} events/s")));
        }

        return results;
    }

    private static async Task<TimeSpan> BurstAsync(Func<int, Task> append, int perCall, int calls, List<double>? latencies)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < calls; i++)
        {
            var before = Stopwatch.GetTimestamp();
            await append(perCall);
            latencies?.Add(Stopwatch.GetElapsedTime(before).TotalMilliseconds);
        }

        return Stopwatch.GetElapsedTime(start);
    }
}

/// <summary>One writer at one batch size: events/s per round, per-call latencies (ms), median per-round ratio to raw.</summary>
public sealed record WriterResult(string Writer, int EventsPerCall, IReadOnlyList<double> Rates, IReadOnlyList<double> LatenciesMs, double RatioToRaw);

public static class Stats
{
    public static double Median(IReadOnlyList<double> values) => Percentile(values, 0.5);

    /// <summary>Linear interpolation between closest ranks.</summary>
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = p * (sorted.Length - 1);
        var lo = (int)Math.Floor(rank);
        var hi = (int)Math.Ceiling(rank);
        return sorted[lo] + ((sorted[hi] - sorted[lo]) * (rank - lo));
    }
}
