using System.Buffers.Binary;

namespace ProSaaS.Domain.Files;

/// <summary>How the samples of a WAV file are coded.</summary>
public enum WaveEncoding
{
    /// <summary>Linear PCM, 16 bits per sample, little-endian (format tag 1).</summary>
    Pcm16,

    /// <summary>G.711 mu-law, 8 bits per sample (format tag 7): what telephone audio is carried in.</summary>
    MuLaw,
}

/// <summary>The format of a WAV file: its coding, sample rate, channels, and how many bytes of samples it holds.</summary>
public sealed record WaveFormat(WaveEncoding Encoding, int SampleRate, int Channels, int DataLength)
{
    public int BytesPerSample => Encoding == WaveEncoding.Pcm16 ? 2 : 1;

    public int BlockAlign => BytesPerSample * Channels;

    public TimeSpan Duration => TimeSpan.FromSeconds((double)DataLength / BlockAlign / SampleRate);
}

/// <summary>A WAV file's format and the offset of its first sample byte (just past the <c>data</c> chunk's header).</summary>
public sealed record WaveHeader(WaveFormat Format, int DataOffset);

/// <summary>
/// A minimal RIFF/WAVE writer and reader for call audio: 16-bit PCM and mu-law, interleaved channels (a call recording
/// has two: the caller and the assistant). Mu-law files carry the <c>fmt</c> extension size and the <c>fact</c> chunk that
/// non-PCM formats require.
/// </summary>
public static class WaveFile
{
    private const ushort PcmTag = 1;
    private const ushort MuLawTag = 7;

    /// <summary>The mu-law byte of silence (zero amplitude).</summary>
    public const byte MuLawSilence = 0xFF;

    /// <summary>A complete WAV file around <paramref name="samples"/> (interleaved, already coded).</summary>
    public static byte[] Create(WaveEncoding encoding, int sampleRate, int channels, ReadOnlySpan<byte> samples)
    {
        using var buffer = new MemoryStream();
        Write(buffer, encoding, sampleRate, channels, samples);
        return buffer.ToArray();
    }

    public static void Write(Stream output, WaveEncoding encoding, int sampleRate, int channels, ReadOnlySpan<byte> samples)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        var format = new WaveFormat(encoding, sampleRate, channels, samples.Length);
        if (samples.Length % format.BlockAlign != 0)
        {
            throw new ArgumentException("The samples do not fill whole frames of every channel.", nameof(samples));
        }

        WriteHeader(output, encoding, sampleRate, channels, samples.Length);
        output.Write(samples);
        if (samples.Length % 2 == 1)
        {
            output.WriteByte(0);
        }
    }

    /// <summary>
    /// The header of a WAV file whose <paramref name="dataLength"/> bytes of interleaved samples the caller writes next
    /// (followed by one pad byte when the length is odd): for audio written as it is produced.
    /// </summary>
    public static void WriteHeader(Stream output, WaveEncoding encoding, int sampleRate, int channels, long dataLength)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        var isPcm = encoding == WaveEncoding.Pcm16;
        var blockAlign = (isPcm ? 2 : 1) * channels;
        var fmtSize = isPcm ? 16 : 18;
        var factSize = isPcm ? 0 : 8 + 4;
        var riffSize = 4L + (8 + fmtSize) + factSize + (8 + dataLength + (dataLength % 2));
        if (riffSize > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(dataLength), dataLength, "Too long for one WAV file.");
        }

        Span<byte> header = stackalloc byte[12 + 8 + 18 + 12 + 8];
        var at = 0;
        Ascii(header, ref at, "RIFF");
        UInt32(header, ref at, (uint)riffSize);
        Ascii(header, ref at, "WAVE");
        Ascii(header, ref at, "fmt ");
        UInt32(header, ref at, (uint)fmtSize);
        UInt16(header, ref at, isPcm ? PcmTag : MuLawTag);
        UInt16(header, ref at, (ushort)channels);
        UInt32(header, ref at, (uint)sampleRate);
        UInt32(header, ref at, (uint)(sampleRate * blockAlign));
        UInt16(header, ref at, (ushort)blockAlign);
        UInt16(header, ref at, (ushort)((isPcm ? 2 : 1) * 8));
        if (!isPcm)
        {
            UInt16(header, ref at, 0);
            Ascii(header, ref at, "fact");
            UInt32(header, ref at, 4);
            UInt32(header, ref at, (uint)(dataLength / blockAlign));
        }

        Ascii(header, ref at, "data");
        UInt32(header, ref at, (uint)dataLength);
        output.Write(header[..at]);
    }

    /// <summary><paramref name="duration"/> of silence.</summary>
    public static byte[] Silence(WaveEncoding encoding, int sampleRate, int channels, TimeSpan duration)
    {
        var frames = (int)Math.Round(duration.TotalSeconds * sampleRate);
        var samples = new byte[frames * channels * (encoding == WaveEncoding.Pcm16 ? 2 : 1)];
        if (encoding == WaveEncoding.MuLaw)
        {
            samples.AsSpan().Fill(MuLawSilence);
        }

        return Create(encoding, sampleRate, channels, samples);
    }

    /// <summary>The format of a WAV file from its first bytes (up to its <c>data</c> chunk); false when it is not a PCM or mu-law WAV.</summary>
    public static bool TryReadFormat(ReadOnlySpan<byte> file, out WaveFormat? format)
    {
        format = TryReadHeader(file, out var header) ? header!.Format : null;
        return format is not null;
    }

    /// <summary>
    /// The format of a WAV file and where its samples start, from its first bytes up to the header of its <c>data</c>
    /// chunk (chunks before it, such as <c>LIST</c> or <c>fact</c>, are skipped). False when the bytes are not a RIFF/WAVE
    /// file, its samples are coded other than 16-bit PCM or mu-law, or no <c>data</c> chunk starts within them.
    /// </summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> file, out WaveHeader? header)
    {
        header = null;
        if (file.Length < 12 || !IsAscii(file[..4], "RIFF") || !IsAscii(file[8..12], "WAVE"))
        {
            return false;
        }

        WaveEncoding? encoding = null;
        int sampleRate = 0, channels = 0;
        long at = 12;
        while (at + 8 <= file.Length)
        {
            var chunk = (int)at;
            var id = file.Slice(chunk, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(file.Slice(chunk + 4, 4));
            var body = chunk + 8;
            if (IsAscii(id, "fmt "))
            {
                if (size < 16 || body + 16 > file.Length)
                {
                    return false;
                }

                var tag = BinaryPrimitives.ReadUInt16LittleEndian(file.Slice(body, 2));
                channels = BinaryPrimitives.ReadUInt16LittleEndian(file.Slice(body + 2, 2));
                sampleRate = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(file.Slice(body + 4, 4)), int.MaxValue);
                var bits = BinaryPrimitives.ReadUInt16LittleEndian(file.Slice(body + 14, 2));
                encoding = (tag, bits) switch
                {
                    (PcmTag, 16) => WaveEncoding.Pcm16,
                    (MuLawTag, 8) => WaveEncoding.MuLaw,
                    _ => null,
                };
                if (encoding is null || channels == 0 || sampleRate == 0)
                {
                    return false;
                }
            }
            else if (IsAscii(id, "data"))
            {
                if (encoding is not { } found || size > int.MaxValue)
                {
                    return false;
                }

                header = new WaveHeader(new WaveFormat(found, sampleRate, channels, (int)size), body);
                return true;
            }

            at = body + (long)size + (size % 2);
        }

        return false;
    }

    private static bool IsAscii(ReadOnlySpan<byte> bytes, string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (bytes[i] != text[i])
            {
                return false;
            }
        }

        return true;
    }

    private static void Ascii(Span<byte> target, ref int at, string text)
    {
        foreach (var c in text)
        {
            target[at++] = (byte)c;
        }
    }

    private static void UInt16(Span<byte> target, ref int at, ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(target[at..], value);
        at += 2;
    }

    private static void UInt32(Span<byte> target, ref int at, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(target[at..], value);
        at += 4;
    }
}
