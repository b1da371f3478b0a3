using BenchmarkDotNet.Attributes;
using ProSaaS.Domain.Faq;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Benchmarks;

/// <summary>
/// The FAQ fast path's answer time: <see cref="FaqMatcher"/> over a business's largest FAQ
/// (<see cref="FaqRules.MaxEntriesPerBusiness"/> = 200 entries, each with keywords and phrasings), one caller question per
/// operation, in memory (no database: a call's entries come with its configuration). One case per step that decides, and
/// the preparation of a call's matcher (once per call).
/// </summary>
[BenchmarkCategory("faq")]
[MemoryDiagnoser]
public class FaqMatcherBenchmarks
{
    public const int Entries = FaqRules.MaxEntriesPerBusiness;

    private static readonly string[] Topics =
    [
        "חניה", "משלוח", "אחריות", "ביטול", "החזר", "תשלום", "אשראי", "הנחה", "מבצע", "קופון",
        "מנוי", "הרשמה", "סיסמה", "חשבונית", "קבלה", "התקנה", "תיקון", "טכנאי", "ביקור", "פגישה",
        "משכנתא", "שכירות", "ערבות", "פיקדון", "מעבר", "ריהוט", "מרפסת", "מעלית", "מחסן", "ממד",
        "נגישות", "כלבים", "עישון", "רעש", "ארנונה", "ועד", "חשמל", "מים", "גז", "אינטרנט",
    ];

    private static readonly string[] Questions = ["יש {0}?", "כמה עולה {0}?", "איך עובד {0} אצלכם?", "מתי אפשר לקבל {0}?", "מה המדיניות לגבי {0}?"];

    private FaqMatcher _matcher = null!;
    private List<FaqCandidate> _candidates = null!;

    public static List<FaqCandidate> Faq()
    {
        var entries = new List<FaqCandidate>(Entries);
        for (var i = 0; i < Entries; i++)
        {
            var topic = Topics[i % Topics.Length];
            var question = string.Format(System.Globalization.CultureInfo.InvariantCulture, Questions[i / Topics.Length % Questions.Length], topic);
            entries.Add(new FaqCandidate(
                Guid.NewGuid(),
                question,
                $"תשובה מספר {i} על {topic}: כל הפרטים אצל הנציג.",
                [$"{topic} {i}", $"קוד {i}"],
                [$"רציתי לשאול על {topic} מספר {i}", $"אפשר פרטים על {topic} {i}?"],
                [AssistantChannel.InboundCall, AssistantChannel.Whatsapp]));
        }

        return entries;
    }

    [GlobalSetup]
    public void Setup()
    {
        _candidates = Faq();
        _matcher = new FaqMatcher(_candidates);
        foreach (var (question, step) in new[] { (ExactQuestion, FaqMatchStep.Exact), (KeywordQuestion, FaqMatchStep.Keyword), (FuzzyQuestion, FaqMatchStep.Fuzzy) })
        {
            var result = _matcher.Match(question, AssistantChannel.InboundCall);
            if (result.Match?.Step != step)
            {
                throw new InvalidOperationException($"'{question}' should match by {step} but was {result.Outcome} {result.Match?.Step}.");
            }
        }

        if (_matcher.Match(NoMatchQuestion, AssistantChannel.InboundCall).Outcome != FaqMatchOutcome.NoMatch)
        {
            throw new InvalidOperationException($"'{NoMatchQuestion}' should match nothing.");
        }
    }

    public const string ExactQuestion = "מתי אפשר לקבל חשבונית?";
    public const string KeywordQuestion = "שלום, רציתי לדעת בבקשה מה עם קוד 123 שלי, תודה";
    public const string FuzzyQuestion = "כמה עולהה משלוחח";
    public const string NoMatchQuestion = "אני מחפש דירת ארבעה חדרים בקומה גבוהה עם נוף לים";

    [Benchmark(Description = "exact, 200 entries")]
    public FaqMatchResult Exact() => _matcher.Match(ExactQuestion, AssistantChannel.InboundCall);

    [Benchmark(Description = "keyword, 200 entries")]
    public FaqMatchResult Keyword() => _matcher.Match(KeywordQuestion, AssistantChannel.InboundCall);

    [Benchmark(Description = "fuzzy, 200 entries")]
    public FaqMatchResult Fuzzy() => _matcher.Match(FuzzyQuestion, AssistantChannel.InboundCall);

    [Benchmark(Description = "no match (every entry scored), 200 entries")]
    public FaqMatchResult NoMatch() => _matcher.Match(NoMatchQuestion, AssistantChannel.InboundCall);

    [Benchmark(Description = "prepare a call's matcher, 200 entries")]
    public FaqMatcher Prepare() => new(_candidates);
}
