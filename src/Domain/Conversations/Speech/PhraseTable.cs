namespace ProSaaS.Domain.Conversations.Speech;

/// <summary>
/// A list of words and phrases matched against normalised words, longest phrase first, so that "נכון מאוד" is one
/// phrase rather than "נכון" followed by a stray "מאוד", and "no problem" is never read as "no".
/// </summary>
/// <remarks>The phrases are written as people spell them and normalised here once, exactly as transcripts are.</remarks>
internal sealed class PhraseTable
{
    private readonly Dictionary<string, string[][]> _byFirstWord;

    public PhraseTable(params IEnumerable<string>[] phraseLists)
    {
        _byFirstWord = phraseLists
            .SelectMany(list => list)
            .Select(HebrewText.Tokenize)
            .Where(words => words.Length > 0)
            .DistinctBy(words => string.Join(' ', words))
            .GroupBy(words => words[0], StringComparer.Ordinal)
            .ToDictionary(
                group => group.Key,
                group => group.OrderByDescending(words => words.Length).ToArray(),
                StringComparer.Ordinal);
    }

    /// <summary>Whether the single word is one of the phrases.</summary>
    public bool Contains(string word) => MatchAt([word], 0) == 1;

    /// <summary>The number of words of the longest phrase starting at <paramref name="index"/>; 0 when none does.</summary>
    public int MatchAt(IReadOnlyList<string> words, int index) => MatchAt(words, index, string.Empty, out _);

    /// <summary>
    /// The number of words of the longest phrase starting at <paramref name="index"/>, where the first word may also
    /// carry one-letter prefixes drawn from <paramref name="prefixLetters"/> (<c>"ו"</c> lets <c>ולהתראות</c> match
    /// <c>להתראות</c>); 0 when none does.
    /// </summary>
    public int MatchAt(IReadOnlyList<string> words, int index, string prefixLetters, out string prefix)
    {
        prefix = string.Empty;
        if (index < 0 || index >= words.Count)
        {
            return 0;
        }

        foreach (var (candidatePrefix, stem) in HebrewText.PrefixReadings(words[index]))
        {
            if (candidatePrefix.Any(letter => !prefixLetters.Contains(letter)))
            {
                break;
            }

            if (!_byFirstWord.TryGetValue(stem, out var phrases))
            {
                continue;
            }

            foreach (var phrase in phrases)
            {
                if (Matches(words, index, phrase))
                {
                    prefix = candidatePrefix;
                    return phrase.Length;
                }
            }
        }

        return 0;
    }

    /// <summary>Whether the words are, from first to last, nothing but phrases of this table.</summary>
    /// <remarks>Every way of cutting the words into phrases is tried, not only the longest match first: "לא, לא יודע"
    /// is "לא" + "לא יודע" although "לא לא" is a phrase too.</remarks>
    public bool CoversAll(IReadOnlyList<string> words, string prefixLetters = "")
    {
        if (words.Count == 0)
        {
            return false;
        }

        // covered[i]: the first i words can be cut into phrases.
        var covered = new bool[words.Count + 1];
        covered[0] = true;
        for (var i = 0; i < words.Count; i++)
        {
            if (!covered[i])
            {
                continue;
            }

            foreach (var length in MatchLengths(words, i, prefixLetters))
            {
                covered[i + length] = true;
            }
        }

        return covered[words.Count];
    }

    private IEnumerable<int> MatchLengths(IReadOnlyList<string> words, int index, string prefixLetters)
    {
        foreach (var (candidatePrefix, stem) in HebrewText.PrefixReadings(words[index]))
        {
            if (candidatePrefix.Any(letter => !prefixLetters.Contains(letter)))
            {
                yield break;
            }

            if (!_byFirstWord.TryGetValue(stem, out var phrases))
            {
                continue;
            }

            foreach (var phrase in phrases.Where(phrase => Matches(words, index, phrase)))
            {
                yield return phrase.Length;
            }
        }
    }

    private static bool Matches(IReadOnlyList<string> words, int index, string[] phrase)
    {
        if (index + phrase.Length > words.Count)
        {
            return false;
        }

        // The first word was matched through its stem by the caller.
        for (var k = 1; k < phrase.Length; k++)
        {
            if (!string.Equals(words[index + k], phrase[k], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
