using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Npgsql;
using ProSaaS.Benchmarks;

// Event-store benchmarks against a real PostgreSQL (PROSAAS_BENCH_POSTGRES: admin connection string), and the FAQ matcher in memory.
//   dotnet ProSaaS.Benchmarks.dll [--filter <glob>…] [--auto-prepare] [--rounds N] [--catchup-events N] [--catchup-reps N] [other BenchmarkDotNet options]
// Names for --filter:
//   ProSaaS.Benchmarks.AppendBenchmarks.{Raw,Store,StoreInline}_{1,10}   BenchmarkDotNet, one case after another
//   ProSaaS.Benchmarks.Append.Interleaved                                 the same writers, interleaved round by round
//   ProSaaS.Benchmarks.CatchUp.LeadStatusCounts                           async projection catch-up vs raw
//   ProSaaS.Benchmarks.FaqMatcherBenchmarks.{Exact,Keyword,Fuzzy,NoMatch,Prepare}   the FAQ fast path over 200 entries (no database)
var total = Stopwatch.StartNew();
var invariant = CultureInfo.InvariantCulture;
var rounds = 10;
var catchUpEvents = 20_000;
var catchUpReps = 5;
var bdnArgs = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--auto-prepare":
            BenchDatabase.AutoPrepare = true;
            break;
        case "--rounds":
            rounds = int.Parse(args[++i], invariant);
            break;
        case "--catchup-events":
            catchUpEvents = int.Parse(args[++i], invariant);
            break;
        case "--catchup-reps":
            catchUpReps = int.Parse(args[++i], invariant);
            break;
        default:
            bdnArgs.Add(args[i]);
            break;
    }
}

var filters = Filters(bdnArgs);
bool Selected(string name) => filters.Count == 0 || filters.Any(f => f.IsMatch(name));
var runBenchmarkDotNet = typeof(AppendBenchmarks).GetMethods()
    .Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null)
    .Any(m => Selected($"{typeof(AppendBenchmarks).FullName}.{m.Name}"));
var runInterleaved = Selected(InterleavedAppendBenchmark.Name);
var runCatchUp = Selected(CatchUpBenchmark.Name);
var runFaq = typeof(FaqMatcherBenchmarks).GetMethods()
    .Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null)
    .Any(m => Selected($"{typeof(FaqMatcherBenchmarks).FullName}.{m.Name}"));
var useDatabase = runBenchmarkDotNet || runInterleaved || runCatchUp;

if (useDatabase)
{
    await BenchDatabase.DropLeftoversAsync(Console.Out);
}

var machine = await DescribeMachineAsync(useDatabase);
Console.WriteLine(machine);

Summary? summary = null;
if (runBenchmarkDotNet)
{
    await using var database = await BenchDatabase.CreateAsync("append");
    AppendBenchmarks.Database = database;
    var job = Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithLaunchCount(1)
        .WithWarmupCount(3)
        .WithIterationCount(10)
        .WithId("InProcess-short");
    var config = ManualConfig.Create(DefaultConfig.Instance)
        .AddJob(job)
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddColumn(new EventsPerSecondColumn())
        .AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory)
        .WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared))
        .WithArtifactsPath(Environment.GetEnvironmentVariable("PROSAAS_BENCH_ARTIFACTS")
                           ?? Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts"));
    summary = BenchmarkRunner.Run(typeof(AppendBenchmarks), config, [.. bdnArgs]);
    AppendBenchmarks.Database = null;
}

IReadOnlyList<WriterResult>? interleaved = null;
if (runInterleaved)
{
    await using var database = await BenchDatabase.CreateAsync("interleaved");
    interleaved = await new InterleavedAppendBenchmark(database, rounds, Console.Out).RunAsync();
}

CatchUpResult? catchUp = null;
if (runCatchUp)
{
    await using var database = await BenchDatabase.CreateAsync("catchup");
    const int eventsPerStream = 5;
    catchUp = await new CatchUpBenchmark(database, Math.Max(1, catchUpEvents / eventsPerStream), eventsPerStream, catchUpReps, Console.Out).RunAsync();
}

Summary? faq = null;
if (runFaq)
{
    var job = Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithLaunchCount(1)
        .WithWarmupCount(3)
        .WithIterationCount(15)
        .WithId("InProcess-faq");
    var config = ManualConfig.Create(DefaultConfig.Instance)
        .AddJob(job)
        .AddDiagnoser(MemoryDiagnoser.Default)
        .WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared))
        .WithArtifactsPath(Environment.GetEnvironmentVariable("PROSAAS_BENCH_ARTIFACTS")
                           ?? Path.Combine(Directory.GetCurrentDirectory(), "BenchmarkDotNet.Artifacts"));
    faq = BenchmarkRunner.Run(typeof(FaqMatcherBenchmarks), config, [.. bdnArgs]);
}

total.Stop();
Console.WriteLine();
if (useDatabase)
{
    Console.WriteLine(Report(summary, interleaved, catchUp, machine, total.Elapsed));
}

if (faq is not null)
{
    Console.WriteLine(FaqReport(faq, machine));
}

return summary is { HasCriticalValidationErrors: true } || faq is { HasCriticalValidationErrors: true } ? 1 : 0;

static string FaqReport(Summary summary, string machine)
{
    var text = new StringBuilder();
    text.AppendLine($"## FAQ matcher, {FaqMatcherBenchmarks.Entries} entries");
    text.AppendLine();
    foreach (var line in machine.Split('\n').Skip(1).Where(l => !l.Contains("PostgreSQL", StringComparison.Ordinal) && !l.Contains("server ", StringComparison.Ordinal)
                                                                 && !l.Contains("auto-prepare", StringComparison.Ordinal)))
    {
        text.AppendLine("- " + line.TrimStart('/', ' ').TrimEnd());
    }

    text.AppendLine();
    text.AppendLine("| Case | Mean | Median | P95 | Allocated |");
    text.AppendLine("|---|---:|---:|---:|---:|");
    foreach (var report in summary.Reports)
    {
        var stats = report.ResultStatistics;
        var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
        text.AppendLine($"| {report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo} | {Micro(stats?.Mean)} | {Micro(stats?.Median)} | " +
                        $"{Micro(stats?.Percentiles.P95)} | {(allocated is { } bytes ? (bytes / 1024.0).ToString("N1", CultureInfo.InvariantCulture) + " KB" : "–")} |");
    }

    return text.ToString();

    static string Micro(double? nanoseconds) =>
        nanoseconds is { } ns ? (ns / 1000).ToString("N1", CultureInfo.InvariantCulture) + " µs" : "–";
}

static List<Regex> Filters(List<string> args)
{
    var globs = new List<string>();
    for (var i = 0; i < args.Count; i++)
    {
        if (args[i] is "--filter" or "-f")
        {
            for (var j = i + 1; j < args.Count && !args[j].StartsWith('-'); j++)
            {
                globs.Add(args[j]);
            }
        }
    }

    return globs
        .Select(g => new Regex("^" + Regex.Escape(g).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
        .ToList();
}

static async Task<string> DescribeMachineAsync(bool useDatabase)
{
    var text = new StringBuilder();
    text.AppendLine("// machine");
    text.AppendLine($"//   cores          {Environment.ProcessorCount} ({System.Runtime.InteropServices.RuntimeInformation.OSDescription})");
    text.AppendLine($"//   memory         {MemoryTotal()}, load average at start {LoadAverage()}");
    text.AppendLine($"//   .NET           {Environment.Version}, Npgsql {typeof(NpgsqlConnection).Assembly.GetName().Version}");
    if (!useDatabase)
    {
        return text.ToString().TrimEnd();
    }

    await using var connection = new NpgsqlConnection(BenchDatabase.AdminConnectionString);
    await connection.OpenAsync();
    async Task<string> Scalar(string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    var builder = new NpgsqlConnectionStringBuilder(BenchDatabase.AdminConnectionString);
    text.AppendLine($"//   PostgreSQL     {await Scalar("select version()")}");
    text.AppendLine($"//   Npgsql auto-prepare {(BenchDatabase.AutoPrepare ? "on (--auto-prepare: Max Auto Prepare=50)" : "off (as in the application)")}");
    text.AppendLine($"//   server         {builder.Host}:{builder.Port}, fsync={await Scalar("show fsync")}, synchronous_commit={await Scalar("show synchronous_commit")}, " +
                    $"full_page_writes={await Scalar("show full_page_writes")}, wal_sync_method={await Scalar("show wal_sync_method")}, shared_buffers={await Scalar("show shared_buffers")}");
    return text.ToString().TrimEnd();
}

static string Report(Summary? summary, IReadOnlyList<WriterResult>? interleaved, CatchUpResult? catchUp, string machine, TimeSpan elapsed)
{
    var text = new StringBuilder();
    text.AppendLine("## Event store vs raw Npgsql");
    text.AppendLine();
    foreach (var line in machine.Split('\n').Skip(1))
    {
        text.AppendLine("- " + line.TrimStart('/', ' ').TrimEnd());
    }

    text.AppendLine();
    text.AppendLine("Events/s; ratio = store throughput ÷ raw throughput (1.00× = no overhead).");
    text.AppendLine();
    text.AppendLine("| Measurement | Raw Npgsql | Store | Store ÷ raw | Store + inline `leads` | ÷ raw |");
    text.AppendLine("|---|---:|---:|---:|---:|---:|");
    var details = new List<string>();
    var bdn = new List<string>();
    var catchUpDetails = new List<string>();

    if (interleaved is not null)
    {
        foreach (var perCall in new[] { 1, 10 })
        {
            var raw = interleaved.Single(r => r.EventsPerCall == perCall && r.Writer == "raw");
            var store = interleaved.Single(r => r.EventsPerCall == perCall && r.Writer == "store");
            var inline = interleaved.Single(r => r.EventsPerCall == perCall && r.Writer == "store+inline");
            text.AppendLine($"| Append, {Calls(perCall)} (interleaved, median of {raw.Rates.Count} rounds) | {N(Stats.Median(raw.Rates))} | " +
                            $"{N(Stats.Median(store.Rates))} | {X(store.RatioToRaw)} | {N(Stats.Median(inline.Rates))} | {X(inline.RatioToRaw)} |");
            foreach (var r in new[] { raw, store, inline })
            {
                details.Add($"| Append {Calls(perCall)}, {Label(r.Writer)}, interleaved | {Ms(r.LatenciesMs.Average())} | " +
                            $"{Ms(Stats.Median(r.LatenciesMs))} | {Ms(Stats.Percentile(r.LatenciesMs, 0.95))} | {r.LatenciesMs.Count:N0} calls |");
            }
        }
    }

    if (catchUp is not null)
    {
        var rawSeconds = catchUp.Raw.Select(t => t.TotalSeconds).ToList();
        var storeSeconds = catchUp.Store.Select(t => t.TotalSeconds).ToList();
        var pairedRatio = Stats.Median(rawSeconds.Zip(storeSeconds, (r, s) => r / s).ToList());
        text.AppendLine($"| Catch-up, `lead_status_counts`, {catchUp.Events:N0} events (median of {rawSeconds.Count} alternating runs) | " +
                        $"{N(catchUp.Events / Stats.Median(rawSeconds))} | {N(catchUp.Events / Stats.Median(storeSeconds))} | {X(pairedRatio)} | – | – |");
        catchUpDetails.Add($"| Catch-up {catchUp.Events:N0} events, raw Npgsql | {rawSeconds.Average():0.00} s | {Stats.Median(rawSeconds):0.00} s | " +
                    $"{Stats.Percentile(rawSeconds, 0.95):0.00} s | {rawSeconds.Count} runs |");
        catchUpDetails.Add($"| Catch-up {catchUp.Events:N0} events, store daemon | {storeSeconds.Average():0.00} s | {Stats.Median(storeSeconds):0.00} s | " +
                    $"{Stats.Percentile(storeSeconds, 0.95):0.00} s | {storeSeconds.Count} runs |");
    }

    if (summary is not null)
    {
        foreach (var perCall in new[] { 1, 10 })
        {
            var raw = Find(summary, $"Raw_{perCall}");
            var store = Find(summary, $"Store_{perCall}");
            var inline = Find(summary, $"StoreInline_{perCall}");
            if (raw is null && store is null && inline is null)
            {
                continue;
            }

            bdn.Add($"| Append, {Calls(perCall)} (mean) | {Rate(raw)} | {Rate(store)} | {Ratio(store, raw)} | {Rate(inline)} | {Ratio(inline, raw)} |");
            foreach (var (writer, stats) in new[] { ("raw", raw), ("store", store), ("store+inline", inline) })
            {
                if (stats is not null)
                {
                    details.Add($"| Append {Calls(perCall)}, {Label(writer)}, BenchmarkDotNet | {Ms(stats.Mean * perCall / 1e6)} | " +
                                $"{Ms(stats.Median * perCall / 1e6)} | {Ms(stats.Percentiles.P95 * perCall / 1e6)} | {stats.N} iterations |");
                }
            }
        }
    }

    text.AppendLine();
    text.AppendLine("Ratios above are medians of per-round (appends) or per-pair (catch-up) ratios: every round runs all writers back to back,");
    text.AppendLine("so background load hits them alike.");
    if (bdn.Count > 0)
    {
        text.AppendLine();
        text.AppendLine("BenchmarkDotNet (cases run one after another, each on emptied tables; ratio of means, so drift between cases shows up in it):");
        text.AppendLine();
        text.AppendLine("| Measurement | Raw Npgsql | Store | Store ÷ raw | Store + inline `leads` | ÷ raw |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var line in bdn)
        {
            text.AppendLine(line);
        }
    }

    text.AppendLine();
    text.AppendLine("| Time per call / per run | Mean | Median | P95 | Samples |");
    text.AppendLine("|---|---:|---:|---:|---:|");
    foreach (var line in details.Concat(catchUpDetails))
    {
        text.AppendLine(line);
    }

    text.AppendLine();
    text.AppendLine($"Total benchmark time: {elapsed.TotalMinutes:0.0} min ({elapsed.TotalSeconds:0} s). Load average at the end: {LoadAverage()}.");
    return text.ToString();

    static string Calls(int perCall) => perCall == 1 ? "1 event/call" : $"{perCall} events/call";
    static string Label(string writer) => writer switch { "raw" => "raw Npgsql", "store" => "store", _ => "store + inline leads" };
    static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
    static string X(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + "×";
    static string Ms(double value) => value.ToString("0.000", CultureInfo.InvariantCulture) + " ms";
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static string MemoryTotal()
{
    var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
    return line is null
        ? "n/a"
        : $"{long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0 / 1024.0:0.0} GiB";
}

static BenchmarkDotNet.Mathematics.Statistics? Find(Summary summary, string method) =>
    summary.Reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method)?.ResultStatistics;

static string Rate(BenchmarkDotNet.Mathematics.Statistics? stats) =>
    stats is null ? "–" : (1e9 / stats.Mean).ToString("N0", CultureInfo.InvariantCulture);

static string Ratio(BenchmarkDotNet.Mathematics.Statistics? store, BenchmarkDotNet.Mathematics.Statistics? raw) =>
    store is null || raw is null ? "–" : (raw.Mean / store.Mean).ToString("0.00", CultureInfo.InvariantCulture) + "×";
