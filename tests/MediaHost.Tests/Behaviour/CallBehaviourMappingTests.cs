using ProSaaS.Domain.Calls.Conversation;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Behaviour;

namespace ProSaaS.MediaHost.Tests.Behaviour;

public sealed class CallBehaviourMappingTests
{
    [Fact]
    public void Every_setting_of_the_call_comes_from_its_configuration()
    {
        var config = CallDriver.NewConfig(botSpeaksFirst: false, greeting: "היי", autoEndOnLeadCaptured: false, autoEndOnGoodbye: false,
            silence: new CallSilence(5, 30, 3), maxCallSeconds: 900, language: "en") with { Voice = "cedar" };

        var (settings, problems) = CallBehaviourMapping.ToSettings(config, KeypadMenu.Suggested);

        problems.Should().BeEmpty();
        settings.Should().BeEquivalentTo(CallBehaviourSettings.Default with
        {
            BotSpeaksFirst = false,
            Greeting = "היי",
            AutoEndOnLeadCaptured = false,
            AutoEndOnGoodbye = false,
            SilenceWarningAfterSeconds = 5,
            SilenceHangupAfterSeconds = 30,
            MaxSilenceWarnings = 3,
            MaxCallSeconds = 900,
            Voice = "cedar",
            Language = "en",
            KeypadMenu = KeypadMenu.Suggested,
        });
        settings.Lines.Should().Be(CallPhrases.English);
    }

    [Theory]
    [InlineData(0, 20, 2)]
    [InlineData(20, 20, 2)]
    [InlineData(8, 20, 9)]
    [InlineData(8, 20, -1)]
    public void Silence_rules_that_cannot_run_give_way_to_the_defaults_and_are_named(int warning, int hangup, int warnings)
    {
        var (settings, problems) = CallBehaviourMapping.ToSettings(CallDriver.NewConfig(silence: new CallSilence(warning, hangup, warnings)));

        settings.Silence.Should().Be(CallBehaviourSettings.Default.Silence);
        problems.Should().ContainSingle().Which.Should().StartWith("silence");
    }

    [Fact]
    public void A_call_without_a_longest_length_gets_the_default_one()
    {
        var (settings, problems) = CallBehaviourMapping.ToSettings(CallDriver.NewConfig(maxCallSeconds: 0));

        settings.MaxCallSeconds.Should().Be(CallBehaviourSettings.Default.MaxCallSeconds);
        problems.Should().ContainSingle().Which.Should().StartWith("maxCallSeconds");
    }
}
