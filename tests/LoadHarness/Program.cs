using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ProSaaS.Sandbox;
using ProSaaS.Hosting.Calls;

// The media host under load: N simultaneous calls at real 20 ms pace, each a greeting, a caller turn, a long answer the
// caller interrupts (barge-in), the answer to that, and a hang-up. Usage:
//   dotnet run -c Release --project tests/LoadHarness -- --calls 50,200 [--mediahost <path to ProSaaS.MediaHost.dll>]
//       [--mediahost-cpus 1] [--verbose]
// The MediaHost must be built in Release first (dotnet build src/MediaHost -c Release). With --mediahost-cpus the
// MediaHost runs on those cores only (taskset); run the harness itself on the others (taskset -c 0 dotnet …). With --verbose
// the MediaHost logs its calls (its own lines at Debug) and the harness prints them; a failed call's reason quotes the
// lines about that call either way.
var counts = new List<int>();
var mediaHostDll = Path.Combine("src", "MediaHost", "bin", "Release", "net10.0", "ProSaaS.MediaHost.dll");
string? mediaHostCpus = null;
var verbose = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--calls" when i + 1 < args.Length:
            counts.AddRange(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)));
            break;
        case "--mediahost" when i + 1 < args.Length:
            mediaHostDll = args[++i];
            break;
        case "--mediahost-cpus" when i + 1 < args.Length:
            mediaHostCpus = args[++i];
            break;
        case "--verbose":
            verbose = true;
            break;
        default:
            Console.Error.WriteLine("usage: LoadHarness --calls 50,200,500 [--mediahost path/to/ProSaaS.MediaHost.dll] [--mediahost-cpus 1] [--verbose]");
            return 2;
    }
}

if (counts.Count == 0)
{
    counts.Add(50);
}

if (!File.Exists(mediaHostDll))
{
    Console.Error.WriteLine($"{mediaHostDll} not found: build it with `dotnet build src/MediaHost -c Release` (run from the repository root).");
    return 2;
}

Console.WriteLine($"machine: {Environment.ProcessorCount} cores for the harness, {Environment.OSVersion}, .NET {Environment.Version}; "
    + $"MediaHost on {(mediaHostCpus is null ? "any core" : $"cores {mediaHostCpus}")}");
var failed = false;
foreach (var n in counts)
{
    var result = await LoadRun.RunAsync(Path.GetFullPath(mediaHostDll), n, mediaHostCpus, verbose);
    result.Print();
    failed |= !result.Complete;
}

return failed ? 1 : 0;

internal sealed record RunResult(
    int Calls, int Ended, TimeSpan Wall, double[] TwilioToAiP50, double[] TwilioToAiP99, double[] AiToTwilioP50, double[] AiToTwilioP99,
    double[] Response, double[] BargeIn, int BargeIns, long FramesIn, long FramesOut, long FramesDropped, double CpuSeconds,
    long IdleRssKb, long PeakRssKb, IReadOnlyList<CallFailure> Failures, string? NotMeasured = null)
{
    /// <summary>Failed calls printed in full; the rest are counted by step.</summary>
    private const int FailuresPrinted = 25;

    public bool Complete => NotMeasured is null && Ended == Calls && Failures.Count == 0;

    public static RunResult NotRun(int calls, IReadOnlyList<CallFailure> failures, string why) =>
        new(calls, 0, TimeSpan.Zero, [], [], [], [], [], [], 0, 0, 0, 0, 0, 0, 0, failures, why);

    public void Print()
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        if (NotMeasured is not null)
        {
            Console.WriteLine($"== {Calls} simultaneous calls: not measured: {NotMeasured}");
            PrintFailures();
            return;
        }

        var failed = Failures.Count(f => !f.WarmUp);
        Console.WriteLine(string.Create(c, $"== {Calls} simultaneous calls: {Calls - failed} completed, {Ended} ended, wall {Wall.TotalSeconds:0.0} s, failed {failed}"));
        Console.WriteLine(string.Create(c, $"added latency Twilio→AI  p50 {Pct(TwilioToAiP50, 50):0.00} ms (median of calls' p50), p99 {Pct(TwilioToAiP99, 99):0.00} ms (p99 of calls' p99)"));
        Console.WriteLine(string.Create(c, $"added latency AI→Twilio  p50 {Pct(AiToTwilioP50, 50):0.00} ms, p99 {Pct(AiToTwilioP99, 99):0.00} ms"));
        Console.WriteLine(string.Create(c, $"response latency         p50 {Pct(Response, 50):0} ms, p99 {Pct(Response, 99):0} ms (speech stopped → first answer frame, {Response.Length} turns)"));
        Console.WriteLine(string.Create(c, $"barge-in reaction        p50 {Pct(BargeIn, 50):0.0} ms, p99 {Pct(BargeIn, 99):0.0} ms ({BargeIns} barge-ins)"));
        Console.WriteLine(string.Create(c, $"frames in {FramesIn}, out {FramesOut}, dropped {FramesDropped}"));
        Console.WriteLine(string.Create(c, $"MediaHost CPU {CpuSeconds:0.0} s ({CpuSeconds / Wall.TotalSeconds:0.00} cores over the run)"));
        Console.WriteLine(string.Create(c, $"MediaHost memory: idle RSS {IdleRssKb / 1024.0:0} MB, peak {PeakRssKb / 1024.0:0} MB, per call {(PeakRssKb - IdleRssKb) / (double)Calls:0} KB"));
        PrintFailures();
    }

    private void PrintFailures()
    {
        if (Failures.Count == 0)
        {
            return;
        }

        var bySteps = string.Join("; ", Failures.GroupBy(f => f.Step).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} {g.Key}"));
        Console.WriteLine($"failed calls ({Failures.Count(f => f.WarmUp)} of the warm-up, {Failures.Count(f => !f.WarmUp)} measured), stopped at: {bySteps}");
        foreach (var failure in Failures.Take(FailuresPrinted))
        {
            Console.WriteLine(failure.Describe());
        }

        if (Failures.Count > FailuresPrinted)
        {
            Console.WriteLine($"… and {Failures.Count - FailuresPrinted} more failed calls (counted above by step)");
        }
    }

    private static double Pct(double[] values, double p)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}

/// <summary>A call that did not complete its script: the step it stopped at, why, and what each side had of the call then.</summary>
internal sealed record CallFailure(Guid CallId, bool WarmUp, string Step, string Reason, IReadOnlyList<string> Seen)
{
    public string Describe() =>
        $"call {CallId}{(WarmUp ? " (warm-up)" : "")} failed at {Step}: {Reason}"
        + string.Concat(Seen.Select(line => Environment.NewLine + "    " + line));
}

/// <summary>Thrown by a call that stopped short of its script.</summary>
internal sealed class CallFailedException(CallFailure failure, Exception inner) : Exception($"{failure.Step}: {failure.Reason}", inner)
{
    public CallFailure Failure { get; } = failure;
}

internal static class LoadRun
{
    private const string Tenant = "biz-load";
    private const string Question = "אני רוצה לקבוע תור לתספורת";
    private const string Interruption = "רגע, יש לי שאלה";
    private const int WarmUpCalls = 5;

    private static readonly ScriptedResponse Greeting = new() { Transcript = "שלום, הגעתם למספרת רונית. איך אפשר לעזור?", AudioMilliseconds = 1500 };

    private static readonly ScriptedResponse LongAnswer = new()
    {
        Transcript = "בשמחה. יש לנו תורים פנויים בימים ראשון עד חמישי, בבוקר ואחר הצהריים.", AudioMilliseconds = 6000,
    };

    private static readonly ScriptedResponse ShortAnswer = new() { Transcript = "כן, בבקשה.", AudioMilliseconds = 600 };

    public static async Task<RunResult> RunAsync(string mediaHostDll, int calls, string? cpus, bool verbose)
    {
        var folder = Path.Combine(Path.GetTempPath(), "prosaas-load", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var key = Convert.FromBase64String(StreamToken.NewKey());
        await using var api = await FakeMediaHostApi.StartAsync();
        await using var ai = await FakeRealtimeServer.StartAsync(new FakeRealtimeOptions
        {
            RecordAudio = false,
            RecordAudioEvents = false,
            // Paced as the service paces them, so the long answer is still in flight when the caller interrupts it.
            AudioDeltaInterval = TimeSpan.FromMilliseconds(100),
            Script = new RealtimeScript
            {
                // The call's behaviour asks for each answer once it has heard the caller's turn (response.create); the same
                // answers are scripted for a behaviour that lets the service answer each turn itself.
                OnResponseCreate = [Greeting, LongAnswer, ShortAnswer],
                Turns = [new ScriptedTurn(Question, LongAnswer), new ScriptedTurn(Interruption, ShortAnswer)],
            },
        });

        var port = FreePort();
        var log = new MediaHostLog(verbose);
        using var host = StartMediaHost(mediaHostDll, cpus, port, key, api, ai, folder, log);
        var run = new CallRun(api, ai, log, new Uri($"ws://127.0.0.1:{port}/media"), key);
        try
        {
            await WaitHealthyAsync(port, host);

            // A few calls first: what the runtime loads and compiles (and recompiles, tier by tier) for a call is neither a
            // call's memory nor its CPU.
            // The first alone: both processes start cold (the MediaHost's call path, the fakes' servers, the first requests
            // each way), and five cold calls at once can miss the MediaHost's 2 s budget for a call's configuration or stall
            // it for longer than its inbound queue holds (the caller's turn dropped, never answered).
            var warmUp = Enumerable.Range(0, WarmUpCalls).Select(_ => Guid.NewGuid()).ToList();
            var warmUpFailures = new List<CallFailure>();
            if (await TryCallAsync(run, warmUp[0], warmUp: true) is { } first)
            {
                warmUpFailures.Add(first);
            }

            warmUpFailures.AddRange((await Task.WhenAll(warmUp.Skip(1).Select(id => TryCallAsync(run, id, warmUp: true)))).OfType<CallFailure>());
            if (warmUpFailures.Count == WarmUpCalls)
            {
                return RunResult.NotRun(calls, warmUpFailures, "every warm-up call failed (see below)");
            }

            await WaitForEndsAsync(api, warmUp.ToHashSet(), TimeSpan.FromSeconds(30));
            await Task.Delay(1000);
            var idleRss = ReadStatusKb(host.Id, "VmRSS:");
            var cpuBefore = CpuSeconds(host.Id);

            var wall = Stopwatch.StartNew();
            var ids = Enumerable.Range(0, calls).Select(_ => Guid.NewGuid()).ToArray();
            var failures = await Task.WhenAll(ids.Select(async (id, i) =>
            {
                // Calls arrive 20 a second (over one second at least), then all of them go on together.
                await Task.Delay(i * Math.Max(1000, calls * 50) / Math.Max(calls, 1));
                return await TryCallAsync(run, id, warmUp: false);
            }));

            // The figures of the calls that did end are printed even when some did not; the run counts as incomplete.
            await WaitForEndsAsync(api, ids.ToHashSet(), TimeSpan.FromSeconds(30));

            wall.Stop();
            var cpu = CpuSeconds(host.Id) - cpuBefore;
            var peakRss = ReadStatusKb(host.Id, "VmHWM:");

            var measured = ids.ToHashSet();
            var ended = api.Commands.Where(c => measured.Contains(c.CallId)).Select(c => c.Command).OfType<CallEndedCommand>().Select(e => e.Metrics).ToList();
            return new RunResult(
                calls, ended.Count, wall.Elapsed,
                [.. ended.Where(m => m.AddedLatencyMs is not null).Select(m => m.AddedLatencyMs!.TwilioToAi.P50)],
                [.. ended.Where(m => m.AddedLatencyMs is not null).Select(m => m.AddedLatencyMs!.TwilioToAi.P99)],
                [.. ended.Where(m => m.AddedLatencyMs is not null).Select(m => m.AddedLatencyMs!.AiToTwilio.P50)],
                [.. ended.Where(m => m.AddedLatencyMs is not null).Select(m => m.AddedLatencyMs!.AiToTwilio.P99)],
                [.. ended.Where(m => m.ResponseLatencyMs is not null).SelectMany(m => new[] { m.ResponseLatencyMs!.P50, m.ResponseLatencyMs.Max })],
                [.. ended.Where(m => m.BargeInReactionMs is not null).Select(m => m.BargeInReactionMs!.Max)],
                ended.Sum(m => m.BargeIns),
                ended.Sum(m => m.FramesIn), ended.Sum(m => m.FramesOut), ended.Sum(m => m.FramesDropped),
                cpu, idleRss, peakRss, [.. warmUpFailures, .. failures.OfType<CallFailure>()]);
        }
        finally
        {
            if (!host.HasExited)
            {
                host.Kill(entireProcessTree: true);
                await host.WaitForExitAsync();
            }

            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Waits (at most <paramref name="timeout"/>) for the Api to have every one of the calls' end.</summary>
    private static async Task WaitForEndsAsync(FakeMediaHostApi api, HashSet<Guid> calls, TimeSpan timeout)
    {
        try
        {
            await api.WaitUntilAsync(a => a.Commands.Count(c => c.Command is CallEndedCommand && calls.Contains(c.CallId)) >= calls.Count,
                timeout, "the calls' end");
        }
        catch (TimeoutException)
        {
            // A call that never ended is one of the failed calls, or counts against "ended".
        }
    }

    private static async Task<CallFailure?> TryCallAsync(CallRun run, Guid callId, bool warmUp)
    {
        try
        {
            await RunCallAsync(run, callId, warmUp);
            return null;
        }
        catch (CallFailedException e)
        {
            Console.Error.WriteLine(e.Failure.Describe());
            return e.Failure;
        }
    }

    /// <summary>What every call of a run shares: the fakes, the MediaHost's log, its address and the stream token key.</summary>
    private sealed record CallRun(FakeMediaHostApi Api, FakeRealtimeServer Ai, MediaHostLog Log, Uri Media, byte[] Key);

    /// <summary>One call as the caller lives it, at real pace; a step that does not happen in time fails the call with what each side had of it.</summary>
    private static async Task RunCallAsync(CallRun run, Guid callId, bool warmUp)
    {
        var api = run.Api;
        // The call's id in its instructions names its AI session among the others (for a failed call's account).
        var sample = FakeMediaHostApi.SampleConfig(Tenant, callId);
        var config = sample with { Record = false, Instructions = $"{sample.Instructions}\n(call {callId})" };
        api.AddCall(Tenant, callId, config);
        var step = "connecting the media stream";
        FakeTwilioMediaClient? caller = null;
        try
        {
            caller = await FakeTwilioMediaClient.ConnectAsync(run.Media, new FakeTwilioCallOptions
            {
                CustomParameters = new Dictionary<string, string>
                {
                    ["callId"] = callId.ToString(),
                    ["token"] = StreamToken.Issue(run.Key, callId, Tenant, DateTimeOffset.UtcNow.AddMinutes(5)),
                },
                RecordMediaMessages = false,
                RecordHeardAudio = false,
                ConnectTimeout = TimeSpan.FromSeconds(30),
            });
            var wait = TimeSpan.FromSeconds(20);
            step = "the greeting";
            await caller.WaitForHeardAsync(TimeSpan.FromMilliseconds(1500), wait);
            step = "the greeting's playback";
            await caller.WaitForPlaybackIdleAsync(wait);
            step = "the caller's turn";
            await caller.PlayAsync(new MediaScript().Speech(1000).Silence(700));
            step = "the answer to the caller's turn";
            await caller.WaitForHeardAsync(TimeSpan.FromMilliseconds(1500 + 1500), wait); // 1.5 s into the long answer
            step = "the barge-in";
            await caller.PlayAsync(new MediaScript().Speech(800).Silence(700));
            step = "the clear after the barge-in";
            await caller.WaitForClearAsync(1, wait);
            step = "the answer after the barge-in";
            await api.WaitUntilAsync(a => a.CommandsOf(callId).Count(c => c.Command is TranscriptTurnCommand { Speaker: TranscriptTurnCommand.Assistant, Interrupted: false }) >= 2,
                wait, "the answer after the barge-in");
            step = "the answer's playback";
            await caller.WaitForPlaybackIdleAsync(wait);
            step = "the hang-up";
            await caller.StopAsync();
            if (caller.ProtocolErrors.Count > 0)
            {
                step = "the stream's protocol";
                throw new InvalidOperationException($"protocol errors: {string.Join("; ", caller.ProtocolErrors)}");
            }
        }
        catch (Exception e)
        {
            if (caller is not null)
            {
                // The caller hangs up; the account waits (a little) for the MediaHost's end of the call and its figures.
                try
                {
                    await caller.StopAsync(TimeSpan.FromSeconds(2));
                }
                catch (Exception)
                {
                }
            }

            try
            {
                await api.WaitUntilAsync(a => a.CommandsOf(callId).Any(c => c.Command is CallEndedCommand), TimeSpan.FromSeconds(5), "the failed call's end");
            }
            catch (TimeoutException)
            {
            }

            var failure = new CallFailure(callId, warmUp, step, $"{e.GetType().Name}: {e.Message}", Seen(run, callId, caller));
            throw new CallFailedException(failure, e);
        }
        finally
        {
            if (caller is not null)
            {
                await caller.DisposeAsync();
            }
        }
    }

    /// <summary>A failed call as the caller, the AI service and the Api had it, and the MediaHost's log lines about it.</summary>
    private static List<string> Seen(CallRun run, Guid callId, FakeTwilioMediaClient? caller)
    {
        var c = CultureInfo.InvariantCulture;
        var seen = new List<string>();
        if (caller is not null)
        {
            seen.Add(string.Create(c, $"caller: sent {caller.FramesSent * 20} ms, heard {caller.AudioHeard.TotalMilliseconds:0} ms, {caller.Clears.Count} clears, {caller.PendingMarks.Count} marks not played yet, stream {caller.End}"));
        }

        var marker = callId.ToString();
        var sessions = run.Ai.Sessions.Where(s => s.ConfigJson.Contains(marker, StringComparison.Ordinal)).ToList();
        if (sessions.Count == 0)
        {
            seen.Add("AI service: no session for the call");
        }

        foreach (var session in sessions)
        {
            var turns = session.Turns.Select(t => $"turn {t.Index} {Quote(t.Transcript)}{(t.CommittedAt is null ? " (not committed)" : "")}");
            var responses = session.Responses.Select(r =>
                string.Create(c, $"response {r.Index} ({(r.Trigger == RealtimeResponseTrigger.ResponseCreate ? "asked" : "on a turn")}) {r.Status}, {r.AudioMillisecondsSent} ms {Quote(r.Transcript)}"));
            var problems = session.Errors.Select(e => $"error {e.Code}: {e.Message}").Concat(session.Problems.Select(p => $"problem: {p}"));
            seen.Add(string.Create(c, $"AI service session {session.Index} ({session.End}, {session.AudioBytesReceived / FakeAudio.BytesPerMillisecond} ms of the caller's audio): ") + string.Join("; ", turns.Concat(responses).Concat(problems).DefaultIfEmpty("nothing yet")));
        }

        var commands = run.Api.CommandsOf(callId).Select(r => r.Command switch
        {
            TranscriptTurnCommand t => $"{t.Speaker} {Quote(t.Text)}{(t.Interrupted ? " (interrupted)" : "")}",
            CallEndedCommand e => string.Create(c, $"call_ended {e.Reason} (frames in {e.Metrics.FramesIn}, dropped {e.Metrics.FramesDropped}, inbound queue high-water {e.Metrics.InboundQueueHighWater})"),
            var other => other.GetType().Name,
        }).ToList();
        seen.Add("Api: " + (commands.Count == 0 ? "no command yet" : string.Join("; ", commands)));
        seen.AddRange(run.Log.About(marker).Select(line => "mediahost: " + line));
        return seen;

        static string Quote(string? text) =>
            text is null ? "(no transcript)" : "\"" + (text.Length > 24 ? text[..24] + "…" : text) + "\"";
    }

    private static Process StartMediaHost(string dll, string? cpus, int port, byte[] key, FakeMediaHostApi api, FakeRealtimeServer ai, string folder,
        MediaHostLog log)
    {
        // taskset execs dotnet in the same process, so the process measured is the MediaHost either way.
        var start = new ProcessStartInfo(cpus is null ? "dotnet" : "taskset", cpus is null ? [dll] : ["-c", cpus, "dotnet", dll])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["MediaHost__StreamTokenKey"] = Convert.ToBase64String(key);
        start.Environment["MediaHost__RecordingsPath"] = Path.Combine(folder, "recordings");
        start.Environment["MediaHost__DrainSeconds"] = "1";
        start.Environment["OpenAI__RealtimeUrl"] = ai.RealtimeUri.ToString();
        start.Environment["OpenAI__ApiKey"] = ai.ApiKey;
        start.Environment["Api__BaseUrl"] = api.BaseAddress.ToString();
        start.Environment["Api__ServiceKey"] = api.ServiceKey;
        start.Environment["Outbox__Path"] = Path.Combine(folder, "outbox");
        start.Environment["Serilog__MinimumLevel__Default"] = log.Verbose ? "Information" : "Warning";
        if (log.Verbose)
        {
            start.Environment["Serilog__MinimumLevel__Override__ProSaaS"] = "Debug";
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("the MediaHost did not start");
        process.OutputDataReceived += (_, e) => log.Add(e.Data);
        process.ErrorDataReceived += (_, e) => log.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The MediaHost's log lines: printed as they come (on standard error) and kept, the last ones, for the accounts of failed calls.</summary>
    private sealed class MediaHostLog(bool verbose)
    {
        private const int Kept = 50_000;
        private const int PerCall = 12;
        private readonly ConcurrentQueue<string> _lines = new();

        public bool Verbose { get; } = verbose;

        public void Add(string? line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                return;
            }

            Console.Error.WriteLine("[mediahost] " + line);
            _lines.Enqueue(line);
            while (_lines.Count > Kept && _lines.TryDequeue(out _))
            {
            }
        }

        /// <summary>The last lines that name <paramref name="marker"/> (a call's id).</summary>
        public IEnumerable<string> About(string marker) =>
            _lines.Where(l => l.Contains(marker, StringComparison.OrdinalIgnoreCase)).TakeLast(PerCall);
    }

    private static async Task WaitHealthyAsync(int port, Process host)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            if (host.HasExited)
            {
                throw new InvalidOperationException($"the MediaHost exited with {host.ExitCode}");
            }

            try
            {
                if ((await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health/live"))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the MediaHost did not answer /health/live within 30 s");
            }

            await Task.Delay(200);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>utime + stime of the process, from /proc/&lt;pid&gt;/stat (fields 14 and 15, in clock ticks of 1/100 s).</summary>
    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state): utime is field 14, stime field 15.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static long ReadStatusKb(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
