using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ProSaaS.Sandbox;
using ProSaaS.Hosting.Calls;

// The media host under load: N simultaneous calls at real 20 ms pace, each a greeting, a caller turn, a long answer the
// caller interrupts (barge-in), the answer to that, and a hang-up. Usage:
//   dotnet run -c Release --project tests/LoadHarness -- --calls 50,200 [--mediahost <path to ProSaaS.MediaHost.dll>]
//       [--mediahost-cpus 1]
// The MediaHost must be built in Release first (dotnet build src/MediaHost -c Release). With --mediahost-cpus the
// MediaHost runs on those cores only (taskset); run the harness itself on the others (taskset -c 0 dotnet …).
var counts = new List<int>();
var mediaHostDll = Path.Combine("src", "MediaHost", "bin", "Release", "net10.0", "ProSaaS.MediaHost.dll");
string? mediaHostCpus = null;
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
        default:
            Console.Error.WriteLine("usage: LoadHarness --calls 50,200,500 [--mediahost path/to/ProSaaS.MediaHost.dll] [--mediahost-cpus 1]");
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
    var result = await LoadRun.RunAsync(Path.GetFullPath(mediaHostDll), n, mediaHostCpus);
    result.Print();
    failed |= !result.Complete;
}

return failed ? 1 : 0;

internal sealed record RunResult(
    int Calls, int Ended, TimeSpan Wall, double[] TwilioToAiP50, double[] TwilioToAiP99, double[] AiToTwilioP50, double[] AiToTwilioP99,
    double[] Response, double[] BargeIn, int BargeIns, long FramesIn, long FramesOut, long FramesDropped, double CpuSeconds,
    long IdleRssKb, long PeakRssKb, int Errors)
{
    public bool Complete => Ended == Calls && Errors == 0;

    public void Print()
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"== {Calls} simultaneous calls: {Ended} ended, wall {Wall.TotalSeconds:0.0} s, errors {Errors}"));
        Console.WriteLine(string.Create(c, $"added latency Twilio→AI  p50 {Pct(TwilioToAiP50, 50):0.00} ms (median of calls' p50), p99 {Pct(TwilioToAiP99, 99):0.00} ms (p99 of calls' p99)"));
        Console.WriteLine(string.Create(c, $"added latency AI→Twilio  p50 {Pct(AiToTwilioP50, 50):0.00} ms, p99 {Pct(AiToTwilioP99, 99):0.00} ms"));
        Console.WriteLine(string.Create(c, $"response latency         p50 {Pct(Response, 50):0} ms, p99 {Pct(Response, 99):0} ms (speech stopped → first answer frame, {Response.Length} turns)"));
        Console.WriteLine(string.Create(c, $"barge-in reaction        p50 {Pct(BargeIn, 50):0.0} ms, p99 {Pct(BargeIn, 99):0.0} ms ({BargeIns} barge-ins)"));
        Console.WriteLine(string.Create(c, $"frames in {FramesIn}, out {FramesOut}, dropped {FramesDropped}"));
        Console.WriteLine(string.Create(c, $"MediaHost CPU {CpuSeconds:0.0} s ({CpuSeconds / Wall.TotalSeconds:0.00} cores over the run)"));
        Console.WriteLine(string.Create(c, $"MediaHost memory: idle RSS {IdleRssKb / 1024.0:0} MB, peak {PeakRssKb / 1024.0:0} MB, per call {(PeakRssKb - IdleRssKb) / (double)Calls:0} KB"));
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

internal static class LoadRun
{
    private const string Tenant = "biz-load";
    private const string Question = "אני רוצה לקבוע תור לתספורת";
    private const string Interruption = "רגע, יש לי שאלה";

    private static readonly ScriptedResponse Greeting = new() { Transcript = "שלום, הגעתם למספרת רונית. איך אפשר לעזור?", AudioMilliseconds = 1500 };

    private static readonly ScriptedResponse LongAnswer = new()
    {
        Transcript = "בשמחה. יש לנו תורים פנויים בימים ראשון עד חמישי, בבוקר ואחר הצהריים.", AudioMilliseconds = 6000,
    };

    private static readonly ScriptedResponse ShortAnswer = new() { Transcript = "כן, בבקשה.", AudioMilliseconds = 600 };

    public static async Task<RunResult> RunAsync(string mediaHostDll, int calls, string? cpus)
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
        using var host = StartMediaHost(mediaHostDll, cpus, port, key, api, ai, folder);
        var errors = 0;
        try
        {
            await WaitHealthyAsync(port, host);
            var media = new Uri($"ws://127.0.0.1:{port}/media");

            // A few calls first: what the runtime loads and compiles (and recompiles, tier by tier) for a call is neither a
            // call's memory nor its CPU.
            const int warmUpCalls = 5;
            await Task.WhenAll(Enumerable.Range(0, warmUpCalls).Select(_ => RunCallAsync(api, media, key, Guid.NewGuid())));
            await api.WaitUntilAsync(a => a.Commands.Count(c => c.Command is CallEndedCommand) >= warmUpCalls, TimeSpan.FromSeconds(30), "the warm-up calls' end");
            await Task.Delay(1000);
            var idleRss = ReadStatusKb(host.Id, "VmRSS:");
            var cpuBefore = CpuSeconds(host.Id);
            var warmUp = api.Commands.Select(c => c.CallId).ToHashSet();

            var wall = Stopwatch.StartNew();
            var ids = Enumerable.Range(0, calls).Select(_ => Guid.NewGuid()).ToArray();
            var tasks = ids.Select(async (id, i) =>
            {
                // Calls arrive 20 a second (over one second at least), then all of them go on together.
                await Task.Delay(i * Math.Max(1000, calls * 50) / Math.Max(calls, 1));
                try
                {
                    await RunCallAsync(api, media, key, id);
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref errors);
                    Console.Error.WriteLine($"call {id}: {e.GetType().Name}: {e.Message}");
                }
            }).ToArray();
            await Task.WhenAll(tasks);
            try
            {
                await api.WaitUntilAsync(a => a.Commands.Count(c => c.Command is CallEndedCommand && !warmUp.Contains(c.CallId)) >= calls,
                    TimeSpan.FromSeconds(30), "every call's end");
            }
            catch (TimeoutException)
            {
                // The figures of the calls that did end are still printed; the run counts as incomplete.
            }

            wall.Stop();
            var cpu = CpuSeconds(host.Id) - cpuBefore;
            var peakRss = ReadStatusKb(host.Id, "VmHWM:");

            var ended = api.Commands.Where(c => !warmUp.Contains(c.CallId)).Select(c => c.Command).OfType<CallEndedCommand>().Select(e => e.Metrics).ToList();
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
                cpu, idleRss, peakRss, errors);
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

    /// <summary>One call as the caller lives it, at real pace.</summary>
    private static async Task RunCallAsync(FakeMediaHostApi api, Uri media, byte[] key, Guid callId)
    {
        var config = FakeMediaHostApi.SampleConfig(Tenant, callId) with { Record = false };
        api.AddCall(Tenant, callId, config);
        await using var caller = await FakeTwilioMediaClient.ConnectAsync(media, new FakeTwilioCallOptions
        {
            CustomParameters = new Dictionary<string, string>
            {
                ["callId"] = callId.ToString(),
                ["token"] = StreamToken.Issue(key, callId, Tenant, DateTimeOffset.UtcNow.AddMinutes(5)),
            },
            RecordMediaMessages = false,
            RecordHeardAudio = false,
            ConnectTimeout = TimeSpan.FromSeconds(30),
        });
        var wait = TimeSpan.FromSeconds(20);
        await caller.WaitForHeardAsync(TimeSpan.FromMilliseconds(1500), wait);
        await caller.WaitForPlaybackIdleAsync(wait);
        await caller.PlayAsync(new MediaScript().Speech(1000).Silence(700));
        await caller.WaitForHeardAsync(TimeSpan.FromMilliseconds(1500 + 1500), wait); // 1.5 s into the long answer
        await caller.PlayAsync(new MediaScript().Speech(800).Silence(700));
        await caller.WaitForClearAsync(1, wait);
        await api.WaitUntilAsync(a => a.CommandsOf(callId).Count(c => c.Command is TranscriptTurnCommand { Speaker: TranscriptTurnCommand.Assistant, Interrupted: false }) >= 2,
            wait, "the answer after the barge-in");
        await caller.WaitForPlaybackIdleAsync(wait);
        await caller.StopAsync();
        if (caller.ProtocolErrors.Count > 0)
        {
            throw new InvalidOperationException($"protocol errors: {string.Join("; ", caller.ProtocolErrors)}");
        }
    }

    private static Process StartMediaHost(string dll, string? cpus, int port, byte[] key, FakeMediaHostApi api, FakeRealtimeServer ai, string folder)
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
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("the MediaHost did not start");
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;

        static void Forward(string? line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                Console.Error.WriteLine("[mediahost] " + line);
            }
        }
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
