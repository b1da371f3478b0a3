using ProSaaS.Domain.Tenants;

namespace ProSaaS.Domain.Faq;

/// <summary>A FAQ entry as the matcher sees it.</summary>
/// <param name="Keywords">Words or short phrases that, all present in a question, point at this entry.</param>
/// <param name="Phrasings">Other ways of asking the same question.</param>
/// <param name="Channels">The channels the entry answers on.</param>
public sealed record FaqCandidate(
    Guid Id,
    string Question,
    string Answer,
    IReadOnlyList<string> Keywords,
    IReadOnlyList<string> Phrasings,
    IReadOnlyCollection<AssistantChannel> Channels,
    bool Active = true);

/// <summary>Which step found the match.</summary>
public enum FaqMatchStep
{
    /// <summary>The question, normalised, is the entry's question or one of its phrasings.</summary>
    Exact,

    /// <summary>Every word of one of the entry's keywords is in the question.</summary>
    Keyword,

    /// <summary>The question is close enough to the entry's question or a phrasing, typos allowed.</summary>
    Fuzzy,
}

public enum FaqMatchOutcome
{
    Matched,

    /// <summary>No entry is close enough.</summary>
    NoMatch,

    /// <summary>Two or more entries fit equally well: better no canned answer than the wrong one.</summary>
    Ambiguous,

    /// <summary>The question has no words that carry meaning (blank, or only words like "מה", "יש", "בבקשה").</summary>
    NoWords,
}

/// <summary>An entry that fits, how well (0–1), by which step, and the question, phrasing or keyword that fit.</summary>
public sealed record FaqMatch(FaqCandidate Entry, double Score, FaqMatchStep Step, string MatchedOn);

/// <summary>The answer to one question: the match when there is one, and the best candidates of the deciding step.</summary>
public sealed record FaqMatchResult(FaqMatchOutcome Outcome, FaqMatch? Match, IReadOnlyList<FaqMatch> Candidates)
{
    public static FaqMatchResult None(FaqMatchOutcome outcome, IReadOnlyList<FaqMatch>? candidates = null) => new(outcome, null, candidates ?? []);
}

/// <summary>
/// Finds the FAQ entry that answers a question, in two steps, as a pure function of the entries and the question:
/// <list type="number">
/// <item>normalised exact match against the entry's question and phrasings (<see cref="FaqText"/>: niqqud, final letters,
/// punctuation, Hebrew prefix letters and stop words do not matter), then keyword match (every word of a keyword is in the
/// question; the entry whose keywords cover more of the question wins, its question's fuzzy score breaking a tie, and two
/// entries whose keywords cover different words of the question are a question about two things);</item>
/// <item>fuzzy match: a soft Dice similarity of the question's words and each question or phrasing's words, where a word
/// matches its own forms under prefix letters fully and a misspelling (optimal string alignment distance, at most one edit in
/// four letters) partly; at least <see cref="FuzzyThreshold"/>.</item>
/// </list>
/// Only active entries of the asked channel take part. When the best two entries of the deciding step are within
/// <see cref="AmbiguityMargin"/> of each other the answer is <see cref="FaqMatchOutcome.Ambiguous"/>. Build the matcher once for a
/// set of entries (a call's) and ask it many questions: the entries' words are prepared once.
/// </summary>
public sealed class FaqMatcher
{
    /// <summary>The least fuzzy score that counts as a match.</summary>
    public const double FuzzyThreshold = 0.6;

    /// <summary>Two entries whose scores are closer than this are a tie.</summary>
    public const double AmbiguityMargin = 0.05;

    /// <summary>The least similarity of two different words (1 − edits ÷ length) that counts as a misspelling.</summary>
    public const double WordSimilarityFloor = 0.75;

    /// <summary>A keyword match scores between this and 1, by how much of the question the entry's keywords cover.</summary>
    public const double KeywordBaseScore = 0.7;

    private const int MaxCandidates = 3;

    private readonly List<Prepared> _entries;

    /// <summary>Every distinct word of the entries, once: a question's similarity to each is worked out at most once.</summary>
    private readonly List<FaqWord> _vocabulary = [];

    private readonly Dictionary<string, int> _vocabularyIds = new(StringComparer.Ordinal);

    public FaqMatcher(IEnumerable<FaqCandidate> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = entries.Where(e => e is { Active: true }).Select(Prepare).ToList();
    }

    /// <summary>The entries that take part (the active ones).</summary>
    public int Count => _entries.Count;

    /// <summary>Matches one question against entries prepared on the spot; build a <see cref="FaqMatcher"/> to ask many.</summary>
    public static FaqMatchResult Match(string? question, AssistantChannel channel, IEnumerable<FaqCandidate> entries) =>
        new FaqMatcher(entries).Match(question, channel);

    public FaqMatchResult Match(string? question, AssistantChannel channel)
    {
        var words = FaqText.Words(question);
        if (words.Count == 0)
        {
            return FaqMatchResult.None(FaqMatchOutcome.NoWords);
        }

        var eligible = _entries.Where(e => e.Entry.Channels.Contains(channel)).ToList();
        var asked = new Question(words, _vocabulary.Count);
        return Exact(eligible, words) ?? Keyword(eligible, asked) ?? Fuzzy(eligible, asked);
    }

    /// <summary>Soft Dice similarity of two word lists: 1 for the same words in any order, 0 for nothing in common.</summary>
    public static double Similarity(IReadOnlyList<FaqWord> a, IReadOnlyList<FaqWord> b) =>
        Similarity(a.Count, b.Count, (i, j) => WordSimilarity(a[i], b[j]));

    private static double Similarity(Question question, Phrase phrase) =>
        Similarity(question.Words.Count, phrase.Ids.Length, (i, j) => question.SimilarityTo(i, phrase.Ids[j], phrase.Words[j]));

    private static double Similarity(int countA, int countB, Func<int, int, double> similarityOf)
    {
        if (countA == 0 || countB == 0)
        {
            return 0;
        }

        double fromA = 0, fromB = 0;
        Span<double> bestForB = countB <= 64 ? stackalloc double[countB] : new double[countB];
        bestForB.Clear();
        for (var i = 0; i < countA; i++)
        {
            double best = 0;
            for (var j = 0; j < countB; j++)
            {
                var similarity = similarityOf(i, j);
                best = Math.Max(best, similarity);
                bestForB[j] = Math.Max(bestForB[j], similarity);
            }

            fromA += best;
        }

        for (var j = 0; j < bestForB.Length; j++)
        {
            fromB += bestForB[j];
        }

        return (fromA + fromB) / (countA + countB);
    }

    /// <summary>
    /// 1 for the same word (under prefix letters too); for a misspelling of a word of four letters or more, 1 − edits ÷ length
    /// when at least <see cref="WordSimilarityFloor"/>; otherwise 0. Numbers match only exactly.
    /// </summary>
    public static double WordSimilarity(FaqWord a, FaqWord b)
    {
        if (a.SameWordAs(b))
        {
            return 1;
        }

        if (char.IsDigit(a.Text[0]) || char.IsDigit(b.Text[0]))
        {
            return 0;
        }

        return Math.Max(Spelling(a.Text, b.Text), Spelling(a.Core, b.Core));
    }

    private static FaqMatchResult? Exact(List<Prepared> eligible, IReadOnlyList<FaqWord> words)
    {
        var hits = new List<FaqMatch>();
        foreach (var entry in eligible)
        {
            foreach (var phrase in entry.Phrases)
            {
                if (SameSequence(phrase.Words, words))
                {
                    hits.Add(new FaqMatch(entry.Entry, 1, FaqMatchStep.Exact, phrase.Text));
                    break;
                }
            }
        }

        return hits.Count switch
        {
            0 => null,
            1 => new FaqMatchResult(FaqMatchOutcome.Matched, hits[0], hits),
            _ => FaqMatchResult.None(FaqMatchOutcome.Ambiguous, hits.Take(MaxCandidates).ToList()),
        };
    }

    private static FaqMatchResult? Keyword(List<Prepared> eligible, Question question)
    {
        var words = question.Words;
        var hits = new List<(FaqMatch Match, double Fuzzy, bool[] Covered)>();
        foreach (var entry in eligible)
        {
            var covered = new bool[words.Count];
            string? longest = null;
            var longestCount = 0;
            foreach (var keyword in entry.Keywords)
            {
                if (Covers(keyword.Words, words, covered) && keyword.Words.Count > longestCount)
                {
                    (longest, longestCount) = (keyword.Text, keyword.Words.Count);
                }
            }

            if (longest is not null)
            {
                var coverage = (double)covered.Count(c => c) / words.Count;
                var score = KeywordBaseScore + ((1 - KeywordBaseScore) * coverage);
                hits.Add((new FaqMatch(entry.Entry, score, FaqMatchStep.Keyword, longest), BestPhrase(entry, question).Score, covered));
            }
        }

        if (hits.Count == 0)
        {
            return null;
        }

        var ranked = hits.OrderByDescending(h => h.Match.Score).ThenByDescending(h => h.Fuzzy).ToList();
        var candidates = ranked.Take(MaxCandidates).Select(h => h.Match).ToList();
        var best = ranked[0];
        foreach (var other in ranked.Skip(1))
        {
            // Another entry's keyword on words the best one's keywords do not cover: the question asks about two things.
            var otherTopic = other.Covered.Where((c, i) => c && !best.Covered[i]).Any();
            var tie = best.Match.Score - other.Match.Score < AmbiguityMargin && best.Fuzzy - other.Fuzzy < AmbiguityMargin;
            if (otherTopic || tie)
            {
                return FaqMatchResult.None(FaqMatchOutcome.Ambiguous, candidates);
            }
        }

        return new FaqMatchResult(FaqMatchOutcome.Matched, best.Match, candidates);
    }

    private static FaqMatchResult Fuzzy(List<Prepared> eligible, Question question)
    {
        var ranked = eligible
            .Select(entry => (Entry: entry, Best: BestPhrase(entry, question)))
            .Where(x => x.Best.Score > 0)
            .OrderByDescending(x => x.Best.Score)
            .Take(MaxCandidates)
            .Select(x => new FaqMatch(x.Entry.Entry, x.Best.Score, FaqMatchStep.Fuzzy, x.Best.Text))
            .ToList();
        if (ranked.Count == 0 || ranked[0].Score < FuzzyThreshold)
        {
            return FaqMatchResult.None(FaqMatchOutcome.NoMatch, ranked);
        }

        if (ranked.Count > 1 && ranked[1].Score >= FuzzyThreshold && ranked[0].Score - ranked[1].Score < AmbiguityMargin)
        {
            return FaqMatchResult.None(FaqMatchOutcome.Ambiguous, ranked);
        }

        return new FaqMatchResult(FaqMatchOutcome.Matched, ranked[0], ranked);
    }

    private static (double Score, string Text) BestPhrase(Prepared entry, Question question)
    {
        var best = (Score: 0.0, Text: entry.Entry.Question);
        foreach (var phrase in entry.Phrases)
        {
            var score = Similarity(question, phrase);
            if (score > best.Score)
            {
                best = (score, phrase.Text);
            }
        }

        return best;
    }

    /// <summary>Whether every keyword word is in the question; marks the question's words it used.</summary>
    private static bool Covers(IReadOnlyList<FaqWord> keyword, IReadOnlyList<FaqWord> words, bool[] covered)
    {
        if (keyword.Count == 0)
        {
            return false;
        }

        var used = new List<int>(keyword.Count);
        foreach (var part in keyword)
        {
            var found = -1;
            for (var i = 0; i < words.Count; i++)
            {
                if (part.SameWordAs(words[i]))
                {
                    found = i;
                    break;
                }
            }

            if (found < 0)
            {
                return false;
            }

            used.Add(found);
        }

        foreach (var i in used)
        {
            covered[i] = true;
        }

        return true;
    }

    private static bool SameSequence(IReadOnlyList<FaqWord> a, IReadOnlyList<FaqWord> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (!a[i].SameWordAs(b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>1 − (optimal string alignment distance ÷ the longer length) when that reaches the floor, else 0.</summary>
    private static double Spelling(string a, string b)
    {
        var longer = Math.Max(a.Length, b.Length);
        var allowed = (int)Math.Floor((longer * (1 - WordSimilarityFloor)) + 1e-9);
        if (allowed == 0 || Math.Abs(a.Length - b.Length) > allowed)
        {
            return 0;
        }

        var distance = BoundedDistance(a, b, allowed);
        return distance > allowed ? 0 : 1 - ((double)distance / longer);
    }

    /// <summary>Optimal string alignment distance (a swap of neighbours is one edit), or more than <paramref name="bound"/> once it is certain.</summary>
    private static int BoundedDistance(string a, string b, int bound)
    {
        var width = b.Length + 1;
        Span<int> rows = width * 3 <= 256 ? stackalloc int[width * 3] : new int[width * 3];
        var before = rows[..width];
        var previous = rows.Slice(width, width);
        var current = rows.Slice(2 * width, width);
        for (var j = 0; j < width; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j < width; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, before[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > bound)
            {
                return bound + 1;
            }

            var recycled = before;
            before = previous;
            previous = current;
            current = recycled;
        }

        return previous[b.Length];
    }

    private Prepared Prepare(FaqCandidate entry) => new(
        entry,
        new[] { entry.Question }.Concat(entry.Phrasings ?? []).Select(PreparePhrase).Where(p => p.Words.Count > 0).ToList(),
        (entry.Keywords ?? []).Select(PreparePhrase).Where(k => k.Words.Count > 0).ToList());

    private Phrase PreparePhrase(string text)
    {
        var words = FaqText.Words(text);
        var ids = new int[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            if (!_vocabularyIds.TryGetValue(words[i].Text, out ids[i]))
            {
                ids[i] = _vocabulary.Count;
                _vocabularyIds[words[i].Text] = ids[i];
                _vocabulary.Add(words[i]);
            }
        }

        return new Phrase(text, words, ids);
    }

    /// <summary>A question, phrasing or keyword: its words, and their places in the matcher's vocabulary.</summary>
    private sealed record Phrase(string Text, IReadOnlyList<FaqWord> Words, int[] Ids);

    /// <summary>
    /// The words of one question, with the similarity of each to every entry word it met: a business's entries share most of
    /// their words, so each pair is worked out once per question.
    /// </summary>
    private sealed class Question(IReadOnlyList<FaqWord> words, int vocabularySize)
    {
        /// <summary>Per question word, its similarity to each vocabulary word plus one (0: not worked out yet).</summary>
        private readonly double[]?[] _seen = new double[]?[words.Count];

        public IReadOnlyList<FaqWord> Words { get; } = words;

        public double SimilarityTo(int index, int vocabularyId, FaqWord other)
        {
            var seen = _seen[index] ??= new double[vocabularySize];
            if (seen[vocabularyId] == 0)
            {
                seen[vocabularyId] = WordSimilarity(Words[index], other) + 1;
            }

            return seen[vocabularyId] - 1;
        }
    }

    private sealed record Prepared(FaqCandidate Entry, IReadOnlyList<Phrase> Phrases, IReadOnlyList<Phrase> Keywords);
}
