namespace ProSaaS.Sandbox;

/// <summary>
/// What the fake caller "says" on a Twilio media stream, in order: audio segments (speech-like tone, silence, noise,
/// raw µ-law) and events at points of the audio (a DTMF digit, a named label, <c>stop</c>, an abrupt drop). The audio
/// is streamed as 160-byte <c>media</c> frames; an event that falls inside a frame ends that frame (padded with
/// silence), and so does the end of the script. Build it fluently:
/// <code>new MediaScript().Silence(300).Speech(1200).Label("turn-1").Silence(700).Dtmf('5')</code>
/// </summary>
public sealed class MediaScript
{
    private readonly List<MediaSegment> _segments = [];

    /// <summary>The segments in order.</summary>
    public IReadOnlyList<MediaSegment> Segments => _segments;

    /// <summary>Milliseconds of audio in the script (events take no time; frame padding not counted).</summary>
    public int AudioMilliseconds => (int)FakeAudio.MillisecondsOf(_segments.OfType<AudioSegment>().Sum(s => (long)s.Audio.Length));

    /// <summary>A voiced, speech-like signal (see <see cref="FakeAudio.Speech"/>) that energy-based detection takes for speech.</summary>
    public MediaScript Speech(int milliseconds, double rms = FakeAudio.DefaultSpeechRms, double frequencyHz = 220) =>
        Add(new AudioSegment(FakeAudio.Speech(milliseconds, rms, frequencyHz), $"speech {milliseconds} ms"));

    /// <summary>Digital silence.</summary>
    public MediaScript Silence(int milliseconds) => Add(new AudioSegment(FakeAudio.Silence(milliseconds), $"silence {milliseconds} ms"));

    /// <summary>Background noise at about <paramref name="rms"/> (below a speech threshold it must not count as speech).</summary>
    public MediaScript Noise(int milliseconds, double rms, int seed = 1) =>
        Add(new AudioSegment(FakeAudio.Noise(milliseconds, rms, seed), $"noise {milliseconds} ms"));

    /// <summary>Raw µ-law bytes, streamed as they are.</summary>
    public MediaScript Audio(byte[] muLaw) => Add(new AudioSegment(muLaw.ToArray(), $"audio {muLaw.Length} bytes"));

    /// <summary>A <c>dtmf</c> event for each digit (0–9, *, #, A–D) at this point of the stream.</summary>
    public MediaScript Dtmf(string digits)
    {
        foreach (var digit in digits)
        {
            Dtmf(digit);
        }

        return this;
    }

    /// <summary>A <c>dtmf</c> event at this point of the stream.</summary>
    public MediaScript Dtmf(char digit)
    {
        if (!"0123456789*#ABCD".Contains(digit, StringComparison.Ordinal))
        {
            throw new ArgumentOutOfRangeException(nameof(digit), digit, "A DTMF digit is 0-9, *, #, or A-D.");
        }

        return Add(new DtmfSegment(digit));
    }

    /// <summary>
    /// Records when the stream reached this point (<see cref="FakeTwilioMediaClient.Labels"/>): e.g. where the caller
    /// stopped speaking, to measure what happened after it.
    /// </summary>
    public MediaScript Label(string name) => Add(new LabelSegment(name));

    /// <summary>Hangs up here: sends <c>stop</c> and closes the socket as Twilio does (see <see cref="FakeTwilioMediaClient.StopAsync"/>).</summary>
    public MediaScript Stop() => Add(new StopSegment());

    /// <summary>Loses the socket here, abruptly (no <c>stop</c>, no close handshake).</summary>
    public MediaScript Drop() => Add(new DropSegment());

    private MediaScript Add(MediaSegment segment)
    {
        _segments.Add(segment);
        return this;
    }
}

/// <summary>One step of a <see cref="MediaScript"/>.</summary>
public abstract record MediaSegment;

/// <summary>µ-law audio streamed as <c>media</c> frames.</summary>
public sealed record AudioSegment(byte[] Audio, string Description) : MediaSegment;

/// <summary>A <c>dtmf</c> message.</summary>
public sealed record DtmfSegment(char Digit) : MediaSegment;

/// <summary>A named point in the stream (recorded, not sent).</summary>
public sealed record LabelSegment(string Name) : MediaSegment;

/// <summary>The caller hangs up: <c>stop</c>, then the close handshake.</summary>
public sealed record StopSegment : MediaSegment;

/// <summary>The socket is lost abruptly.</summary>
public sealed record DropSegment : MediaSegment;
