using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ProSaaS.Sandbox;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Calls;
using ProSaaS.MediaHost.Outbox;

namespace ProSaaS.MediaHost.Tests.Outbox;

/// <summary>
/// The media host's Api side as the app registers it (<see cref="OutboxRegistration.AddCallOutbox"/>), pointed at a
/// <see cref="FakeMediaHostApi"/> and an outbox folder of the test's own, with its log captured. Disposing it is a stop
/// of the process: what is pending stays in the folder.
/// </summary>
internal sealed class OutboxTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private OutboxTestHost(ServiceProvider services, CapturedLog log)
    {
        _services = services;
        Log = log;
    }

    public CapturedLog Log { get; }

    public CallOutbox Outbox => _services.GetRequiredService<CallOutbox>();

    public ICallOutbox Port => _services.GetRequiredService<ICallOutbox>();

    public ICallConfigSource ConfigSource => _services.GetRequiredService<ICallConfigSource>();

    public CallHeartbeats Heartbeats => _services.GetRequiredService<CallHeartbeats>();

    public static OutboxTestHost Create(FakeMediaHostApi api, string folder, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Api:BaseUrl"] = api.BaseAddress.ToString(),
            ["Api:ServiceKey"] = api.ServiceKey,
            ["Outbox:Path"] = folder,
            ["Outbox:MaxRetryDelaySeconds"] = "0.5",
            ["Outbox:RequestTimeoutSeconds"] = "3",
            ["MediaHost:HeartbeatSeconds"] = "0.2",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var log = new CapturedLog();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(log))
            .AddCallOutbox(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new OutboxTestHost(services, log);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.GetRequiredService<CallHeartbeats>().StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }
}

/// <summary>A fresh folder under the temp directory, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "prosaas-outbox-tests", Guid.NewGuid().ToString("N"));

    public string Journal => System.IO.Path.Combine(Path, "journal");

    public string Recordings => System.IO.Path.Combine(Path, "recordings");

    public string DeadLetters => System.IO.Path.Combine(Path, "dead-letter");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Message)> Entries => [.. _entries];

    public IEnumerable<string> At(LogLevel level) => _entries.Where(e => e.Level == level).Select(e => e.Message);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log._entries.Enqueue((logLevel, category, formatter(state, exception)));
    }
}

internal static class Commands
{
    private static readonly DateTimeOffset Start = new(2025, 3, 2, 10, 0, 0, TimeSpan.Zero);

    public static TranscriptTurnCommand Turn(int n, string speaker = TranscriptTurnCommand.Caller) =>
        new(Guid.NewGuid(), Start.AddSeconds(n), speaker, string.Create(CultureInfo.InvariantCulture, $"משפט מספר {n}"), n * 1000L);

    public static CallEndedCommand Ended(string reason = MediaEndReasons.CallerHungUp) =>
        new(Guid.NewGuid(), Start.AddMinutes(5), reason,
            new CallMetrics(null, null, null, 0, 100, 90, 0, 2, 3, 0, 300_000));

    /// <summary>A small valid two-channel WAV (8 kHz, 16-bit PCM) of <paramref name="dataBytes"/> bytes of audio.</summary>
    public static byte[] Wav(int dataBytes, byte fill = 0x11)
    {
        var wav = new byte[44 + dataBytes];
        "RIFF"u8.CopyTo(wav);
        BitConverter.TryWriteBytes(wav.AsSpan(4), 36 + dataBytes);
        "WAVEfmt "u8.CopyTo(wav.AsSpan(8));
        BitConverter.TryWriteBytes(wav.AsSpan(16), 16);
        BitConverter.TryWriteBytes(wav.AsSpan(20), (short)1);
        BitConverter.TryWriteBytes(wav.AsSpan(22), (short)2);
        BitConverter.TryWriteBytes(wav.AsSpan(24), 8000);
        BitConverter.TryWriteBytes(wav.AsSpan(28), 8000 * 4);
        BitConverter.TryWriteBytes(wav.AsSpan(32), (short)4);
        BitConverter.TryWriteBytes(wav.AsSpan(34), (short)16);
        "data"u8.CopyTo(wav.AsSpan(36));
        BitConverter.TryWriteBytes(wav.AsSpan(40), dataBytes);
        wav.AsSpan(44).Fill(fill);
        return wav;
    }
}
