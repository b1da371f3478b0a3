namespace ProSaaS.MediaHost.Audio;

/// <summary>
/// ITU-T G.711 µ-law, the 8 kHz telephone codec of Twilio Media Streams and of the realtime model's
/// <c>audio/pcmu</c>: 16-bit linear PCM ⇄ one byte per sample. Span-based and allocation-free for the audio path.
/// </summary>
public static class MuLaw
{
    /// <summary>Samples per second on a telephone line.</summary>
    public const int SampleRate = 8000;

    /// <summary>Bytes (= samples) in one 20 ms frame, the size Twilio sends and expects.</summary>
    public const int FrameBytes = 160;

    /// <summary>The encoding of digital silence.</summary>
    public const byte Silence = 0xFF;

    private const int Bias = 0x84;
    private const int Clip = 32635;

    private static readonly short[] DecodeTable = BuildDecodeTable();

    public static byte Encode(short sample)
    {
        int pcm = sample;
        var sign = (pcm >> 8) & 0x80;
        if (sign != 0)
        {
            pcm = -pcm;
        }

        if (pcm > Clip)
        {
            pcm = Clip;
        }

        pcm += Bias;
        var exponent = 7;
        for (var mask = 0x4000; (pcm & mask) == 0 && exponent > 0; mask >>= 1)
        {
            exponent--;
        }

        var mantissa = (pcm >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    public static short Decode(byte encoded) => DecodeTable[encoded];

    /// <summary>Encodes <paramref name="pcm"/> into <paramref name="destination"/> (at least as long); returns the bytes written.</summary>
    public static int Encode(ReadOnlySpan<short> pcm, Span<byte> destination)
    {
        if (destination.Length < pcm.Length)
        {
            throw new ArgumentException("The destination is shorter than the samples.", nameof(destination));
        }

        for (var i = 0; i < pcm.Length; i++)
        {
            destination[i] = Encode(pcm[i]);
        }

        return pcm.Length;
    }

    /// <summary>Decodes <paramref name="encoded"/> into <paramref name="destination"/> (at least as long); returns the samples written.</summary>
    public static int Decode(ReadOnlySpan<byte> encoded, Span<short> destination)
    {
        if (destination.Length < encoded.Length)
        {
            throw new ArgumentException("The destination is shorter than the encoded bytes.", nameof(destination));
        }

        for (var i = 0; i < encoded.Length; i++)
        {
            destination[i] = DecodeTable[encoded[i]];
        }

        return encoded.Length;
    }

    /// <summary>
    /// Root-mean-square level of µ-law audio on the 16-bit scale (0 for silence, about 23,000 for a full-scale sine):
    /// what the speech gate compares with its threshold, computed without decoding into a buffer.
    /// </summary>
    public static double Rms(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IsEmpty)
        {
            return 0;
        }

        double sum = 0;
        foreach (var b in encoded)
        {
            double sample = DecodeTable[b];
            sum += sample * sample;
        }

        return Math.Sqrt(sum / encoded.Length);
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
