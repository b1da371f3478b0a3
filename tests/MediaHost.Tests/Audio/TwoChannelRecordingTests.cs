using System.Buffers.Binary;
using ProSaaS.MediaHost.Audio;

namespace ProSaaS.MediaHost.Tests.Audio;

public sealed class TwoChannelRecordingTests
{
    private static byte[] Tone(short level, int samples) => Enumerable.Repeat(MuLaw.Encode(level), samples).ToArray();

    [Fact]
    public void The_wav_has_a_valid_header_and_each_voice_on_its_own_channel_at_its_time()
    {
        var recording = new TwoChannelRecording();
        recording.Append(RecordingChannel.Caller, Tone(8000, 160));
        recording.Write(RecordingChannel.Assistant, 320, Tone(-4000, 160));

        using var wav = new MemoryStream();
        recording.WriteWav(wav);
        var bytes = wav.ToArray();

        bytes.Should().HaveCount(44 + (480 * 4));
        System.Text.Encoding.ASCII.GetString(bytes, 0, 4).Should().Be("RIFF");
        BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)).Should().Be((uint)(bytes.Length - 8));
        System.Text.Encoding.ASCII.GetString(bytes, 8, 8).Should().Be("WAVEfmt ");
        BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(20)).Should().Be(1);
        BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(22)).Should().Be(2);
        BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(24)).Should().Be(8000u);
        BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(40)).Should().Be(480u * 4);

        short Left(int i) => BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(44 + (i * 4)));
        short Right(int i) => BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(46 + (i * 4)));
        Left(0).Should().BeCloseTo(8000, 300);
        Right(0).Should().Be(0);
        Left(200).Should().Be(0, "the caller was silent after the first frame");
        Right(200).Should().Be(0, "the assistant had not spoken yet");
        Right(330).Should().BeCloseTo(-4000, 200);
        recording.Duration.Should().Be(TimeSpan.FromMilliseconds(60));
    }

    [Fact]
    public void Audio_across_chunk_boundaries_and_overwrites_land_where_written()
    {
        var recording = new TwoChannelRecording();
        var start = (8000 * 10) - 80;
        recording.Write(RecordingChannel.Caller, start, Tone(1000, 160));
        recording.Write(RecordingChannel.Caller, start + 40, Tone(-1000, 10));
        recording.LengthSamples.Should().Be(start + 160);

        using var wav = new MemoryStream();
        recording.WriteWav(wav);
        var bytes = wav.ToArray();
        short Left(long i) => BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan((int)(44 + (i * 4))));
        Left(start - 1).Should().Be(0);
        Left(start).Should().BeCloseTo(1000, 60);
        Left(start + 45).Should().BeCloseTo(-1000, 60);
        Left(start + 159).Should().BeCloseTo(1000, 60);

        var negative = () => recording.Write(RecordingChannel.Assistant, -1, Tone(1, 1));
        negative.Should().Throw<ArgumentOutOfRangeException>();
    }
}
