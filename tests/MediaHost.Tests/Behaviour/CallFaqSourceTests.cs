using ProSaaS.Domain.Faq;
using ProSaaS.Hosting.Calls;
using ProSaaS.MediaHost.Behaviour;

namespace ProSaaS.MediaHost.Tests.Behaviour;

/// <summary>A call's FAQ from its configuration: a match the matcher decides on is said as it is; anything less is the model's.</summary>
public sealed class CallFaqSourceTests
{
    private static readonly CallFaqEntry Hours = new(Guid.NewGuid(), "מה שעות הפתיחה שלכם?", "אנחנו פתוחים בימים א׳–ה׳ 09:00–18:00.",
        ["שעות פתיחה"], ["מתי אתם פתוחים?"]);

    private static readonly CallFaqEntry Parking = new(Guid.NewGuid(), "יש חניה ליד המספרה?", "יש חניון ציבורי מול הבניין.", ["חניה"], []);

    private static readonly CallFaqEntry Price = new(Guid.NewGuid(), "כמה עולה תספורת?", "תספורת גברים 80 ש\"ח, נשים 150 ש\"ח.", [], ["מה המחיר של תספורת?"]);

    private static ICallFaq Faq(string direction = CallDirections.Inbound, params CallFaqEntry[] entries) =>
        new CallFaqSource().For(CallDriver.NewConfig() with { Direction = direction, Faq = entries.Length > 0 ? entries : [Hours, Parking, Price] });

    public static TheoryData<string, string?, string?> Questions => new()
    {
        // the caller's words, the answer said (null: left to the model), what it matched on
        { "מה שעות הפתיחה שלכם", Hours.Answer, Hours.Question },
        { "מתי אתם פתוחים?", Hours.Answer, "מתי אתם פתוחים?" },
        { "רציתי לשאול על שעות פתיחה ביום חמישי", Hours.Answer, "שעות פתיחה" },
        { "והחניה?", Parking.Answer, "חניה" },
        { "כמה עולה תספורתת", Price.Answer, Price.Question },
        { "חניה ושעות פתיחה", null, null },
        { "אני רוצה לקבוע תור למחר", null, null },
        { "כן", null, null },
        { "", null, null },
    };

    [Theory]
    [MemberData(nameof(Questions))]
    public void Only_a_decided_match_is_said_word_for_word(string question, string? answer, string? matchedOn)
    {
        var found = Faq().Find(question);

        found?.Answer.Should().Be(answer);
        if (answer is null)
        {
            found.Should().BeNull();
        }
        else
        {
            found!.MatchedOn.Should().Be(matchedOn);
            found.Score.Should().BeInRange(FaqMatcher.FuzzyThreshold, 1);
        }
    }

    [Fact]
    public void The_entries_of_an_outbound_call_answer_on_it()
    {
        var why = new CallFaqEntry(Guid.NewGuid(), "למה התקשרתם אליי?", "השארת פרטים באתר שלנו.", ["התקשרתם"], []);

        Faq(CallDirections.Outbound, why).Find("למה התקשרתם אליי?")!.Answer.Should().Be(why.Answer);
    }

    [Fact]
    public void A_call_without_entries_has_no_faq() =>
        new CallFaqSource().For(CallDriver.NewConfig()).Should().BeSameAs(NoCallFaq.Instance);
}
