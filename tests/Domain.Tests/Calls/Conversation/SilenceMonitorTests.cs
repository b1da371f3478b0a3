using System.Globalization;
using ProSaaS.Domain.Calls.Conversation;

namespace ProSaaS.Domain.Tests.Calls.Conversation;

public sealed class SilenceMonitorTests
{
    /// <summary>
    /// Runs <paramref name="script"/> through a monitor started at 0 with <paramref name="rules"/> ("W/H/M" seconds and
    /// warnings). Steps, each a letter and a time in seconds: <c>t</c> tick with the assistant quiet, <c>T</c> tick while it
    /// speaks, <c>s</c>/<c>p</c> caller starts/stops speaking, <c>k</c> another sign of the caller (a transcript, a key),
    /// <c>a</c> the assistant's audio stopped, <c>h</c> hold. <c>t1-25</c> ticks every second from 1 to 25. Verdicts come
    /// back as "W1@8" (warning 1 at the tick at 8 s) and "H@20" (hang up at 20 s).
    /// </summary>
    private static string Run(string rules, string script)
    {
        var parts = rules.Split('/').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var monitor = SilenceMonitor.Start(SilenceRules.FromSeconds(parts[0], parts[1], parts[2]), TimeSpan.Zero);
        var verdicts = new List<string>();
        foreach (var token in script.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var kind = token[0];
            var range = token[1..].Split('-');
            var from = double.Parse(range[0], CultureInfo.InvariantCulture);
            var to = range.Length > 1 ? double.Parse(range[1], CultureInfo.InvariantCulture) : from;
            for (var second = from; second <= to; second++)
            {
                var at = TimeSpan.FromSeconds(second);
                switch (kind)
                {
                    case 't' or 'T':
                        var step = monitor.Tick(at, assistantSpeaking: kind == 'T');
                        monitor = step.Monitor;
                        if (step.Verdict.Kind == SilenceVerdictKind.Warn)
                        {
                            verdicts.Add($"W{step.Verdict.Warning}@{second.ToString(CultureInfo.InvariantCulture)}");
                        }
                        else if (step.Verdict.Kind == SilenceVerdictKind.HangUp)
                        {
                            verdicts.Add($"H@{second.ToString(CultureInfo.InvariantCulture)}");
                        }

                        break;
                    case 's': monitor = monitor.CallerStartedSpeaking(at); break;
                    case 'p': monitor = monitor.CallerStoppedSpeaking(at); break;
                    case 'k': monitor = monitor.CallerActed(at); break;
                    case 'a': monitor = monitor.AssistantStopped(at); break;
                    case 'h': monitor = monitor.Hold(at); break;
                    default: throw new ArgumentException($"unknown step '{token}'");
                }
            }
        }

        return string.Join(' ', verdicts);
    }

    [Theory]
    // The defaults: warnings after 8 and 14 s of silence, goodbye after 20 s; nothing after that.
    [InlineData("8/20/2", "t1-40", "W1@8 W2@14 H@20")]
    // Three warnings spread evenly between 6 and 25 s (6, 12⅓, 18⅔).
    [InlineData("6/25/3", "t1-40", "W1@6 W2@13 W3@19 H@25")]
    // No warnings: the goodbye comes at the hang-up time.
    [InlineData("8/20/0", "t1-40", "H@20")]
    // Five warnings, the most the settings allow.
    [InlineData("3/8/5", "t1-10", "W1@3 W2@4 W3@5 W4@6 W5@7 H@8")]
    // The assistant's speech (its warnings, an answer) is not the caller's silence: counting pauses while it speaks.
    [InlineData("8/20/2", "t1-8 T9-12 t13-30", "W1@8 W2@18 H@24")]
    // The count resumes from the moment the assistant's audio stopped.
    [InlineData("8/20/2", "t1-4 T5 a5.5 t6-20", "W1@10 W2@16")]
    // Caller speech starts the count afresh and forgets the warnings given.
    [InlineData("8/20/2", "t1-9 s10 t11-15 p15.5 t16-40", "W1@8 W1@24 W2@30 H@36")]
    // While the caller speaks nothing counts, however long.
    [InlineData("8/20/2", "s1 t2-60", "")]
    // A transcript or a key press resets the count as speech does.
    [InlineData("8/20/2", "t1-15 k15 t16-40", "W1@8 W2@14 W1@23 W2@29 H@35")]
    // Holding (waiting for an answer to the caller's goodbye) leaves the held time out.
    [InlineData("8/20/2", "t1-5 h10 t11-14", "W1@13")]
    // One verdict per tick: a late tick that crosses both warnings warns once; the next tick gives the second.
    [InlineData("8/20/2", "t1 t15 t16", "W1@15 W2@16")]
    // A tick past the hang-up time hangs up at once, without the warnings.
    [InlineData("8/20/2", "t1 t30 t31", "H@30")]
    // After the hang-up verdict the monitor is spent: neither speech nor time revives it.
    [InlineData("8/20/0", "t1-20 s21 p22 t23-60", "H@20")]
    // A tick older than the last one counts nothing.
    [InlineData("8/20/2", "t5 h7 t6 t7 t14", "W1@14")]
    public void Warnings_and_the_hang_up_follow_the_silence(string rules, string script, string expected)
    {
        Run(rules, script).Should().Be(expected);
    }

    [Theory]
    [InlineData(8, 20, 2, 1, 8)]
    [InlineData(8, 20, 2, 2, 14)]
    [InlineData(6, 25, 3, 2, 12.333)]
    [InlineData(6, 25, 3, 3, 18.667)]
    [InlineData(3, 600, 5, 5, 480.6)]
    public void Warnings_are_spread_evenly_between_the_first_and_the_hang_up(int warn, int hangup, int max, int number, double expectedSeconds)
    {
        SilenceRules.FromSeconds(warn, hangup, max).WarningDueAfter(number).TotalSeconds.Should().BeApproximately(expectedSeconds, 0.001);
    }

    [Theory]
    [InlineData(0, 20, 2)]
    [InlineData(20, 20, 2)]
    [InlineData(25, 20, 2)]
    [InlineData(8, 20, -1)]
    [InlineData(8, 20, 6)]
    public void Rules_that_cannot_work_are_refused(int warn, int hangup, int max)
    {
        var start = () => SilenceMonitor.Start(SilenceRules.FromSeconds(warn, hangup, max), TimeSpan.Zero);

        start.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void A_warning_number_outside_the_rules_is_refused()
    {
        var rules = SilenceRules.FromSeconds(8, 20, 2);

        rules.Invoking(r => r.WarningDueAfter(0)).Should().Throw<ArgumentOutOfRangeException>();
        rules.Invoking(r => r.WarningDueAfter(3)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void The_monitor_tells_what_it_has_counted_and_changes_nothing_in_place()
    {
        var start = SilenceMonitor.Start(SilenceRules.FromSeconds(8, 20, 2), TimeSpan.Zero);

        var step = start.Tick(TimeSpan.FromSeconds(9), assistantSpeaking: false);

        step.Verdict.Should().Be(new SilenceVerdict(SilenceVerdictKind.Warn, 1));
        step.Monitor.Silence.Should().Be(TimeSpan.FromSeconds(9));
        step.Monitor.WarningsGiven.Should().Be(1);
        start.Silence.Should().Be(TimeSpan.Zero);
        start.WarningsGiven.Should().Be(0);
        step.Monitor.CallerStartedSpeaking(TimeSpan.FromSeconds(10)).Should().Match<SilenceMonitor>(m => m.CallerSpeaking && m.WarningsGiven == 0);
    }
}
