using ProSaaS.MediaHost.Calls;

namespace ProSaaS.MediaHost.Tests.Audio;

public sealed class CallerLineTests
{
    private static void Feed(CallerLine line, long fromMs, long toMs, double level, bool assistantPlaying = false)
    {
        for (var at = fromMs; at < toMs; at += 20)
        {
            line.Add(at, level, assistantPlaying);
        }
    }

    [Fact]
    public void A_turn_is_measured_by_its_frames_mean_level_and_whether_the_gate_opened()
    {
        var line = new CallerLine();
        Feed(line, 0, 1000, 10);
        Feed(line, 1000, 2000, 3000);
        Feed(line, 2000, 3000, 10);

        var turn = line.Measure(700, 2000); // with 300 ms of the quiet before it, as the service pads a turn
        turn.Duration.Should().Be(TimeSpan.FromMilliseconds(1300));
        turn.MeanLevel.Should().BeApproximately((15 * 10 + 50 * 3000) / 65.0, 0.1);
        turn.GateOpened.Should().BeTrue();

        line.Measure(2600, 3000).GateOpened.Should().BeFalse("the gate had closed by then");
        line.Measure(0, 900).Should().Be(new ProSaaS.MediaHost.Behaviour.CallerAudio(TimeSpan.FromMilliseconds(900), 10, false));
    }

    [Fact]
    public void Noise_clicks_and_the_assistants_echo_do_not_open_the_gate()
    {
        var line = new CallerLine();
        Feed(line, 0, 1000, 150);                          // line noise under the gate's level
        Feed(line, 1000, 1060, 4000);                      // a click: three loud frames
        Feed(line, 1060, 2000, 0);
        Feed(line, 2000, 3000, 600, assistantPlaying: true); // the assistant's voice coming back down the line
        Feed(line, 3000, 3200, 600);                       // its tail, inside the echo cooldown

        line.Measure(0, 3200).GateOpened.Should().BeFalse();
        line.IsSpeaking.Should().BeFalse();

        Feed(line, 3200, 3800, 2500, assistantPlaying: true); // a caller talking over the assistant
        line.Measure(3200, 3800).GateOpened.Should().BeTrue();
        line.IsSpeaking.Should().BeTrue();
    }

    [Fact]
    public void Frames_older_than_the_history_are_not_counted_and_a_long_turn_is_measured_over_its_end()
    {
        var line = new CallerLine();
        Feed(line, 0, 10_000, 100);
        Feed(line, 10_000, 30_000, 2000);

        var whole = line.Measure(0, 30_000);
        whole.MeanLevel.Should().Be(2000, "only the last 20 s are kept");
        whole.Duration.Should().Be(TimeSpan.FromSeconds(30));
        line.Measure(0, 5000).MeanLevel.Should().Be(0, "those frames are gone");
    }
}
