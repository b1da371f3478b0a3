using ProSaaS.Domain.Calls.Conversation;
using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.Tests.Calls.Conversation;

public sealed class KeypadMenuTests
{
    [Fact]
    public void The_suggested_menu_is_announced_in_hebrew_in_its_order()
    {
        var menu = KeypadMenu.Suggested;

        menu.SpokenText.Should().Be(
            "למחלקת המכירות הקישו אחת. ללקוחות קיימים הקישו שתיים. לשיחה חוזרת מנציג הקישו אפס. לשמיעה חוזרת של התפריט הקישו תשע.");
        menu.Find('1')!.Action.Should().Be(KeypadAction.Sales);
        menu.Find('2')!.Action.Should().Be(KeypadAction.ExistingCustomer);
        menu.Find('0')!.Action.Should().Be(KeypadAction.HumanCallback);
        menu.Find('9')!.Action.Should().Be(KeypadAction.Repeat);
        menu.Find('5').Should().BeNull();
        menu.ToString().Should().Be("1→Sales 2→ExistingCustomer 0→HumanCallback 9→Repeat");
    }

    [Fact]
    public void A_business_names_its_options_and_gives_custom_keys_their_text()
    {
        var menu = KeypadMenu.Create(
        [
            new KeypadMenuEntry('3', KeypadAction.CustomText, "  לשעות הפתיחה ", " אנחנו פתוחים בימים א׳–ה׳ מתשע עד שש. "),
            new KeypadMenuEntry('#', KeypadAction.Sales, "להזמנת שירות"),
            new KeypadMenuEntry('*', KeypadAction.Repeat),
        ]);

        menu.SpokenText.Should().Be("לשעות הפתיחה הקישו שלוש. להזמנת שירות הקישו סולמית. לשמיעה חוזרת של התפריט הקישו כוכבית.");
        menu.Find('3')!.Text.Should().Be("אנחנו פתוחים בימים א׳–ה׳ מתשע עד שש.");
        menu.Find('3')!.Label.Should().Be("לשעות הפתיחה");
    }

    [Theory]
    [InlineData('0', "אפס")]
    [InlineData('1', "אחת")]
    [InlineData('2', "שתיים")]
    [InlineData('3', "שלוש")]
    [InlineData('4', "ארבע")]
    [InlineData('5', "חמש")]
    [InlineData('6', "שש")]
    [InlineData('7', "שבע")]
    [InlineData('8', "שמונה")]
    [InlineData('9', "תשע")]
    [InlineData('*', "כוכבית")]
    [InlineData('#', "סולמית")]
    public void Every_key_is_said_as_a_word(char key, string spoken)
    {
        KeypadMenu.SpokenKey(key).Should().Be(spoken);
    }

    [Fact]
    public void A_key_outside_the_keypad_has_no_spoken_form()
    {
        var speak = () => KeypadMenu.SpokenKey('A');

        speak.Should().Throw<ArgumentOutOfRangeException>();
    }

    public static TheoryData<string, KeypadMenuEntry?[], string[]> InvalidMenus() => new()
    {
        { "no entries", [], ["keypad.empty"] },
        { "a missing entry", [new KeypadMenuEntry('1', KeypadAction.Sales), null], ["keypad.entry_missing"] },
        { "a letter key", [new KeypadMenuEntry('A', KeypadAction.Sales)], ["keypad.key_invalid"] },
        { "a space key", [new KeypadMenuEntry(' ', KeypadAction.Sales)], ["keypad.key_invalid"] },
        { "an arabic-indic digit", [new KeypadMenuEntry('٣', KeypadAction.Sales)], ["keypad.key_invalid"] },
        { "a key twice", [new KeypadMenuEntry('1', KeypadAction.Sales), new KeypadMenuEntry('1', KeypadAction.Repeat)], ["keypad.key_duplicate"] },
        { "an unknown action", [new KeypadMenuEntry('1', (KeypadAction)42)], ["keypad.action_unknown"] },
        { "a custom key without a label", [new KeypadMenuEntry('1', KeypadAction.CustomText, null, "טקסט")], ["keypad.label_required"] },
        { "a custom key without text", [new KeypadMenuEntry('1', KeypadAction.CustomText, "לשעות", "  ")], ["keypad.text_required"] },
        { "a custom text too long", [new KeypadMenuEntry('1', KeypadAction.CustomText, "לשעות", new string('א', 501))], ["keypad.text_too_long"] },
        { "a label too long", [new KeypadMenuEntry('1', KeypadAction.Sales, new string('א', 61))], ["keypad.label_too_long"] },
        { "text on a built-in action", [new KeypadMenuEntry('1', KeypadAction.Sales, null, "טקסט")], ["keypad.text_not_allowed"] },
        {
            "every broken rule is listed",
            [
                new KeypadMenuEntry('x', KeypadAction.Sales),
                new KeypadMenuEntry('2', KeypadAction.CustomText),
                new KeypadMenuEntry('2', KeypadAction.Repeat, null, "טקסט"),
            ],
            ["keypad.key_invalid", "keypad.label_required", "keypad.text_required", "keypad.key_duplicate", "keypad.text_not_allowed"]
        },
    };

    [Theory]
    [MemberData(nameof(InvalidMenus))]
    public void Invalid_menus_are_refused_with_a_stable_code_and_a_hebrew_message(string because, KeypadMenuEntry?[] entries, string[] codes)
    {
        var errors = KeypadMenu.Validate(entries);

        errors.Select(e => e.Code).Should().Equal(codes, because);
        errors.Should().OnlyContain(e => e.Message.Any(c => c >= 'א' && c <= 'ת'));
        if (!entries.Contains(null))
        {
            var create = () => KeypadMenu.Create(entries!);
            create.Should().Throw<DomainException>().Which.Code.Should().Be(codes[0]);
        }
    }

    [Fact]
    public void Limits_are_inclusive_and_all_twelve_keys_may_be_used()
    {
        var entries = KeypadMenu.AllowedKeys.Select(k => new KeypadMenuEntry(k, KeypadAction.CustomText, new string('ל', 60), new string('א', 500))).ToList();

        KeypadMenu.Validate(entries).Should().BeEmpty();
        KeypadMenu.Create(entries).Entries.Should().HaveCount(12);
        KeypadMenu.Validate(null).Select(e => e.Code).Should().Equal("keypad.empty");
    }
}

public sealed class DigitCollectorTests
{
    /// <summary>
    /// Presses <paramref name="keys"/> one second apart from 0 s, then ticks at <paramref name="tickAt"/> seconds (when
    /// given). Every finished entry comes back as "digits|e164|end", joined by "; ".
    /// </summary>
    private static string Enter(string keys, double? tickAt = null)
    {
        var collector = DigitCollector.Create();
        var results = new List<string>();
        for (var i = 0; i < keys.Length; i++)
        {
            var step = collector.Press(keys[i], TimeSpan.FromSeconds(i));
            collector = step.Collector;
            Add(step.Result);
        }

        if (tickAt is { } seconds)
        {
            var step = collector.Tick(TimeSpan.FromSeconds(seconds));
            collector = step.Collector;
            Add(step.Result);
        }

        return string.Join("; ", results);

        void Add(DigitEntryResult? result)
        {
            if (result is not null)
            {
                results.Add($"{result.Digits}|{result.E164}|{result.EndedBy}");
                result.IsValid.Should().Be(result.E164 is not null);
                collector.Digits.Should().BeEmpty("a finished entry leaves the collector empty for the next attempt");
            }
        }
    }

    [Theory]
    // A mobile number ends by itself at its 10th digit; a landline at its 9th; with 972 instead of the 0, at 12 and 11.
    [InlineData("0521234567", null, "0521234567|+972521234567|ExpectedLength")]
    [InlineData("0771234567", null, "0771234567|+972771234567|ExpectedLength")]
    [InlineData("031234567", null, "031234567|+97231234567|ExpectedLength")]
    [InlineData("044123456", null, "044123456|+97244123456|ExpectedLength")]
    [InlineData("089123456", null, "089123456|+97289123456|ExpectedLength")]
    [InlineData("972521234567", null, "972521234567|+972521234567|ExpectedLength")]
    [InlineData("97231234567", null, "97231234567|+97231234567|ExpectedLength")]
    // # ends the entry early; too short is invalid.
    [InlineData("052123#", null, "052123||Hash")]
    [InlineData("521234567#", null, "521234567|+972521234567|Hash")]
    [InlineData("00972521234567#", null, "00972521234567|+972521234567|Hash")]
    // * clears what was keyed so far; # with nothing keyed does nothing; A–D are ignored.
    [InlineData("05212*0521234567", null, "0521234567|+972521234567|ExpectedLength")]
    [InlineData("#", null, "")]
    [InlineData("*#*#", null, "")]
    [InlineData("0521A23B4567", null, "0521234567|+972521234567|ExpectedLength")]
    // A pause of five seconds ends the entry; a shorter one does not.
    [InlineData("052123", 10.0, "052123||Pause")]
    [InlineData("052123", 9.9, "")]
    [InlineData("0", 6.0, "0||Pause")]
    [InlineData("", 60.0, "")]
    // Numbers a caller cannot be called back on are refused: special services, unknown prefixes, foreign numbers.
    [InlineData("1800123456#", null, "1800123456||Hash")]
    [InlineData("0611111111#", null, "0611111111||Hash")]
    [InlineData("0014155550100#", null, "0014155550100||Hash")]
    // More digits than any phone number has ends the entry as invalid.
    [InlineData("1234567890123456", null, "1234567890123456||TooLong")]
    // The collector takes one attempt after another.
    [InlineData("0521234567031234567", null, "0521234567|+972521234567|ExpectedLength; 031234567|+97231234567|ExpectedLength")]
    [InlineData("0212345678", 20.0, "021234567|+97221234567|ExpectedLength; 8||Pause")]
    public void Keyed_numbers_end_on_hash_a_pause_or_their_length(string keys, double? tickAt, string expected)
    {
        Enter(keys, tickAt).Should().Be(expected);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("0", null)]
    [InlineData("05", 10)]
    [InlineData("07", 10)]
    [InlineData("02", 9)]
    [InlineData("03", 9)]
    [InlineData("04", 9)]
    [InlineData("08", 9)]
    [InlineData("09", 9)]
    [InlineData("01", null)]
    [InlineData("06", null)]
    [InlineData("00", null)]
    [InlineData("972", null)]
    [InlineData("9725", 12)]
    [InlineData("9723", 11)]
    [InlineData("9721", null)]
    [InlineData("52", null)]
    public void The_prefix_tells_the_length(string digits, int? expected)
    {
        DigitCollector.ExpectedLength(digits).Should().Be(expected);
    }

    [Theory]
    [InlineData("0521234567", "+972521234567")]
    [InlineData("052-123-4567", "+972521234567")]
    [InlineData("+972 52 123 4567", "+972521234567")]
    [InlineData("03-1234567", "+97231234567")]
    [InlineData("0771234567", "+972771234567")]
    [InlineData("1-800-123-456", null)]
    [InlineData("+1 415 555 0100", null)]
    [InlineData("052123456", null)]
    [InlineData("05212345678", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Only_israeli_numbers_a_caller_can_be_reached_on_are_read(string? text, string? expected)
    {
        DigitCollector.TryReadIsraeliPhone(text, out var e164).Should().Be(expected is not null);
        e164.Should().Be(expected ?? string.Empty);
    }

    [Fact]
    public void Options_that_cannot_work_are_refused()
    {
        ((Func<DigitCollector>)(() => DigitCollector.Create(new DigitCollectorOptions { PauseTimeout = TimeSpan.Zero })))
            .Should().Throw<ArgumentOutOfRangeException>();
        ((Func<DigitCollector>)(() => DigitCollector.Create(new DigitCollectorOptions { MaxDigits = 0 })))
            .Should().Throw<ArgumentOutOfRangeException>();
    }
}

public sealed class PhoneNumberEntryTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private static (PhoneNumberEntry Entry, List<NumberEntryOutcome> Outcomes) Keys(PhoneNumberEntry entry, string keys, TimeSpan from)
    {
        var outcomes = new List<NumberEntryOutcome>();
        for (var i = 0; i < keys.Length; i++)
        {
            var step = entry.Key(keys[i], from + (i * Second));
            entry = step.Entry;
            if (step.Outcome is { } outcome)
            {
                outcomes.Add(outcome);
            }
        }

        return (entry, outcomes);
    }

    [Fact]
    public void A_spoken_number_completes_the_entry_and_keys_after_it_are_ignored()
    {
        var step = PhoneNumberEntry.Start().Spoken("0521234567", Second);

        step.Outcome.Should().Be(new NumberEntryOutcome(NumberEntryStatus.Captured, NumberSource.Speech, "+972521234567", "0521234567"));
        step.Entry.IsFinished.Should().BeTrue();
        Keys(step.Entry, "031234567", 2 * Second).Outcomes.Should().BeEmpty();
    }

    [Fact]
    public void Keys_that_complete_first_win_and_later_speech_is_ignored()
    {
        var (entry, outcomes) = Keys(PhoneNumberEntry.Start(), "0541112233", Second);

        outcomes.Should().Equal(new NumberEntryOutcome(NumberEntryStatus.Captured, NumberSource.Keypad, "+972541112233", "0541112233"));
        entry.Spoken("0521234567", 20 * Second).Outcome.Should().BeNull();
    }

    [Fact]
    public void A_misheard_spoken_number_is_one_failed_attempt_and_half_typed_keys_are_kept()
    {
        var (typing, _) = Keys(PhoneNumberEntry.Start(), "05411", Second);

        var misheard = typing.Spoken("05212", 6 * Second);
        var (finished, outcomes) = Keys(misheard.Entry, "12233", 7 * Second);

        misheard.Outcome.Should().Be(new NumberEntryOutcome(NumberEntryStatus.Rejected, NumberSource.Speech, null, "05212"));
        misheard.Entry.FailedAttempts.Should().Be(1);
        outcomes.Should().Equal(new NumberEntryOutcome(NumberEntryStatus.Captured, NumberSource.Keypad, "+972541112233", "0541112233"));
        finished.IsFinished.Should().BeTrue();
    }

    [Fact]
    public void Spoken_numbers_are_read_with_their_separators_and_country_code()
    {
        PhoneNumberEntry.Start().Spoken(" +972 52-123-4567 ", Second).Outcome!.E164.Should().Be("+972521234567");
        PhoneNumberEntry.Start().Spoken("03 123 4567", Second).Outcome!.E164.Should().Be("+97231234567");
    }

    [Fact]
    public void Nothing_heard_is_not_an_attempt()
    {
        var entry = PhoneNumberEntry.Start();

        entry.Spoken(null, Second).Should().Be(new NumberEntryStep(entry, null));
        entry.Spoken("  ", Second).Should().Be(new NumberEntryStep(entry, null));
    }

    [Fact]
    public void After_three_failed_attempts_by_either_means_the_entry_is_abandoned()
    {
        var entry = PhoneNumberEntry.Start();

        var first = entry.Spoken("123", Second);
        var (second, secondOutcomes) = Keys(first.Entry, "052#", 2 * Second);
        var third = second.Tick(10 * Second);
        var (afterwards, afterOutcomes) = Keys(Keys(third.Entry, "0", 11 * Second).Entry, "", 12 * Second);
        var pause = afterwards.Tick(30 * Second);

        first.Outcome!.Status.Should().Be(NumberEntryStatus.Rejected);
        secondOutcomes.Should().Equal(new NumberEntryOutcome(NumberEntryStatus.Rejected, NumberSource.Keypad, null, "052"));
        third.Outcome.Should().BeNull("nothing was keyed since the last attempt");
        pause.Outcome.Should().Be(new NumberEntryOutcome(NumberEntryStatus.Abandoned, NumberSource.Keypad, null, "0"));
        pause.Entry.IsFinished.Should().BeTrue();
        pause.Entry.FailedAttempts.Should().Be(3);
        afterOutcomes.Should().BeEmpty();
        pause.Entry.Spoken("0521234567", 31 * Second).Outcome.Should().BeNull();
        pause.Entry.Tick(60 * Second).Outcome.Should().BeNull();
    }

    [Fact]
    public void A_keyed_entry_that_pauses_is_judged_at_the_tick()
    {
        var (typing, _) = Keys(PhoneNumberEntry.Start(maxAttempts: 1), "05411", Second);

        typing.Tick(5 * Second).Outcome.Should().BeNull();
        typing.Tick(10 * Second).Outcome.Should().Be(new NumberEntryOutcome(NumberEntryStatus.Abandoned, NumberSource.Keypad, null, "05411"));
    }

    [Fact]
    public void At_least_one_attempt_is_needed()
    {
        var start = () => PhoneNumberEntry.Start(maxAttempts: 0);

        start.Should().Throw<ArgumentOutOfRangeException>();
    }
}
