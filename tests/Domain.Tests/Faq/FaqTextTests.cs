using ProSaaS.Domain.Faq;

namespace ProSaaS.Domain.Tests.Faq;

/// <summary>The Hebrew normalisation the FAQ matcher compares questions by.</summary>
public sealed class FaqTextTests
{
    public static TheoryData<string, string?, string> Normalised => new()
    {
        { "niqqud is dropped", "מָה שְׁעוֹת הַפְּתִיחָה", "מה שעות הפתיחה" },
        { "cantillation is dropped", "בְּרֵאשִׁ֖ית", "בראשית" },
        { "final letters become ordinary", "איך מגיעים לחוף ולמרכז", "איכ מגיעימ לחופ ולמרכז" },
        { "final tsadi and nun", "קיץ ועיתון", "קיצ ועיתונ" },
        { "punctuation separates words", "שעות?!פתיחה...בשישי,", "שעות פתיחה בשישי" },
        { "gershayim inside an acronym join it", "צה\"ל ותנ״ך", "צהל ותנכ" },
        { "geresh and apostrophes join the word", "צ'יפס וג׳ירפה", "ציפס וגירפה" },
        { "the maqaf is a hyphen", "בית־ספר", "בית ספר" },
        { "letters and digits are split", "ב10 בבוקר, מ-9", "ב 10 בבוקר מ 9" },
        { "latin letters in lower case", "Do you speak ENGLISH?", "do you speak english" },
        { "direction marks are ignored", "\u200fשלום\u200e עולם", "שלומ עולמ" },
        { "blank", "   ", "" },
        { "null", null, "" },
    };

    [Theory]
    [MemberData(nameof(Normalised))]
    public void Text_is_normalised(string name, string? text, string expected) =>
        FaqText.Normalise(text).Should().Be(expected, name);

    public static TheoryData<string, string[]> Forms => new()
    {
        { "ושהחניה", ["ושהחניה", "שהחניה", "החניה", "חניה"] },
        { "החניה", ["החניה", "חניה"] },
        { "וכשהגעתי", ["וכשהגעתי", "כשהגעתי", "שהגעתי", "הגעתי", "געתי"] },
        { "משלוח", ["משלוח", "שלוח"] },
        { "מחיר", ["מחיר", "חיר"] },
        { "בית", ["בית"] },
        { "לדירה", ["לדירה", "דירה"] },
        { "ובבית", ["ובבית", "בבית", "בית"] },
        { "english", ["english"] },
        { "2026", ["2026"] },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void A_word_keeps_the_forms_it_may_have_under_prefix_letters_and_no_remains_shorter_than_three(string word, string[] forms) =>
        FaqText.Forms(word).Should().Equal(forms);

    [Fact]
    public void Stop_words_are_left_out_of_the_content_words()
    {
        FaqText.Words("היי, רציתי לשאול בבקשה מה שעות הפתיחה שלכם?").Select(w => w.Text).Should().Equal("שעות", "הפתיחה");
        FaqText.Words("What are your opening hours, please?").Select(w => w.Text).Should().Equal("opening", "hours");
        FaqText.Words("מה? איך? יש? אפשר?").Should().BeEmpty();
        FaqText.IsStopWord("שֶׁלָּכֶם").Should().BeTrue();
        FaqText.IsStopWord("חניה").Should().BeFalse();
    }

    [Fact]
    public void Two_words_are_the_same_when_their_forms_meet()
    {
        Word("החניה").SameWordAs(Word("וחניה")).Should().BeTrue();
        Word("למשרד").SameWordAs(Word("המשרד")).Should().BeTrue();
        Word("משלוח").SameWordAs(Word("לוח")).Should().BeFalse("a מ before ש is not a prefix sequence Hebrew has");
        Word("בית").SameWordAs(Word("ית")).Should().BeFalse();

        static FaqWord Word(string text) => FaqText.Words(text).Single();
    }
}
