namespace ProSaaS.Application.Prompts;

public enum DiffLineKind
{
    Unchanged,
    Added,
    Removed,
}

/// <summary>One line of a diff: its text and its line number (from 1) in the older text, the newer text, or both.</summary>
public sealed record DiffLine(DiffLineKind Kind, string Text, int? FromLine, int? ToLine);

/// <summary>
/// A line diff of two texts, a pure function: Myers' O(ND) shortest edit script over lines (after the common first and last
/// lines are set aside), so that as few lines as possible show as removed or added; in a changed stretch the removed lines come
/// before the added ones. Beyond <see cref="MaxEditDistance"/> changed lines the rest of the middle shows as removed, then
/// added, which bounds time and memory whatever the input.
/// </summary>
public static class LineDiff
{
    public const int MaxEditDistance = 1000;

    /// <summary>The texts split into lines at <c>\n</c> (<c>\r\n</c> and <c>\r</c> count as <c>\n</c>).</summary>
    public static IReadOnlyList<DiffLine> Compute(string? from, string? to) => Compute(Lines(from), Lines(to));

    public static IReadOnlyList<DiffLine> Compute(IReadOnlyList<string> from, IReadOnlyList<string> to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var prefix = 0;
        while (prefix < from.Count && prefix < to.Count && from[prefix] == to[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < from.Count - prefix && suffix < to.Count - prefix && from[from.Count - 1 - suffix] == to[to.Count - 1 - suffix])
        {
            suffix++;
        }

        var lines = new List<DiffLine>(from.Count + to.Count);
        for (var i = 0; i < prefix; i++)
        {
            lines.Add(new DiffLine(DiffLineKind.Unchanged, from[i], i + 1, i + 1));
        }

        Middle(from, prefix, from.Count - suffix, to, prefix, to.Count - suffix, lines);
        for (var i = suffix; i > 0; i--)
        {
            var a = from.Count - i;
            var b = to.Count - i;
            lines.Add(new DiffLine(DiffLineKind.Unchanged, from[a], a + 1, b + 1));
        }

        return lines;
    }

    public static IReadOnlyList<string> Lines(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        return text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
    }

    /// <summary>The lines between the common start and end: from[a0..a1) against to[b0..b1).</summary>
    private static void Middle(IReadOnlyList<string> from, int a0, int a1, IReadOnlyList<string> to, int b0, int b1, List<DiffLine> lines)
    {
        var n = a1 - a0;
        var m = b1 - b0;
        var limit = Math.Min(n + m, MaxEditDistance);
        var offset = limit + 1;
        var v = new int[(2 * limit) + 3];
        var trace = new List<int[]>();
        var found = -1;
        for (var d = 0; d <= limit; d++)
        {
            trace.Add((int[])v.Clone());
            for (var k = -d; k <= d; k += 2)
            {
                var down = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]);
                var x = down ? v[offset + k + 1] : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && from[a0 + x] == to[b0 + y])
                {
                    x++;
                    y++;
                }

                v[offset + k] = x;
                if (x >= n && y >= m)
                {
                    found = d;
                    break;
                }
            }

            if (found >= 0)
            {
                break;
            }
        }

        if (found < 0)
        {
            for (var i = a0; i < a1; i++)
            {
                lines.Add(new DiffLine(DiffLineKind.Removed, from[i], i + 1, null));
            }

            for (var j = b0; j < b1; j++)
            {
                lines.Add(new DiffLine(DiffLineKind.Added, to[j], null, j + 1));
            }

            return;
        }

        // Walk the trace back from (n, m), collecting the moves in reverse.
        var moves = new List<DiffLine>();
        int cx = n, cy = m;
        for (var d = found; d > 0; d--)
        {
            var vd = trace[d];
            var k = cx - cy;
            var down = k == -d || (k != d && vd[offset + k - 1] < vd[offset + k + 1]);
            var previousK = down ? k + 1 : k - 1;
            var previousX = vd[offset + previousK];
            var previousY = previousX - previousK;
            while (cx > previousX && cy > previousY)
            {
                cx--;
                cy--;
                moves.Add(new DiffLine(DiffLineKind.Unchanged, from[a0 + cx], a0 + cx + 1, b0 + cy + 1));
            }

            if (down)
            {
                cy--;
                moves.Add(new DiffLine(DiffLineKind.Added, to[b0 + cy], null, b0 + cy + 1));
            }
            else
            {
                cx--;
                moves.Add(new DiffLine(DiffLineKind.Removed, from[a0 + cx], a0 + cx + 1, null));
            }
        }

        while (cx > 0 && cy > 0)
        {
            cx--;
            cy--;
            moves.Add(new DiffLine(DiffLineKind.Unchanged, from[a0 + cx], a0 + cx + 1, b0 + cy + 1));
        }

        moves.Reverse();
        lines.AddRange(moves);
    }
}
