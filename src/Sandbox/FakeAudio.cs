namespace ProSaaS.Sandbox;

/// <summary>
/// G.711 µ-law audio for the fakes, with its own small codec so that the fakes never share code with what they test:
/// a script's "speech" (a voiced tone at a chosen level), silence, noise, and the RMS level the fakes' speech
/// detection compares with a threshold. 8 kHz, one byte per sample: 8 bytes per millisecond, 160 bytes per 20 ms frame.
/// </summary>
public static class FakeAudio
{
    /// <summary>µ-law bytes (= samples) per millisecond at 8 kHz.</summary>
    public const int BytesPerMillisecond = 8;

    /// <summary>Bytes in one 20 ms frame, the size Twilio sends.</summary>
    public const int FrameBytes = 160;

    /// <summary>Length of one frame in milliseconds.</summary>
    public const int FrameMilliseconds = 20;

    /// <summary>The µ-law encoding of digital silence.</summary>
    public const byte SilenceByte = 0xFF;

    /// <summary>The default level of <see cref="Speech"/>: a clearly voiced telephone signal on the 16-bit scale.</summary>
    public const double DefaultSpeechRms = 3000;

    private const int Bias = 0x84;
    private const int Clip = 32635;
    private static readonly short[] DecodeTable = BuildDecodeTable();

    /// <summary>One 16-bit linear sample to µ-law.</summary>
    public static byte Encode(short sample)
    {
        int pcm = sample;
        var sign = (pcm >> 8) & 0x80;
        if (sign != 0)
        {
            pcm = -pcm;
        }

        pcm = Math.Min(pcm, Clip) + Bias;
        var exponent = 7;
        for (var mask = 0x4000; (pcm & mask) == 0 && exponent > 0; mask >>= 1)
        {
            exponent--;
        }

        var mantissa = (pcm >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    /// <summary>One µ-law byte to a 16-bit linear sample.</summary>
    public static short Decode(byte encoded) => DecodeTable[encoded];

    /// <summary>Root-mean-square level of µ-law audio on the 16-bit scale (0 for silence).</summary>
    public static double Rms(ReadOnlySpan<byte> muLaw)
    {
        if (muLaw.IsEmpty)
        {
            return 0;
        }

        double sum = 0;
        foreach (var b in muLaw)
        {
            double sample = DecodeTable[b];
            sum += sample * sample;
        }

        return Math.Sqrt(sum / muLaw.Length);
    }

    /// <summary>Number of µ-law bytes in <paramref name="milliseconds"/> of audio.</summary>
    public static int BytesFor(int milliseconds) => checked(milliseconds * BytesPerMillisecond);

    /// <summary>Milliseconds of audio in <paramref name="bytes"/> µ-law bytes (rounded down).</summary>
    public static long MillisecondsOf(long bytes) => bytes / BytesPerMillisecond;

    /// <summary><paramref name="milliseconds"/> of digital silence (0xFF).</summary>
    public static byte[] Silence(int milliseconds)
    {
        var audio = new byte[BytesFor(milliseconds)];
        audio.AsSpan().Fill(SilenceByte);
        return audio;
    }

    /// <summary>
    /// A speech-like voiced signal: a fundamental of <paramref name="frequencyHz"/> with two weaker harmonics, at a
    /// steady <paramref name="rms"/> level on the 16-bit scale, so every 20 ms frame of it measures about that level.
    /// <paramref name="seed"/>, when given, adds a faint deterministic noise so that two signals of the same pitch
    /// are still different byte sequences (what tests use to tell whose audio was heard).
    /// </summary>
    public static byte[] Speech(int milliseconds, double rms = DefaultSpeechRms, double frequencyHz = 220, int? seed = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds);
        var audio = new byte[BytesFor(milliseconds)];
        // Harmonic weights 1, 1/2, 1/4: the RMS of the sum is sqrt((1 + 1/4 + 1/16) / 2) times the amplitude.
        var amplitude = rms / Math.Sqrt((1 + 0.25 + 0.0625) / 2);
        var random = seed is { } s ? new Random(s) : null;
        for (var i = 0; i < audio.Length; i++)
        {
            var t = 2 * Math.PI * frequencyHz * i / 8000.0;
            var value = amplitude * (Math.Sin(t) + 0.5 * Math.Sin(2 * t) + 0.25 * Math.Sin(3 * t));
            if (random is not null)
            {
                value += (random.NextDouble() - 0.5) * rms * 0.1;
            }

            audio[i] = Encode((short)Math.Clamp(Math.Round(value), short.MinValue, short.MaxValue));
        }

        return audio;
    }

    /// <summary>White noise at about <paramref name="rms"/> (e.g. a line's background hiss below a speech threshold).</summary>
    public static byte[] Noise(int milliseconds, double rms, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds);
        var audio = new byte[BytesFor(milliseconds)];
        var random = new Random(seed);
        // Uniform noise on [-a, a] has an RMS of a / sqrt(3).
        var amplitude = rms * Math.Sqrt(3);
        for (var i = 0; i < audio.Length; i++)
        {
            audio[i] = Encode((short)Math.Clamp(Math.Round((random.NextDouble() * 2 - 1) * amplitude), short.MinValue, short.MaxValue));
        }

        return audio;
    }

    /// <summary>
    /// How many leading bytes of <paramref name="sent"/> (e.g. one response's audio) occur, contiguously, in
    /// <paramref name="heard"/> (e.g. <see cref="FakeTwilioMediaClient.HeardAudio"/>): what a caller actually heard of it.
    /// 0 when none of it was heard. Generated speech carries seeded noise, so a match is not a coincidence.
    /// </summary>
    public static int HeardPrefixLength(ReadOnlySpan<byte> heard, ReadOnlySpan<byte> sent)
    {
        for (var probe = Math.Min(FrameBytes, sent.Length); probe >= 8; probe /= 2)
        {
            var start = heard.IndexOf(sent[..probe]);
            if (start < 0)
            {
                continue;
            }

            var length = 0;
            while (length < sent.Length && start + length < heard.Length && heard[start + length] == sent[length])
            {
                length++;
            }

            return length;
        }

        return 0;
    }

    private static short[] BuildDecodeTable()
    {
        var table = new short[256];
        for (var i = 0; i < 256; i++)
        {
            var value = ~i & 0xFF;
            var sign = value & 0x80;
            var exponent = (value >> 4) & 0x07;
            var mantissa = value & 0x0F;
            var magnitude = (((mantissa << 3) + Bias) << exponent) - Bias;
            table[i] = (short)(sign != 0 ? -magnitude : magnitude);
        }

        return table;
    }
}
