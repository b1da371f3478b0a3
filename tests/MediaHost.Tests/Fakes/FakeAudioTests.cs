using ProSaaS.Sandbox;
using ProSaaS.MediaHost.Audio;

namespace ProSaaS.MediaHost.Tests.Fakes;

public sealed class FakeAudioTests
{
    [Fact]
    public void The_fakes_codec_agrees_with_g711_on_every_byte()
    {
        for (var b = 0; b < 256; b++)
        {
            FakeAudio.Decode((byte)b).Should().Be(MuLaw.Decode((byte)b));
        }

        foreach (var sample in new short[] { 0, 1, -1, 100, -100, 8031, -8031, short.MaxValue, short.MinValue })
        {
            FakeAudio.Encode(sample).Should().Be(MuLaw.Encode(sample));
        }
    }

    [Fact]
    public void Speech_has_the_asked_level_in_every_frame_and_silence_and_quiet_noise_stay_below_it()
    {
        var speech = FakeAudio.Speech(1000, rms: 3000);
        speech.Should().HaveCount(8000);
        speech.Chunk(160).Should().OnlyContain(frame => FakeAudio.Rms(frame) > 2700 && FakeAudio.Rms(frame) < 3300);
        FakeAudio.Rms(FakeAudio.Silence(100)).Should().Be(0);
        FakeAudio.Rms(FakeAudio.Noise(1000, rms: 200)).Should().BeInRange(150, 250);
        FakeAudio.Speech(200, seed: 1).Should().NotEqual(FakeAudio.Speech(200, seed: 2), "seeded speech is told apart");
    }

    [Fact]
    public void Heard_prefix_length_finds_how_much_of_a_sent_clip_was_heard()
    {
        var clip = FakeAudio.Speech(500, seed: 7);
        byte[] heard = [.. FakeAudio.Silence(100), .. clip.AsSpan(0, 1234), .. FakeAudio.Speech(100, seed: 8)];

        FakeAudio.HeardPrefixLength(heard, clip).Should().Be(1234);
        FakeAudio.HeardPrefixLength(heard, clip.AsSpan(0, 40)).Should().Be(40);
        FakeAudio.HeardPrefixLength(FakeAudio.Silence(100), clip).Should().Be(0);
        FakeAudio.HeardPrefixLength(heard, FakeAudio.Speech(500, seed: 9)).Should().Be(0);
    }
}
