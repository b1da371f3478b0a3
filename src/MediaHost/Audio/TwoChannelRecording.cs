using System.Buffers.Binary;
using ProSaaS.Domain.Files;

namespace ProSaaS.MediaHost.Audio;

public enum RecordingChannel
{
    /// <summary>Left: what the caller said.</summary>
    Caller = 0,

    /// <summary>Right: what the assistant said.</summary>
    Assistant = 1,
}

/// <summary>
/// A call's audio as a two-channel WAV (left the caller, right the assistant, 16-bit PCM at 8 kHz): each channel's
/// µ-law is placed at the sample offset where it was heard or played, and gaps are silence. Kept as µ-law bytes
/// (8 KB a second a channel) until written.
/// </summary>
public sealed class TwoChannelRecording
{
    private const int ChunkSamples = MuLaw.SampleRate * 10;

    private readonly List<byte[]>[] _chunks = [[], []];
    private readonly long[] _length = new long[2];

    /// <summary>Samples recorded so far, the longer channel's.</summary>
    public long LengthSamples => Math.Max(_length[0], _length[1]);

    public TimeSpan Duration => TimeSpan.FromSeconds((double)LengthSamples / MuLaw.SampleRate);

    /// <summary>Samples recorded so far on one channel.</summary>
    public long ChannelLength(RecordingChannel channel) => _length[(int)channel];

    /// <summary>
    /// Cuts a channel back to <paramref name="atSample"/>: what was placed after it is silence again (audio that was sent
    /// but never played, dropped by a barge-in).
    /// </summary>
    public void Truncate(RecordingChannel channel, long atSample)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(atSample);
        var index = (int)channel;
        var chunks = _chunks[index];
        for (var position = atSample; position < _length[index]; position++)
        {
            var chunk = (int)(position / ChunkSamples);
            if (chunk >= chunks.Count)
            {
                break;
            }

            chunks[chunk][position % ChunkSamples] = MuLaw.Silence;
        }

        _length[index] = Math.Min(_length[index], atSample);
    }

    /// <summary>Appends µ-law audio to a channel at the end of what it already has.</summary>
    public void Append(RecordingChannel channel, ReadOnlySpan<byte> muLaw) => Write(channel, _length[(int)channel], muLaw);

    /// <summary>Places µ-law audio on a channel at <paramref name="atSample"/>; a gap before it is silence, an overlap overwrites.</summary>
    public void Write(RecordingChannel channel, long atSample, ReadOnlySpan<byte> muLaw)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(atSample);
        var index = (int)channel;
        var chunks = _chunks[index];
        var position = atSample;
        foreach (var b in muLaw)
        {
            var chunk = (int)(position / ChunkSamples);
            while (chunks.Count <= chunk)
            {
                var fresh = new byte[ChunkSamples];
                fresh.AsSpan().Fill(MuLaw.Silence);
                chunks.Add(fresh);
            }

            chunks[chunk][position % ChunkSamples] = b;
            position++;
        }

        _length[index] = Math.Max(_length[index], position);
    }

    /// <summary>Writes the WAV file: its header, then interleaved left/right 16-bit little-endian samples.</summary>
    public void WriteWav(Stream destination)
    {
        var samples = LengthSamples;
        var dataBytes = samples * 2 * sizeof(short);
        WaveFile.WriteHeader(destination, WaveEncoding.Pcm16, MuLaw.SampleRate, 2, dataBytes);

        var buffer = new byte[4096 * 4];
        var filled = 0;
        for (long i = 0; i < samples; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(buffer.AsSpan(filled), MuLaw.Decode(SampleAt(0, i)));
            BinaryPrimitives.WriteInt16LittleEndian(buffer.AsSpan(filled + 2), MuLaw.Decode(SampleAt(1, i)));
            filled += 4;
            if (filled == buffer.Length)
            {
                destination.Write(buffer, 0, filled);
                filled = 0;
            }
        }

        destination.Write(buffer, 0, filled);
    }

    private byte SampleAt(int channel, long sample)
    {
        var chunk = (int)(sample / ChunkSamples);
        var chunks = _chunks[channel];
        return sample < _length[channel] && chunk < chunks.Count ? chunks[chunk][sample % ChunkSamples] : MuLaw.Silence;
    }
}
