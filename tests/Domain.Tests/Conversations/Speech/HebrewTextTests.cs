using ProSaaS.Domain.Conversations.Speech;

namespace ProSaaS.Domain.Tests.Conversations.Speech;

public sealed class HebrewTextTests
{
    [Theory]
    [InlineData("כֵּן", "כנ")]
    [InlineData("שָׁלוֹם", "שלומ")]
    [InlineData("שלום", "שלומ")]
    [InlineData("שלומ", "שלומ")]
    [InlineData("ךםןףץ", "כמנפצ")]
    [InlineData("  כן,   נכון!  ", "כנ נכונ")]
    [InlineData("\u200Fכן\u200E \u200Dנכון", "כנ נכונ")]
    [InlineData("אחה\"צ", "אחהצ")]
    [InlineData("אחה״צ", "אחהצ")]
    [InlineData("צ'או", "צאו")]
    [InlineData("צ׳או", "צאו")]
    [InlineData("Thank You For Watching!", "thank you for watching")]
    [InlineData("That's right", "thats right")]
    [InlineData("Café", "cafe")]
    [InlineData("ב-9", "ב 9")]
    [InlineData("ב9", "ב 9")]
    [InlineData("בשעה 14:30", "בשעה 14:30")]
    [InlineData("15/12", "15/12")]
    [InlineData("15.12.2025", "15.12.2025")]
    [InlineData("1,500 שקל", "1500 שקל")]
    [InlineData("5, 6, 7", "5 6 7")]
    [InlineData("052-123-4567", "052 123 4567")]
    [InlineData("+972-52-1234567", "+ 972 52 1234567")]
    [InlineData("תל־אביב", "תל אביב")]
    [InlineData("♪ ♪", "")]
    [InlineData("...", "")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("9am", "9 am")]
    [InlineData("שׁ", "ש")]
    public void Text_is_normalised_to_plain_words(string? text, string expected) =>
        HebrewText.Normalize(text).Should().Be(expected);

    [Theory]
    [InlineData("כן, נכון?", "כנ|נכונ?")]
    [InlineData("לא. זה 052-1234567!", "לא|זה 052 1234567")]
    [InlineData("בשעה 14:30, תודה", "בשעה 14:30|תודה")]
    [InlineData("או.קיי", "או קיי")]
    [InlineData("נכון ?", "נכונ?")]
    [InlineData("מה? מי?", "מה?|מי?")]
    [InlineData("רגע… כן", "רגע|כנ")]
    [InlineData("", "")]
    public void Clauses_end_at_punctuation_and_remember_questions(string text, string expected)
    {
        var clauses = HebrewText.SplitClauses(text).Select(c => string.Join(' ', c.Words) + (c.IsQuestion ? "?" : ""));
        string.Join('|', clauses).Should().Be(expected);
    }

    [Fact]
    public void Prefix_readings_peel_one_letter_prefixes_and_keep_two_letter_stems()
    {
        HebrewText.PrefixReadings("ולהתראות").Select(r => r.Stem).Should().Equal("ולהתראות", "להתראות", "התראות", "תראות");
        HebrewText.PrefixReadings("בשש").Select(r => r.Stem).Should().Equal("בשש", "שש");
        HebrewText.PrefixReadings("כנ").Select(r => r.Stem).Should().Equal("כנ");
        HebrewText.PrefixReadings("דצמבר").Select(r => r.Stem).Should().Equal("דצמבר");
    }
}
