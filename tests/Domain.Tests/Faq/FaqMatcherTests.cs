using ProSaaS.Domain.Faq;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Domain.Tests.Faq;

/// <summary>The two-step FAQ matcher over the FAQ of a real-estate office.</summary>
public sealed class FaqMatcherTests
{
    private static readonly AssistantChannel[] Everywhere = [.. AssistantChannels.All];

    private static readonly Dictionary<string, FaqCandidate> Entries = new()
    {
        ["hours"] = Entry("מה שעות הפתיחה שלכם?", "אנחנו פתוחים בימים א׳–ה׳ 09:00–18:00 ובשישי עד 13:00.",
            ["שעות פתיחה", "שעות פעילות"], ["מתי אתם פתוחים?", "עד מתי אתם עובדים היום?"], Everywhere),
        ["parking"] = Entry("יש חניה ליד המשרד?", "יש חניון ציבורי מול הבניין, החניה בו חינם ללקוחות.", ["חניה", "לחנות"], [], Everywhere),
        ["address"] = Entry("איפה המשרד שלכם נמצא?", "ברחוב הרצל 12 בחיפה, קומה 3.", ["כתובת"], ["מה הכתובת שלכם?", "איך מגיעים אליכם?"],
            [AssistantChannel.InboundCall, AssistantChannel.Whatsapp]),
        ["commission"] = Entry("כמה עולים דמי התיווך?", "דמי התיווך הם 2% ממחיר העסקה ועוד מע\"מ.", ["דמי תיווך", "עמלה"], ["מה העמלה שלכם?"], Everywhere),
        ["pets"] = Entry("מותר להביא כלב לדירה?", "זה תלוי בבעל הדירה; נבדוק עבורך בכל נכס.", ["כלב", "חיות מחמד"], [], [AssistantChannel.InboundCall]),
        ["saturday"] = Entry("אתם עובדים בשבת?", "לא, בשבת המשרד סגור.", ["שבת"], [], Everywhere, active: false),
        ["why-called"] = Entry("למה התקשרתם אליי?", "השארת פרטים באתר שלנו, ורצינו לעזור לך למצוא דירה.", ["התקשרתם"], [], [AssistantChannel.OutboundCall]),
        ["english"] = Entry("Do you speak English?", "Yes, we can continue in English.", ["english"], [], Everywhere),
    };

    private static readonly FaqMatcher Matcher = new(Entries.Values);

    public static TheoryData<string, string?, AssistantChannel, string?, string> Cases => new()
    {
        // name, question, channel, expected entry (null: none), expected step or outcome
        { "the question itself", "מה שעות הפתיחה שלכם?", AssistantChannel.InboundCall, "hours", "exact" },
        { "with niqqud", "מָה שְׁעוֹת הַפְּתִיחָה שֶׁלָּכֶם", AssistantChannel.InboundCall, "hours", "exact" },
        { "without its stop words", "שעות הפתיחה", AssistantChannel.InboundCall, "hours", "exact" },
        { "a prefix and more punctuation", "ומה שעות הפתיחה???", AssistantChannel.Whatsapp, "hours", "exact" },
        { "a phrasing", "מתי אתם פתוחים", AssistantChannel.InboundCall, "hours", "exact" },
        { "a phrasing with a final letter written plain", "מה העמלה שלכמ", AssistantChannel.OutboundCall, "commission", "exact" },
        { "a keyword inside a longer question", "רציתי לדעת בבקשה מה השעות פתיחה אצלכם ביום שישי", AssistantChannel.InboundCall, "hours", "keyword" },
        { "a one-word keyword", "יש חניה?", AssistantChannel.InboundCall, "parking", "keyword" },
        { "a keyword under prefix letters", "והחניה?", AssistantChannel.InboundCall, "parking", "keyword" },
        { "a keyword in another form", "איפה אפשר לחנות?", AssistantChannel.Whatsapp, "parking", "keyword" },
        { "a two-word keyword with a final letter", "כמה לוקחים דמי תיווך", AssistantChannel.InboundCall, "commission", "keyword" },
        { "an English keyword", "English please", AssistantChannel.InboundCall, "english", "keyword" },
        { "an English question", "do you speak english", AssistantChannel.OutboundCall, "english", "exact" },
        { "a doubled letter typo", "מה שעות הפתיחחה", AssistantChannel.InboundCall, "hours", "fuzzy" },
        { "a missing letter typo", "כמה עולים דמי התווך", AssistantChannel.InboundCall, "commission", "fuzzy" },
        { "swapped letters", "מותר להביא כלב לדריה?", AssistantChannel.InboundCall, "pets", "keyword" },
        { "close to a phrasing", "איך מגיעים למשרד שלכם", AssistantChannel.InboundCall, "address", "fuzzy" },
        { "words in another order", "נמצא המשרד איפה", AssistantChannel.InboundCall, "address", "fuzzy" },
        { "a keyword in any order", "הפתיחה שעות", AssistantChannel.InboundCall, "hours", "keyword" },
        { "an entry of another channel", "מה הכתובת שלכם?", AssistantChannel.OutboundCall, null, "no_match" },
        { "the same question on its channel", "מה הכתובת שלכם?", AssistantChannel.Whatsapp, "address", "exact" },
        { "an outbound-only entry on an outbound call", "למה התקשרתם אליי", AssistantChannel.OutboundCall, "why-called", "exact" },
        { "an outbound-only entry on an inbound call", "למה התקשרתם אליי", AssistantChannel.InboundCall, null, "no_match" },
        { "an inactive entry never answers", "אתם עובדים בשבת?", AssistantChannel.InboundCall, null, "no_match" },
        { "an unrelated question", "אני רוצה להזמין פיצה עם זיתים", AssistantChannel.InboundCall, null, "no_match" },
        { "two topics at once", "חניה ועמלה", AssistantChannel.InboundCall, null, "ambiguous" },
        { "hours of the parking", "מה שעות הפתיחה של החניה", AssistantChannel.InboundCall, null, "ambiguous" },
        { "only stop words", "מה? איך? אפשר?", AssistantChannel.InboundCall, null, "no_words" },
        { "blank", "   ", AssistantChannel.InboundCall, null, "no_words" },
        { "nothing", null, AssistantChannel.InboundCall, null, "no_words" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Questions_find_their_entry_or_none(string name, string? question, AssistantChannel channel, string? expected, string how)
    {
        var result = Matcher.Match(question, channel);

        if (expected is null)
        {
            result.Match.Should().BeNull(name);
            Wire(result.Outcome).Should().Be(how, name);
            return;
        }

        result.Outcome.Should().Be(FaqMatchOutcome.Matched, $"{name}: {Describe(result)}");
        result.Match!.Entry.Should().BeSameAs(Entries[expected], name);
        Wire(result.Match.Step).Should().Be(how, $"{name}: {Describe(result)}");
        result.Match.Score.Should().BeInRange(FaqMatcher.FuzzyThreshold, 1, name);
        result.Candidates.Should().Contain(result.Match, name);
    }

    [Fact]
    public void An_exact_match_scores_one_and_names_what_it_matched()
    {
        var match = Matcher.Match("מתי אתם פתוחים?", AssistantChannel.InboundCall).Match!;

        match.Score.Should().Be(1);
        match.MatchedOn.Should().Be("מתי אתם פתוחים?");
        Matcher.Match("יש חניה?", AssistantChannel.InboundCall).Match!.MatchedOn.Should().Be("חניה");
    }

    [Fact]
    public void A_keyword_that_covers_more_of_the_question_scores_higher()
    {
        var whole = Matcher.Match("חניה", AssistantChannel.InboundCall).Match!;
        var part = Matcher.Match("חניה קרובה למשרד בערב", AssistantChannel.InboundCall).Match!;

        whole.Score.Should().Be(1);
        part.Score.Should().BeGreaterThanOrEqualTo(FaqMatcher.KeywordBaseScore).And.BeLessThan(whole.Score);
    }

    [Fact]
    public void Two_entries_with_the_same_question_are_ambiguous_and_both_are_named()
    {
        var copy = Entries["hours"] with { Id = Guid.NewGuid(), Answer = "תשובה אחרת" };
        var matcher = new FaqMatcher([Entries["hours"], copy]);

        var result = matcher.Match("מה שעות הפתיחה שלכם", AssistantChannel.InboundCall);

        result.Outcome.Should().Be(FaqMatchOutcome.Ambiguous);
        result.Match.Should().BeNull();
        result.Candidates.Select(c => c.Entry).Should().BeEquivalentTo([Entries["hours"], copy]);
    }

    [Fact]
    public void A_shared_keyword_is_settled_by_which_question_fits_better()
    {
        var lot = Entry("כמה עולה חניה בחניון?", "עשרה שקלים לשעה.", ["חניה"], [], Everywhere);
        var matcher = new FaqMatcher([Entries["parking"], lot]);

        matcher.Match("כמה עולה חניה", AssistantChannel.InboundCall).Match!.Entry.Should().BeSameAs(lot);
        matcher.Match("יש חניה ליד", AssistantChannel.InboundCall).Match!.Entry.Should().BeSameAs(Entries["parking"]);
        matcher.Match("חניה", AssistantChannel.InboundCall).Outcome.Should().Be(FaqMatchOutcome.Ambiguous);
    }

    [Fact]
    public void A_near_miss_below_the_threshold_is_no_match_but_names_its_candidates()
    {
        var result = Matcher.Match("מתי המשרד נסגר בחגים", AssistantChannel.InboundCall);

        result.Outcome.Should().Be(FaqMatchOutcome.NoMatch);
        result.Candidates.Should().NotBeEmpty().And.OnlyContain(c => c.Score < FaqMatcher.FuzzyThreshold);
    }

    [Fact]
    public void Word_similarity_allows_one_edit_in_four_letters_and_none_in_numbers_or_short_words()
    {
        Similarity("פתיחה", "פתיחה").Should().Be(1);
        Similarity("החניה", "לחניה").Should().Be(1);
        Similarity("פתיחחה", "פתיחה").Should().BeApproximately(1 - (1.0 / 6), 1e-9);
        Similarity("דריה", "דירה").Should().Be(0.75, "a swap of neighbours is one edit");
        Similarity("ים", "יום").Should().Be(0);
        Similarity("חנייה", "חניה").Should().Be(0.8);
        Similarity("18", "19").Should().Be(0);
        Similarity("דירה", "עירה").Should().Be(0.75);
        Similarity("דירה", "עיר").Should().Be(0);

        static double Similarity(string a, string b) => FaqMatcher.WordSimilarity(FaqText.Words(a).Single(), FaqText.Words(b).Single());
    }

    [Fact]
    public void Sentence_similarity_is_symmetric_and_one_only_for_the_same_words()
    {
        var a = FaqText.Words("שעות הפתיחה בשישי");
        var b = FaqText.Words("מה שעות הפתיחה");

        FaqMatcher.Similarity(a, b).Should().BeApproximately(FaqMatcher.Similarity(b, a), 1e-12).And.BeApproximately(0.8, 1e-9);
        FaqMatcher.Similarity(a, a).Should().Be(1);
        FaqMatcher.Similarity(a, []).Should().Be(0);
    }

    [Fact]
    public void Matching_is_a_pure_function_of_the_entries_and_the_question()
    {
        var again = FaqMatcher.Match("יש חניה?", AssistantChannel.InboundCall, Entries.Values.Reverse());

        again.Should().BeEquivalentTo(Matcher.Match("יש חניה?", AssistantChannel.InboundCall));
        new FaqMatcher(Entries.Values).Count.Should().Be(Entries.Count - 1, "the inactive entry takes no part");
    }

    private static FaqCandidate Entry(
        string question, string answer, string[] keywords, string[] phrasings, AssistantChannel[] channels, bool active = true) =>
        new(Guid.NewGuid(), question, answer, keywords, phrasings, channels, active);

    private static string Wire(Enum value) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static string Describe(FaqMatchResult result) =>
        $"{result.Outcome}: " + string.Join("; ", result.Candidates.Select(c => $"{c.Entry.Question} {c.Step} {c.Score:0.000} ({c.MatchedOn})"));
}
