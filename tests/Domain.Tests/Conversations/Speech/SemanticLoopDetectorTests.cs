using ProSaaS.Domain.Conversations.Speech;

namespace ProSaaS.Domain.Tests.Conversations.Speech;

public sealed class SemanticLoopDetectorTests
{
    private const string AskPhone = "מה מספר הטלפון שלך?";
    private const string AskName = "מה השם שלך?";
    private const string Hours = "אנחנו פתוחים מראשון עד חמישי בין תשע לחמש.";

    [Theory]
    [InlineData(LoopVerdict.None)]
    [InlineData(LoopVerdict.None, AskPhone)]
    [InlineData(LoopVerdict.None, "שלום, איך אפשר לעזור?", AskName)]
    [InlineData(LoopVerdict.None, AskName, "ומה מספר הטלפון?")]
    [InlineData(LoopVerdict.None, AskName, AskPhone, "באיזה אזור אתה גר?")]
    [InlineData(LoopVerdict.None, "הבנתי.", "הבנתי.")]
    [InlineData(LoopVerdict.None, "תודה!", "תודה!", "תודה!")]
    [InlineData(LoopVerdict.None, AskName, "מה שם המשפחה שלך?")]
    [InlineData(LoopVerdict.None, "באיזה יום נוח לך?", "באיזו שעה נוח לך?")]
    [InlineData(LoopVerdict.None, AskPhone, AskPhone, "תודה. באיזה אזור אתה גר?")]
    [InlineData(LoopVerdict.None, AskPhone, "א", "ב", "ג", "ד", "ה", AskPhone)]
    [InlineData(LoopVerdict.None, "What is your name?", "What is your phone number?")]
    [InlineData(LoopVerdict.None, "יש לנו תור פנוי מחר בעשר.", "יש לנו תור פנוי ביום שלישי בשתיים.")]
    [InlineData(LoopVerdict.ChangeTack, AskPhone, AskPhone)]
    [InlineData(LoopVerdict.ChangeTack, AskPhone, "אפשר בבקשה את מספר הטלפון שלך?")]
    [InlineData(LoopVerdict.ChangeTack, AskPhone, AskName, AskPhone)]
    [InlineData(LoopVerdict.ChangeTack, Hours, Hours)]
    [InlineData(LoopVerdict.ChangeTack, "אני יכול לקבוע לך תור למחר בעשר או באחת עשרה", "אני יכול לקבוע תור למחר בעשר או באחת עשרה, מה מתאים?")]
    [InlineData(LoopVerdict.ChangeTack, "תודה דני. מה מספר הטלפון שלך?", "הבנתי. ומה מספר הטלפון?")]
    [InlineData(LoopVerdict.ChangeTack, "What is your phone number?", "Sorry, what's your phone number?")]
    [InlineData(LoopVerdict.ChangeTack, "מָה מִסְפַּר הַטֶּלֶפוֹן שֶׁלְּךָ?", "מה מספר הטלפון שלך ?")]
    [InlineData(LoopVerdict.ChangeTack, AskName, AskName)]
    [InlineData(LoopVerdict.ChangeTack, "a", "b", "c", "d", AskPhone, "e", AskPhone)]
    [InlineData(LoopVerdict.Escalate, AskPhone, AskPhone, AskPhone)]
    [InlineData(LoopVerdict.Escalate, AskPhone, AskName, AskPhone, "רגע", AskPhone)]
    [InlineData(LoopVerdict.Escalate, "תודה. מה מספר הטלפון שלך?", "הבנתי. ומה מספר הטלפון?", "סליחה, לא שמעתי. מה מספר הטלפון?")]
    [InlineData(LoopVerdict.Escalate, AskPhone, AskPhone, AskPhone, AskPhone)]
    [InlineData(LoopVerdict.Escalate, "What is your phone number?", "Could you tell me your phone number?", "What's your phone number, please?")]
    [InlineData(LoopVerdict.Escalate, Hours, Hours, Hours)]
    [InlineData(LoopVerdict.Escalate, AskName, AskName, AskName)]
    [InlineData(LoopVerdict.Escalate, "אני מציע מחר בעשר.", "אני מציע מחר בעשר, מתאים?", "אז אני מציע מחר בעשר.")]
    public void The_latest_utterance_is_judged_against_the_window(LoopVerdict expected, params string[] utterances) =>
        SemanticLoopDetector.Assess(utterances).Should().Be(expected);

    [Fact]
    public void Options_change_the_window_the_threshold_and_when_to_escalate()
    {
        string[] thrice = [AskPhone, AskPhone, AskPhone];
        SemanticLoopDetector.Assess(thrice, new LoopDetectionOptions(EscalateAt: 4)).Should().Be(LoopVerdict.ChangeTack);
        SemanticLoopDetector.Assess(thrice, new LoopDetectionOptions(Window: 2)).Should().Be(LoopVerdict.ChangeTack);
        SemanticLoopDetector.Assess([AskPhone, "אפשר את הטלפון שלך?"], new LoopDetectionOptions(SimilarityThreshold: 0.9))
            .Should().Be(LoopVerdict.None);

        var invalid = () => SemanticLoopDetector.Assess(thrice, new LoopDetectionOptions(Window: 1));
        invalid.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData(AskPhone, AskPhone, 1.0)]
    [InlineData("מה מספר הטלפון שלך?", "ומה הטלפון שלך בבקשה?", 0.5)]
    [InlineData("אנחנו פתוחים עד חמש", "אנחנו פתוחים עד חמש", 1.0)]
    [InlineData("מספר טלפון", "שם מלא", 0.0)]
    [InlineData("", "", 0.0)]
    [InlineData("מה?", "מה?", 0.0)]
    public void Similarity_is_the_share_of_content_words(string first, string second, double expected) =>
        SemanticLoopDetector.Similarity(first, second).Should().BeApproximately(expected, 0.001);
}
