using ProSaaS.Application.Prompts;

namespace ProSaaS.Application.Tests.Prompts;

/// <summary>The line diff of two prompt versions.</summary>
public sealed class LineDiffTests
{
    public static TheoryData<string, string, string, string> Cases => new()
    {
        // name, from, to, expected lines as "kind text" joined by |
        { "equal texts", "א\nב", "א\nב", " א| ב" },
        { "both empty", "", "", "" },
        { "from nothing", "", "א\nב", "+א|+ב" },
        { "to nothing", "א\nב", "", "-א|-ב" },
        { "a changed middle line", "א\nב\nג", "א\nX\nג", " א|-ב|+X| ג" },
        { "a line added at the end", "א\nב", "א\nב\nג", " א| ב|+ג" },
        { "a line added at the start", "ב\nג", "א\nב\nג", "+א| ב| ג" },
        { "a line removed", "א\nב\nג", "א\nג", " א|-ב| ג" },
        { "lines swapped", "א\nב", "ב\nא", "-א| ב|+א" },
        { "two separate changes", "1\n2\n3\n4\n5", "1\nX\n3\n4\nY", " 1|-2|+X| 3| 4|-5|+Y" },
        { "a changed stretch shows removed lines first", "א\nב\nג\nד", "א\nX\nY\nד", " א|-ב|-ג|+X|+Y| ד" },
        { "repeated lines", "א\nא\nב", "א\nב\nב", " א|-א|+ב| ב" },
        { "windows line ends are lines too", "א\r\nב", "א\nב", " א| ב" },
        { "a trailing newline is an empty last line", "א", "א\n", " א|+" },
        { "whitespace counts", "א ", "א", "-א |+א" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Lines_are_marked_unchanged_removed_or_added(string name, string from, string to, string expected)
    {
        var lines = LineDiff.Compute(from, to);

        string.Join('|', lines.Select(l => (l.Kind switch { DiffLineKind.Added => "+", DiffLineKind.Removed => "-", _ => " " }) + l.Text))
            .Should().Be(expected, name);
        lines.Where(l => l.Kind != DiffLineKind.Added).Select(l => l.Text).Should().Equal(LineDiff.Lines(from), $"{name}: the old text is kept in order");
        lines.Where(l => l.Kind != DiffLineKind.Removed).Select(l => l.Text).Should().Equal(LineDiff.Lines(to), $"{name}: the new text is kept in order");
    }

    [Fact]
    public void Line_numbers_count_from_one_in_each_text()
    {
        var lines = LineDiff.Compute("א\nב\nג", "א\nX\nג\nד");

        lines.Should().Equal(
            new DiffLine(DiffLineKind.Unchanged, "א", 1, 1),
            new DiffLine(DiffLineKind.Removed, "ב", 2, null),
            new DiffLine(DiffLineKind.Added, "X", null, 2),
            new DiffLine(DiffLineKind.Unchanged, "ג", 3, 3),
            new DiffLine(DiffLineKind.Added, "ד", null, 4));
    }

    [Fact]
    public void The_diff_is_a_shortest_one()
    {
        var from = Enumerable.Range(0, 200).Select(i => $"שורה {i}").ToList();
        var to = from.Where((_, i) => i % 10 != 3).Select((l, i) => i % 25 == 7 ? l + " (שונה)" : l).ToList();

        var lines = LineDiff.Compute(from, to);

        var changed = lines.Count(l => l.Kind != DiffLineKind.Unchanged);
        var lcs = Lcs(from, to);
        changed.Should().Be(from.Count + to.Count - (2 * lcs));
    }

    [Fact]
    public void Beyond_the_edit_limit_the_middle_shows_as_removed_then_added()
    {
        var from = Enumerable.Range(0, 800).Select(i => $"a{i}").Prepend("ראש").Append("סוף").ToList();
        var to = Enumerable.Range(0, 800).Select(i => $"b{i}").Prepend("ראש").Append("סוף").ToList();

        var lines = LineDiff.Compute(from, to);

        lines.First().Should().Be(new DiffLine(DiffLineKind.Unchanged, "ראש", 1, 1));
        lines.Last().Should().Be(new DiffLine(DiffLineKind.Unchanged, "סוף", 802, 802));
        lines.Skip(1).Take(800).Should().OnlyContain(l => l.Kind == DiffLineKind.Removed);
        lines.Skip(801).Take(800).Should().OnlyContain(l => l.Kind == DiffLineKind.Added);
    }

    private static int Lcs(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var table = new int[a.Count + 1, b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
        {
            for (var j = 1; j <= b.Count; j++)
            {
                table[i, j] = a[i - 1] == b[j - 1] ? table[i - 1, j - 1] + 1 : Math.Max(table[i - 1, j], table[i, j - 1]);
            }
        }

        return table[a.Count, b.Count];
    }
}
