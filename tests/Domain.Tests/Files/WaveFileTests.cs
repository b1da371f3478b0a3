using System.Buffers.Binary;
using System.Text;
using ProSaaS.Domain.Files;

namespace ProSaaS.Domain.Tests.Files;

public sealed class WaveFileTests
{
    [Fact]
    public void A_pcm_file_has_the_canonical_44_byte_header()
    {
        var samples = new byte[] { 1, 0, 2, 0, 3, 0, 4, 0 };
        var file = WaveFile.Create(WaveEncoding.Pcm16, 16000, 2, samples);

        file.Should().HaveCount(44 + samples.Length);
        Text(file, 0, 4).Should().Be("RIFF");
        UInt32(file, 4).Should().Be((uint)(file.Length - 8));
        Text(file, 8, 8).Should().Be("WAVEfmt ");
        UInt32(file, 16).Should().Be(16);
        UInt16(file, 20).Should().Be(1);
        UInt16(file, 22).Should().Be(2);
        UInt32(file, 24).Should().Be(16000);
        UInt32(file, 28).Should().Be(16000 * 4);
        UInt16(file, 32).Should().Be(4);
        UInt16(file, 34).Should().Be(16);
        Text(file, 36, 4).Should().Be("data");
        UInt32(file, 40).Should().Be((uint)samples.Length);
        file[44..].Should().Equal(samples);
    }

    [Fact]
    public void A_mu_law_file_carries_the_format_extension_and_a_fact_chunk()
    {
        var samples = new byte[] { 0xFF, 0x7F, 0xFF, 0x7F, 0xFF, 0x7F };
        var file = WaveFile.Create(WaveEncoding.MuLaw, 8000, 2, samples);

        UInt32(file, 16).Should().Be(18);
        UInt16(file, 20).Should().Be(7);
        UInt16(file, 22).Should().Be(2);
        UInt32(file, 24).Should().Be(8000);
        UInt32(file, 28).Should().Be(16000);
        UInt16(file, 32).Should().Be(2);
        UInt16(file, 34).Should().Be(8);
        UInt16(file, 36).Should().Be(0);
        Text(file, 38, 4).Should().Be("fact");
        UInt32(file, 42).Should().Be(4);
        UInt32(file, 46).Should().Be(3, "three frames of two channels");
        Text(file, 50, 4).Should().Be("data");
        UInt32(file, 54).Should().Be(6);
        file[58..].Should().Equal(samples);
        UInt32(file, 4).Should().Be((uint)(file.Length - 8));
    }

    [Fact]
    public void An_odd_data_chunk_is_padded_and_still_read_back()
    {
        var file = WaveFile.Create(WaveEncoding.MuLaw, 8000, 1, [0xFF, 0xFF, 0xFF]);

        file.Should().HaveCount(58 + 3 + 1, "a chunk of odd length is followed by a pad byte");
        file[^1].Should().Be(0);
        UInt32(file, 4).Should().Be((uint)(file.Length - 8));
        WaveFile.TryReadFormat(file, out var format).Should().BeTrue();
        format.Should().Be(new WaveFormat(WaveEncoding.MuLaw, 8000, 1, 3));
    }

    [Theory]
    [InlineData(WaveEncoding.Pcm16, 16000, 1, 500, 16000)]
    [InlineData(WaveEncoding.MuLaw, 8000, 2, 1000, 16000)]
    [InlineData(WaveEncoding.Pcm16, 8000, 2, 250, 8000)]
    public void Silence_is_the_requested_length_and_reads_back(WaveEncoding encoding, int rate, int channels, int milliseconds, int dataBytes)
    {
        var file = WaveFile.Silence(encoding, rate, channels, TimeSpan.FromMilliseconds(milliseconds));

        WaveFile.TryReadFormat(file, out var format).Should().BeTrue();
        format.Should().Be(new WaveFormat(encoding, rate, channels, dataBytes));
        format!.Duration.Should().Be(TimeSpan.FromMilliseconds(milliseconds));
        file[^dataBytes..].Should().OnlyContain(b => b == (encoding == WaveEncoding.MuLaw ? 0xFF : 0));
    }

    [Fact]
    public void Samples_that_do_not_fill_whole_frames_are_refused()
    {
        FluentActions.Invoking(() => WaveFile.Create(WaveEncoding.Pcm16, 8000, 2, new byte[6])).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Files_that_are_not_pcm_or_mu_law_wav_are_not_read()
    {
        WaveFile.TryReadFormat("not a wave file at all"u8, out _).Should().BeFalse();
        WaveFile.TryReadFormat([], out _).Should().BeFalse();
        var alaw = WaveFile.Create(WaveEncoding.MuLaw, 8000, 1, [0xD5, 0xD5]);
        alaw[20] = 6;
        WaveFile.TryReadFormat(alaw, out _).Should().BeFalse();
        var truncated = WaveFile.Create(WaveEncoding.Pcm16, 8000, 1, [0, 0])[..30];
        WaveFile.TryReadFormat(truncated, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData(WaveEncoding.Pcm16, 44)]
    [InlineData(WaveEncoding.MuLaw, 58)]
    public void The_header_tells_where_the_samples_start(WaveEncoding encoding, int dataOffset)
    {
        var file = WaveFile.Create(encoding, 8000, 2, new byte[400]);

        WaveFile.TryReadHeader(file, out var header).Should().BeTrue();
        header!.DataOffset.Should().Be(dataOffset);
        header.Format.Should().Be(new WaveFormat(encoding, 8000, 2, 400));
    }

    [Fact]
    public void Chunks_before_the_samples_are_skipped_odd_sized_ones_with_their_pad_byte()
    {
        var plain = WaveFile.Create(WaveEncoding.Pcm16, 8000, 2, new byte[8]);
        // RIFF header and fmt chunk (36 bytes), a LIST chunk of 5 bytes plus its pad, then the data chunk.
        var list = "LIST"u8.ToArray().Concat(BitConverter.GetBytes(5u)).Concat("INFOx"u8.ToArray()).Append((byte)0).ToArray();
        var file = plain[..36].Concat(list).Concat(plain[36..]).ToArray();

        WaveFile.TryReadHeader(file, out var header).Should().BeTrue();
        header!.DataOffset.Should().Be(36 + list.Length + 8);
        header.Format.DataLength.Should().Be(8);
    }

    [Fact]
    public void A_header_whose_data_chunk_lies_past_the_bytes_given_is_not_read()
    {
        var file = WaveFile.Create(WaveEncoding.Pcm16, 8000, 2, new byte[8]);

        WaveFile.TryReadHeader(file[..40], out _).Should().BeFalse("the data chunk's header is cut");
        WaveFile.TryReadHeader(file[..44], out _).Should().BeTrue("the samples themselves need not be there");
    }

    [Fact]
    public void A_data_chunk_before_the_format_is_not_read()
    {
        var file = WaveFile.Create(WaveEncoding.Pcm16, 8000, 2, new byte[8]);
        var reordered = file[..12].Concat(file[36..]).Concat(file[12..36]).ToArray();

        WaveFile.TryReadHeader(reordered, out _).Should().BeFalse();
    }

    private static string Text(byte[] file, int at, int length) => Encoding.ASCII.GetString(file, at, length);

    private static uint UInt32(byte[] file, int at) => BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at));

    private static ushort UInt16(byte[] file, int at) => BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(at));
}
