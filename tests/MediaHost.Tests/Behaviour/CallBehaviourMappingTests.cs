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
            silence: new CallSilence(5, 30, 3), maxCallSeconds: 900, language: "en") with
        {
            Voice = "cedar",
            KeypadMenu =
            [
                new CallKeypadEntry("1", CallKeypadActions.Sales),
                new CallKeypadEntry("2", CallKeypadActions.ExistingCustomer),
                new CallKeypadEntry("0", CallKeypadActions.HumanCallback),
                new CallKeypadEntry("9", CallKeypadActions.Repeat),
            ],
        };

        var (settings, problems) = CallBehaviourMapping.ToSettings(config);

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

    [Fact]
    public void A_keypad_menu_comes_with_its_own_labels_and_texts()
    {
        var config = CallDriver.NewConfig() with
        {
            KeypadMenu =
            [
                new CallKeypadEntry("3", CallKeypadActions.CustomText, "לשעות הפתיחה", "אנחנו פתוחים מראשון עד חמישי."),
                new CallKeypadEntry("#", CallKeypadActions.Repeat, "לשמוע שוב"),
            ],
        };

        var (settings, problems) = CallBehaviourMapping.ToSettings(config);

        problems.Should().BeEmpty();
        settings.KeypadMenu!.Entries.Should().Equal(
            new KeypadMenuEntry('3', KeypadAction.CustomText, "לשעות הפתיחה", "אנחנו פתוחים מראשון עד חמישי."),
            new KeypadMenuEntry('#', KeypadAction.Repeat, "לשמוע שוב"));
        settings.KeypadMenu.SpokenText.Should().Be("לשעות הפתיחה הקישו שלוש. לשמוע שוב הקישו סולמית.");
        CallBehaviourMapping.ToSettings(CallDriver.NewConfig()).Settings.KeypadMenu.Should().BeNull("no menu, no announcement");
    }

    public static TheoryData<string, CallKeypadEntry[]> BrokenMenus => new()
    {
        { "an unknown action", [new CallKeypadEntry("1", "sales"), new CallKeypadEntry("2", "transfer")] },
        { "a key of two characters", [new CallKeypadEntry("12", "sales")] },
        { "a key twice", [new CallKeypadEntry("1", "sales"), new CallKeypadEntry("1", "repeat")] },
        { "custom text without its text", [new CallKeypadEntry("4", "custom_text", "לכתובת")] },
    };

    [Theory]
    [MemberData(nameof(BrokenMenus))]
    public void A_menu_the_domain_would_not_accept_is_left_out_whole_and_named(string because, CallKeypadEntry[] entries)
    {
        var (settings, problems) = CallBehaviourMapping.ToSettings(CallDriver.NewConfig() with { KeypadMenu = entries });

        settings.KeypadMenu.Should().BeNull(because);
        problems.Should().ContainSingle().Which.Should().StartWith("keypad menu");
    }

    [Fact]
    public void The_wire_names_of_the_keypad_actions_are_the_domains_actions_in_snake_case() =>
        Enum.GetValues<KeypadAction>().Select(CallBehaviourMapping.WireName).Should().Equal(CallKeypadActions.All);
}
