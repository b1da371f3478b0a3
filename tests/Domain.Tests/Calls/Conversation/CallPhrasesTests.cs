using ProSaaS.Domain.Calls.Conversation;

namespace ProSaaS.Domain.Tests.Calls.Conversation;

public sealed class CallPhrasesTests
{
    [Theory]
    [InlineData("he", "he")]
    [InlineData(null, "he")]
    [InlineData("", "he")]
    [InlineData("ar", "he")]
    [InlineData("en", "en")]
    [InlineData("en-US", "en")]
    [InlineData(" EN ", "en")]
    public void Lines_are_hebrew_unless_the_call_is_in_english(string? language, string expected)
    {
        CallPhrases.For(language).Should().BeSameAs(expected == "en" ? CallPhrases.English : CallPhrases.Hebrew);
    }

    [Fact]
    public void Every_hebrew_line_is_in_hebrew_and_every_english_line_is_not()
    {
        static IEnumerable<string> Lines(CallPhrases p) =>
            p.SilenceWarnings.Concat(
            [
                p.SilenceFarewell, p.GoodbyeFarewell, p.LeadCapturedFarewell, p.AssistantEndedFarewell, p.MaxDurationFarewell,
                p.TransferFarewell, p.NumberInvalid, p.NumberGiveUp,
            ]);

        Lines(CallPhrases.Hebrew).Should().OnlyContain(line => line.Any(IsHebrewLetter));
        Lines(CallPhrases.English).Should().OnlyContain(line => !line.Any(IsHebrewLetter));
        CallPhrases.Hebrew.EnsureValid().Should().BeSameAs(CallPhrases.Hebrew);
        CallPhrases.English.EnsureValid().Should().BeSameAs(CallPhrases.English);
        CallPhrases.Hebrew.SilenceWarnings.Should().HaveCount(SilenceRules.MostWarnings).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public void Warnings_are_said_in_order_and_start_over_when_a_business_set_fewer_lines()
    {
        var phrases = CallPhrases.Hebrew with { SilenceWarnings = ["א?", "ב?"] };

        Enumerable.Range(1, 5).Select(phrases.SilenceWarning).Should().Equal("א?", "ב?", "א?", "ב?", "א?");
        CallPhrases.Hebrew.SilenceWarning(1).Should().Be("הלו, אתם עדיין איתי?");
        phrases.Invoking(p => p.SilenceWarning(0)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void A_missing_line_is_refused()
    {
        (CallPhrases.Hebrew with { SilenceWarnings = [] }).Invoking(p => p.EnsureValid()).Should().Throw<ArgumentException>();
        (CallPhrases.Hebrew with { SilenceWarnings = ["ok", " "] }).Invoking(p => p.EnsureValid()).Should().Throw<ArgumentException>();
        (CallPhrases.Hebrew with { TransferFarewell = "" }).Invoking(p => p.EnsureValid()).Should().Throw<ArgumentException>();
    }

    private static bool IsHebrewLetter(char c) => c is >= 'א' and <= 'ת';
}
