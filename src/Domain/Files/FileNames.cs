using System.Globalization;
using System.Text;

namespace ProSaaS.Domain.Files;

/// <summary>
/// The name a file is shown and downloaded under. It is only ever displayed: storage keys never derive from it.
/// Folders, control characters and the invisible direction marks that can disguise an extension
/// (<c>photo‮gpj.exe</c>) are removed; long names are shortened keeping the extension.
/// </summary>
public static class FileNames
{
    public const int MaxLength = 200;

    /// <summary>The cleaned name, or null when nothing usable is left.</summary>
    public static string? Clean(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return null;
        }

        var lastSeparator = fileName.LastIndexOfAny(['/', '\\']);
        var builder = new StringBuilder(fileName.Length);
        foreach (var rune in fileName.AsSpan(lastSeparator + 1).EnumerateRunes())
        {
            // A broken surrogate reads as the replacement character: dropped like the invisible ones.
            if (rune == Rune.ReplacementChar || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
                    or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                continue;
            }

            if (rune.Value is '"' or '<' or '>' or '|' or ':' or '*' or '?')
            {
                builder.Append('_');
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        var name = builder.ToString().Trim().TrimEnd('.', ' ');
        if (name.Length == 0 || name.All(c => c == '.'))
        {
            return null;
        }

        if (name.Length > MaxLength)
        {
            var dot = name.LastIndexOf('.');
            var extension = dot > 0 && name.Length - dot <= 16 ? name[dot..] : "";
            name = name[..(MaxLength - extension.Length)].TrimEnd() + extension;
        }

        return name;
    }

    /// <summary>A name for a file that came without a usable one: "קובץ.pdf".</summary>
    public static string Default(FileType type) => "קובץ." + type.Extensions[0];
}
