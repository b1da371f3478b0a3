using ProSaaS.MediaHost.Audio;

namespace ProSaaS.MediaHost.Tests.Audio;

public sealed class MuLawTests
{
    [Theory]
    [InlineData(0, 0xFF)]
    [InlineData(-1, 0x7F)]
    [InlineData(1, 0xFF)]
    [InlineData(32767, 0x80)]
    [InlineData(-32768, 0x00)]
    [InlineData(8031, 0xA0)]
    [InlineData(-8031, 0x20)]
    public void Known_samples_encode_to_the_g711_bytes(short sample, int expected)
    {
        MuLaw.Encode(sample).Should().Be((byte)expected);
    }

    [Theory]
    [InlineData(0xFF, 0)]
    [InlineData(0x7F, 0)]
    [InlineData(0x80, 32124)]
    [InlineData(0x00, -32124)]
    [InlineData(0xA0, 7932)]
    public void Known_bytes_decode_to_the_g711_levels(int encoded, short expected)
    {
        MuLaw.Decode((byte)encoded).Should().Be(expected);
    }

    [Fact]
    public void Every_byte_survives_a_decode_encode_round_trip_except_the_negative_zero()
    {
        for (var b = 0; b < 256; b++)
        {
            var back = MuLaw.Encode(MuLaw.Decode((byte)b));
            if (b == 0x7F)
            {
                back.Should().Be(0xFF, "µ-law has two zeros; the positive one is canonical");
            }
            else
            {
                back.Should().Be((byte)b, $"byte 0x{b:X2}");
            }
        }
    }

    [Fact]
    public void Encoding_loses_at_most_the_segment_step_and_keeps_the_sign()
    {
        for (var sample = -32768; sample <= 32767; sample += 7)
        {
            var decoded = MuLaw.Decode(MuLaw.Encode((short)sample));
            var magnitude = Math.Min(Math.Abs(sample), 32635);
            var step = Math.Max(8, (magnitude + 0x84) >> 4);
            Math.Abs(decoded - Math.Clamp(sample, -32635, 32635)).Should().BeLessThanOrEqualTo(step, $"sample {sample}");
            if (Math.Abs(sample) > 16)
            {
                Math.Sign(decoded).Should().Be(Math.Sign(sample));
            }
        }
    }

    [Fact]
    public void Spans_encode_and_decode_a_frame_and_refuse_a_short_destination()
    {
        var pcm = new short[MuLaw.FrameBytes];
        for (var i = 0; i < pcm.Length; i++)
        {
            pcm[i] = (short)(10000 * Math.Sin(2 * Math.PI * 440 * i / MuLaw.SampleRate));
        }

        var encoded = new byte[MuLaw.FrameBytes];
        MuLaw.Encode(pcm, encoded).Should().Be(160);
        var decoded = new short[MuLaw.FrameBytes];
        MuLaw.Decode(encoded, decoded).Should().Be(160);
        decoded.Zip(pcm).Should().OnlyContain(p => Math.Abs(p.First - p.Second) <= 400);

        var tooShort = () => MuLaw.Encode(pcm, new byte[10]);
        tooShort.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Rms_is_zero_for_silence_and_tracks_the_level_of_a_tone()
    {
        var silence = Enumerable.Repeat(MuLaw.Silence, MuLaw.FrameBytes).ToArray();
        MuLaw.Rms(silence).Should().Be(0);
        MuLaw.Rms([]).Should().Be(0);

        double RmsOfTone(double amplitude)
        {
            var frame = new byte[MuLaw.FrameBytes];
            for (var i = 0; i < frame.Length; i++)
            {
                frame[i] = MuLaw.Encode((short)(amplitude * Math.Sin(2 * Math.PI * 1000 * i / MuLaw.SampleRate)));
            }

            return MuLaw.Rms(frame);
        }

        RmsOfTone(1000).Should().BeApproximately(1000 / Math.Sqrt(2), 40);
        RmsOfTone(20000).Should().BeApproximately(20000 / Math.Sqrt(2), 600);
        RmsOfTone(20000).Should().BeGreaterThan(RmsOfTone(1000) * 15);
    }
}
