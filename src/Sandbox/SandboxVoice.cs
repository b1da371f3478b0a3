using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ProSaaS.Domain.Files;

namespace ProSaaS.Sandbox;

/// <summary>The language a sandbox line is spoken in.</summary>
public enum SandboxLanguage
{
    Hebrew,
    English,
}

/// <summary>How <see cref="SandboxVoice"/> speaks.</summary>
public sealed class SandboxVoiceOptions
{
    /// <summary>The espeak-ng program (default <c>espeak-ng</c>, found on the PATH).</summary>
    public string Program { get; init; } = "espeak-ng";

    /// <summary>Words per minute (espeak-ng's <c>-s</c>; default 165, a calm telephone pace).</summary>
    public int WordsPerMinute { get; init; } = 165;

    /// <summary>The longest one synthesis may take before the fallback tone is used (default 10 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Lines kept in the cache (default 512); the oldest half is dropped when it is full.</summary>
    public int CacheLines { get; init; } = 512;
}

/// <summary>
/// The sandbox's voice: Hebrew or English text to telephone audio (G.711 µ-law, 8 kHz mono), synthesised by espeak-ng
/// (<c>-v he</c> / <c>-v en</c>, <c>--stdout</c> WAV: parsed, low-passed and resampled to 8 kHz, encoded with
/// <see cref="FakeAudio"/>'s codec). Each (text, language, gender) is synthesised once and cached. When espeak-ng is
/// missing or fails, a speech-like tone as long as the text would take to say (<see cref="EstimatedMilliseconds"/>) stands
/// in, and one warning is logged. Thread-safe.
/// </summary>
public sealed partial class SandboxVoice
{
    private readonly SandboxVoiceOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(string Text, SandboxLanguage Language, bool Female), byte[]> _cache = new();
    private int _warned;
    private int _unavailable;

    public SandboxVoice(SandboxVoiceOptions? options = null, ILogger? logger = null)
    {
        _options = options ?? new SandboxVoiceOptions();
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Whether the last synthesis fell back to the tone (espeak-ng missing or failing).</summary>
    public bool UsesFallback => Volatile.Read(ref _unavailable) != 0;

    /// <summary>Lines synthesised and kept.</summary>
    public int CachedLines => _cache.Count;

    /// <summary>
    /// <paramref name="text"/> spoken in <paramref name="language"/> as µ-law 8 kHz; empty text gives no audio.
    /// <paramref name="female"/> picks espeak-ng's female variant (the business's assistant gender).
    /// </summary>
    public byte[] Speak(string text, SandboxLanguage language = SandboxLanguage.Hebrew, bool female = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (text.Length == 0)
        {
            return [];
        }

        var key = (text, language, female);
        if (_cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var audio = Volatile.Read(ref _unavailable) == 0 ? Synthesize(text, language, female) : null;
        if (audio is null)
        {
            Interlocked.Exchange(ref _unavailable, 1);
            audio = Fallback(text);
        }

        if (_cache.Count >= _options.CacheLines)
        {
            foreach (var old in _cache.Keys.Take(_options.CacheLines / 2).ToList())
            {
                _cache.TryRemove(old, out _);
            }
        }

        return _cache.GetOrAdd(key, audio);
    }

    /// <summary>About how long <paramref name="text"/> takes to say: 65 ms a letter or digit, 250 ms a pause mark, 400 ms at least.</summary>
    public static int EstimatedMilliseconds(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var letters = text.Count(char.IsLetterOrDigit);
        var pauses = text.Count(c => c is ',' or '.' or '?' or '!' or ':' or ';');
        return Math.Max(400, letters * 65 + pauses * 250);
    }

    /// <summary>The stand-in when espeak-ng cannot speak: a speech-like tone of <see cref="EstimatedMilliseconds"/>, unique to the text.</summary>
    public static byte[] Fallback(string text) =>
        FakeAudio.Speech(EstimatedMilliseconds(text), FakeAudio.DefaultSpeechRms, 190, seed: StableHash(text));

    /// <summary>
    /// 16-bit PCM WAV (any rate, mono or the first channel) to µ-law 8 kHz: a moving-average low-pass against aliasing when
    /// the rate is higher, then linear interpolation. Null when the bytes are not a 16-bit PCM WAV. A <c>data</c> size
    /// larger than the file (what a streamed WAV carries) is read to the end of the file.
    /// </summary>
    public static byte[]? WavToMuLaw(ReadOnlySpan<byte> wav)
    {
        if (!WaveFile.TryReadHeader(wav, out var header) || header!.Format.Encoding != WaveEncoding.Pcm16)
        {
            return null;
        }

        var format = header.Format;
        var available = Math.Max(0, wav.Length - header.DataOffset);
        var length = Math.Min(format.DataLength, available);
        var frames = length / format.BlockAlign;
        var source = new double[frames];
        for (var i = 0; i < frames; i++)
        {
            source[i] = BinaryPrimitives.ReadInt16LittleEndian(wav.Slice(header.DataOffset + i * format.BlockAlign, 2));
        }

        var ratio = format.SampleRate / 8000.0;
        if (ratio > 1)
        {
            source = LowPass(source, (int)Math.Round(ratio));
        }

        var count = (int)Math.Floor(frames / ratio);
        var output = new byte[count];
        for (var i = 0; i < count; i++)
        {
            var at = i * ratio;
            var index = (int)at;
            var fraction = at - index;
            var next = index + 1 < source.Length ? source[index + 1] : source[index];
            var value = source[index] + (next - source[index]) * fraction;
            output[i] = FakeAudio.Encode((short)Math.Clamp(Math.Round(value), short.MinValue, short.MaxValue));
        }

        return output;
    }

    private byte[]? Synthesize(string text, SandboxLanguage language, bool female)
    {
        var voice = (language == SandboxLanguage.English ? "en" : "he") + (female ? "+f3" : "");
        try
        {
            using var process = new Process
            {
                StartInfo = new ProcessStartInfo(_options.Program)
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    RedirectStandardInput = true,
                    UseShellExecute = false,
                    ArgumentList = { "-v", voice, "-s", _options.WordsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture), "--stdout", "--stdin" },
                },
            };
            process.Start();
            using var output = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(output);
            var errors = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(text);
            process.StandardInput.Close();
            if (!copy.Wait(_options.Timeout) || !process.WaitForExit(_options.Timeout))
            {
                process.Kill(entireProcessTree: true);
                Warn($"espeak-ng took longer than {_options.Timeout.TotalSeconds:0} s");
                return null;
            }

            if (process.ExitCode != 0)
            {
                Warn($"espeak-ng exited with {process.ExitCode}: {errors.Result.Trim()}");
                return null;
            }

            var audio = WavToMuLaw(output.GetBuffer().AsSpan(0, (int)output.Length));
            if (audio is not { Length: > 0 })
            {
                Warn("espeak-ng gave no 16-bit PCM WAV");
                return null;
            }

            return audio;
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or IOException)
        {
            Warn($"espeak-ng could not be run ({e.Message})");
            return null;
        }
    }

    private void Warn(string problem)
    {
        if (Interlocked.Exchange(ref _warned, 1) == 0)
        {
            LogNoSpeech(_logger, problem);
        }
    }

    private static double[] LowPass(double[] samples, int width)
    {
        if (width <= 1)
        {
            return samples;
        }

        var output = new double[samples.Length];
        double sum = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            sum += samples[i];
            if (i >= width)
            {
                sum -= samples[i - width];
            }

            output[i] = sum / Math.Min(i + 1, width);
        }

        return output;
    }

    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The sandbox assistant speaks with a tone instead of words: {Problem} (install espeak-ng for spoken Hebrew and English)")]
    private static partial void LogNoSpeech(ILogger logger, string problem);
}
