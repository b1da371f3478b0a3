using ProSaaS.Sandbox;

namespace ProSaaS.MediaHost.Tests.Sandbox;

/// <summary>The sandbox voice: espeak-ng (installed on the build machines) to µ-law 8 kHz, cached; a tone when it cannot speak.</summary>
public sealed class SandboxVoiceTests
{
    [Theory]
    [InlineData("שלום, כאן נועה מהמספרה. במה אפשר לעזור?", SandboxLanguage.Hebrew)]
    [InlineData("Hello, this is the salon. How can I help you?", SandboxLanguage.English)]
    public void Speaks_a_line_as_telephone_audio_of_plausible_length(string text, SandboxLanguage language)
    {
        var voice = new SandboxVoice();
        var audio = voice.Speak(text, language);

        voice.UsesFallback.Should().BeFalse("espeak-ng is installed here");
        var milliseconds = audio.Length / FakeAudio.BytesPerMillisecond;
        milliseconds.Should().BeInRange(1200, 8000, "a short sentence takes a few seconds to say");
        FakeAudio.Rms(audio).Should().BeGreaterThan(1000, "it is speech the turn detection hears, not silence");
        voice.Speak(text, language).Should().BeSameAs(audio, "each line is synthesised once");
        voice.Speak(text, language, female: false).Should().NotBeSameAs(audio);
    }

    [Fact]
    public void Hebrew_and_English_voices_differ_and_empty_text_is_silent()
    {
        var voice = new SandboxVoice();
        voice.Speak("12:30", SandboxLanguage.Hebrew).Should().NotEqual(voice.Speak("12:30", SandboxLanguage.English));
        voice.Speak("   ").Should().BeEmpty();
    }

    [Fact]
    public void Without_espeak_ng_a_tone_of_the_lines_length_stands_in()
    {
        var voice = new SandboxVoice(new SandboxVoiceOptions { Program = "/nonexistent/espeak-ng" });
        var text = "שלום, כאן נועה מהמספרה. במה אפשר לעזור?";
        var audio = voice.Speak(text);

        voice.UsesFallback.Should().BeTrue();
        audio.Length.Should().Be(SandboxVoice.EstimatedMilliseconds(text) * FakeAudio.BytesPerMillisecond);
        FakeAudio.Rms(audio).Should().BeGreaterThan(1000);
        voice.Speak("Another line", SandboxLanguage.English).Should().NotEqual(audio);
    }

    [Fact]
    public void A_streamed_16_bit_WAV_is_resampled_to_8_kHz()
    {
        // One second of a 440 Hz tone at 22,050 Hz, with the data size a streamed WAV carries (larger than the file).
        const int rate = 22050;
        var samples = new byte[rate * 2];
        for (var i = 0; i < rate; i++)
        {
            BitConverter.TryWriteBytes(samples.AsSpan(i * 2), (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / rate)));
        }

        var wav = ProSaaS.Domain.Files.WaveFile.Create(ProSaaS.Domain.Files.WaveEncoding.Pcm16, rate, 1, samples);
        BitConverter.TryWriteBytes(wav.AsSpan(40), 0x7FFFF000);
        var audio = SandboxVoice.WavToMuLaw(wav)!;

        audio.Length.Should().BeCloseTo(8000, 2);
        FakeAudio.Rms(audio).Should().BeInRange(5000, 6200, "a 440 Hz tone keeps its level (8000 / √2) through the low-pass");
        SandboxVoice.WavToMuLaw("not a wav file"u8).Should().BeNull();
    }
}
