using ProSaaS.Domain.Calls.Conversation;

namespace ProSaaS.Domain.Tests.Calls.Conversation;

public sealed class SpeechGateTests
{
    private static readonly TimeSpan Frame = SpeechGateOptions.FrameLength;

    /// <summary>
    /// Plays <paramref name="levels"/> through a gate with the default options, one character per 20 ms frame ('.' line hiss
    /// at 50, 'n' noise at 250, 'e' the assistant's echo at 600, 'X' speech at 2000), with the assistant playing where
    /// <paramref name="assistant"/> has 'A'. Edges come back as "+N" (started at frame N) and "-N" (stopped at frame N).
    /// </summary>
    private static string Play(string levels, string? assistant = null, SpeechGateOptions? options = null)
    {
        var gate = SpeechGate.Create(options);
        var edges = new List<string>();
        for (var i = 0; i < levels.Length; i++)
        {
            var rms = levels[i] switch
            {
                '.' => 50,
                'n' => 250,
                'e' => 600,
                'X' => 2000,
                _ => throw new ArgumentException($"unknown level '{levels[i]}'"),
            };
            var playing = assistant is not null && i < assistant.Length && assistant[i] == 'A';
            var step = gate.Observe(new SpeechFrame(i * Frame, rms, playing));
            gate = step.Gate;
            switch (step.Edge.Kind)
            {
                case SpeechEdgeKind.SpeechStarted:
                    edges.Add($"+{step.Edge.At / Frame}{(step.Edge.DuringAssistantSpeech ? "b" : string.Empty)}");
                    break;
                case SpeechEdgeKind.SpeechStopped:
                    edges.Add($"-{step.Edge.At / Frame}");
                    break;
            }
        }

        return string.Join(' ', edges);
    }

    [Theory]
    // Layer 1: below the silence level nothing opens, however long.
    [InlineData("........................................................................", "")]
    // Layer 2: loud bursts shorter than five frames (clicks, pops) never open a turn.
    [InlineData("..XXXX....XXXX....X.X.X.X.X....nnnn.....", "")]
    // Five consecutive loud frames open the turn at the first of them; 25 quiet frames (500 ms) close it after the last loud one.
    [InlineData("..XXXXX..........................", "+2 -7")]
    [InlineData("..nnnnn..........................", "+2 -7")]
    // Pauses between words shorter than 500 ms stay inside the turn.
    [InlineData("..XXXXXXXX....................XXXX.......................XX............................", "+2 -59")]
    // Quiet frames that are still above the silence level keep the turn open.
    [InlineData("..XXXXXnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn.........................", "+2 -38")]
    // Two turns.
    [InlineData("XXXXXX...........................XXXXXXXXX...........................", "+0 -6 +33 -42")]
    public void Turns_open_on_persistent_energy_and_close_after_half_a_second_of_quiet(string levels, string expected)
    {
        Play(levels).Should().Be(expected);
    }

    [Theory]
    // The assistant's echo while it plays does not open a turn.
    [InlineData("eeeeeeeeeeeeeeeeeeee....", "AAAAAAAAAAAAAAAAAAAA", "")]
    // Nor during the 400 ms cooldown after it stops: the last playing frame is 9, the cooldown lasts until frame 30.
    [InlineData("eeeeeeeeeeeeeeeeeeeeeeeeeeeeee.......", "AAAAAAAAAA", "")]
    // The same level once the cooldown is over opens after five frames counted from the end of the cooldown.
    [InlineData("eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee..............................", "AAAAAAAAAA", "+30 -37")]
    // A caller talking over the assistant opens a turn (a barge-in), but only after ten loud frames.
    [InlineData("XXXXXXXXX.......................", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "")]
    [InlineData("XXXXXXXXXX..........................", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "+0b -10")]
    // Loud speech right after the assistant stops is a barge-in by the cooldown's rules too.
    [InlineData(".....XXXXXXXXXX.........................", "AAAA", "+5b -15")]
    // Outside playing and cooldown, the ordinary rules apply again.
    [InlineData("..........................XXXXX.........................", "AAAA", "+26 -31")]
    public void The_assistants_echo_does_not_open_a_turn_but_a_barge_in_does(string levels, string assistant, string expected)
    {
        Play(levels, assistant).Should().Be(expected);
    }

    [Fact]
    public void With_an_infinite_echo_level_nothing_opens_while_the_assistant_plays()
    {
        var options = new SpeechGateOptions { EchoRms = double.PositiveInfinity };

        Play("XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", options).Should().BeEmpty();
    }

    [Fact]
    public void A_frame_at_the_threshold_is_loud()
    {
        var options = new SpeechGateOptions { SilenceRms = 250 };

        Play("nnnnn", options: options).Should().Be("+0");
    }

    [Fact]
    public void A_gap_of_lost_frames_breaks_a_run_of_loud_frames()
    {
        var gate = SpeechGate.Create();
        var at = TimeSpan.Zero;
        foreach (var _ in Enumerable.Range(0, 4))
        {
            gate = gate.Observe(new SpeechFrame(at, 2000, false)).Gate;
            at += Frame;
        }

        // 80 ms missing: the next four loud frames start a new run and do not open the turn.
        at += TimeSpan.FromMilliseconds(80);
        var edges = new List<SpeechEdge>();
        foreach (var _ in Enumerable.Range(0, 4))
        {
            var step = gate.Observe(new SpeechFrame(at, 2000, false));
            gate = step.Gate;
            edges.Add(step.Edge);
            at += Frame;
        }

        edges.Should().OnlyContain(e => e.Kind == SpeechEdgeKind.None);
        gate.Observe(new SpeechFrame(at, 2000, false)).Edge.Should().Be(new SpeechEdge(SpeechEdgeKind.SpeechStarted, at - (4 * Frame)));
    }

    [Fact]
    public void A_short_gap_of_one_lost_frame_does_not_break_the_run()
    {
        var gate = SpeechGate.Create();
        TimeSpan[] times = [Ms(0), Ms(20), Ms(60), Ms(80), Ms(100)];
        var edges = new List<SpeechEdge>();
        foreach (var at in times)
        {
            var step = gate.Observe(new SpeechFrame(at, 2000, false));
            gate = step.Gate;
            edges.Add(step.Edge);
        }

        edges[^1].Should().Be(new SpeechEdge(SpeechEdgeKind.SpeechStarted, TimeSpan.Zero));
    }

    [Fact]
    public void A_long_gap_while_speaking_is_quiet_and_closes_the_turn_at_the_next_frame()
    {
        var gate = SpeechGate.Create();
        for (var i = 0; i < 5; i++)
        {
            gate = gate.Observe(new SpeechFrame(i * Frame, 2000, false)).Gate;
        }

        gate.IsOpen.Should().BeTrue();

        var step = gate.Observe(new SpeechFrame(Ms(2000), 50, false));

        step.Edge.Should().Be(new SpeechEdge(SpeechEdgeKind.SpeechStopped, Ms(100)));
        step.Gate.IsOpen.Should().BeFalse();
    }

    [Fact]
    public void Frames_out_of_order_or_repeated_are_ignored()
    {
        var gate = SpeechGate.Create();
        for (var i = 0; i < 4; i++)
        {
            gate = gate.Observe(new SpeechFrame(i * Frame, 2000, false)).Gate;
        }

        var repeated = gate.Observe(new SpeechFrame(3 * Frame, 2000, false));
        var older = gate.Observe(new SpeechFrame(Frame, 2000, false));

        repeated.Gate.Should().Be(gate);
        repeated.Edge.Kind.Should().Be(SpeechEdgeKind.None);
        older.Gate.Should().Be(gate);
        gate.Observe(new SpeechFrame(4 * Frame, 2000, false)).Edge.Kind.Should().Be(SpeechEdgeKind.SpeechStarted);
    }

    [Fact]
    public void Observing_leaves_the_gate_it_was_called_on_unchanged()
    {
        var gate = SpeechGate.Create();
        for (var i = 0; i < 4; i++)
        {
            gate = gate.Observe(new SpeechFrame(i * Frame, 2000, false)).Gate;
        }

        var opened = gate.Observe(new SpeechFrame(4 * Frame, 2000, false));

        opened.Gate.IsOpen.Should().BeTrue();
        gate.IsOpen.Should().BeFalse();
        gate.Observe(new SpeechFrame(4 * Frame, 2000, false)).Should().Be(opened);
    }

    [Fact]
    public void A_default_gate_uses_the_default_options()
    {
        default(SpeechGate).Options.Should().Be(SpeechGateOptions.Default);
        SpeechGate.Create().Options.Should().Be(SpeechGateOptions.Default);
    }

    public static TheoryData<string, SpeechGateOptions> InvalidOptions() => new()
    {
        { nameof(SpeechGateOptions.SilenceRms), new SpeechGateOptions { SilenceRms = 0 } },
        { nameof(SpeechGateOptions.SilenceRms), new SpeechGateOptions { SilenceRms = double.NaN } },
        { nameof(SpeechGateOptions.OpenFrames), new SpeechGateOptions { OpenFrames = 0 } },
        { nameof(SpeechGateOptions.CloseAfter), new SpeechGateOptions { CloseAfter = TimeSpan.Zero } },
        { nameof(SpeechGateOptions.EchoCooldown), new SpeechGateOptions { EchoCooldown = TimeSpan.FromMilliseconds(-1) } },
        { nameof(SpeechGateOptions.EchoRms), new SpeechGateOptions { EchoRms = 100 } },
        { nameof(SpeechGateOptions.EchoOpenFrames), new SpeechGateOptions { EchoOpenFrames = 4 } },
        { nameof(SpeechGateOptions.MaxFrameGap), new SpeechGateOptions { MaxFrameGap = TimeSpan.FromMilliseconds(10) } },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Contradictory_options_are_refused(string name, SpeechGateOptions options)
    {
        var create = () => SpeechGate.Create(options);

        create.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(name);
    }

    private static TimeSpan Ms(int milliseconds) => TimeSpan.FromMilliseconds(milliseconds);
}
