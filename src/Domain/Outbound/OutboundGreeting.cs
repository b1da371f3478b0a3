using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ProSaaS.Domain.Common;

namespace ProSaaS.Domain.Outbound;

/// <summary>
/// The opening line of an outbound call, written by the business with the placeholders <c>{lead_name}</c> and
/// <c>{business}</c>. Rendering is Hebrew-aware: a prefix letter attached to a placeholder (<c>מ{business}</c>) takes a
/// hyphen before a value in Latin letters or digits (<c>מ-ProSaaS</c>), and a missing value leaves a natural sentence
/// (<c>שלום {lead_name}, …</c> → <c>שלום, …</c>) — the placeholder, its prefix letters and the punctuation left dangling go.
/// </summary>
public static partial class OutboundGreeting
{
    public const string LeadName = "lead_name";
    public const string Business = "business";
    public const int MaxLength = 500;

    /// <summary>The greeting of a template that has none of its own.</summary>
    public const string DefaultTemplate = "שלום {lead_name}, מדברים מ{business}.";

    /// <summary>What is said when nothing of the greeting is left (a template of placeholders only, all of them missing).</summary>
    public const string Fallback = "שלום";

    public static IReadOnlyList<string> Placeholders { get; } = [LeadName, Business];

    private const string PrefixLetters = "ובכלמשה";

    /// <summary>
    /// Null when <paramref name="template"/> may be used (an empty one means the default); otherwise why not, in Hebrew:
    /// an unknown placeholder, or a brace that opens or closes nothing.
    /// </summary>
    public static DomainException? Check(string? template)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            return null;
        }

        if (template.Length > MaxLength)
        {
            return new DomainException("outbound.greeting_too_long", $"הפתיח ארוך מדי (עד {MaxLength} תווים).");
        }

        if (!TryParse(template, out var segments))
        {
            return new DomainException("outbound.greeting_braces",
                "בפתיח יש סוגריים מסולסלים שאינם סוגרים מציין מקום. אפשר להשתמש רק ב-{lead_name} וב-{business}.");
        }

        var unknown = segments.Where(s => s.IsPlaceholder && !Placeholders.Contains(s.Text, StringComparer.Ordinal))
            .Select(s => "{" + s.Text + "}").Distinct(StringComparer.Ordinal).ToList();
        return unknown.Count == 0
            ? null
            : new DomainException("outbound.greeting_placeholder_unknown",
                $"מציין מקום לא מוכר בפתיח: {string.Join(", ", unknown)}. אפשר להשתמש רק ב-{{lead_name}} וב-{{business}}.");
    }

    /// <summary>
    /// The greeting with the lead's and the business's names in place. <paramref name="template"/> null or empty means
    /// <see cref="DefaultTemplate"/>. Names are cleaned of control and direction-override characters and of repeated
    /// spaces; an empty name counts as missing. A template that fails <see cref="Check"/> is refused.
    /// </summary>
    public static string Render(string? template, string? leadName, string? businessName)
    {
        var source = string.IsNullOrWhiteSpace(template) ? DefaultTemplate : template;
        if (Check(source) is { } problem)
        {
            throw problem;
        }

        TryParse(source, out var segments);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [LeadName] = CleanValue(leadName),
            [Business] = CleanValue(businessName),
        };

        var output = new StringBuilder(source.Length + 64);
        var missing = false;
        foreach (var segment in segments)
        {
            if (!segment.IsPlaceholder)
            {
                output.Append(segment.Text);
                continue;
            }

            var prefixLength = AttachedPrefixLength(output);
            if (values[segment.Text] is not { } value)
            {
                // The prefix letters belong to the missing word: "ל{lead_name}" goes as a whole.
                output.Length -= prefixLength;
                missing = true;
                continue;
            }

            if (prefixLength > 0 && !IsHebrewLetter(value[0]))
            {
                // Hebrew spelling: a prefix before a Latin word or a number takes a hyphen (ב-2026, מ-ProSaaS).
                output.Append('-');
            }

            output.Append(value);
        }

        var text = output.ToString();
        if (missing)
        {
            text = Tidy(text);
        }

        text = text.Trim();
        return text.Any(char.IsLetterOrDigit) ? text : Fallback;
    }

    /// <summary>Splits the template into text and placeholders; false when a brace is unmatched or nested.</summary>
    private static bool TryParse(string template, out List<Segment> segments)
    {
        segments = [];
        var text = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '}')
            {
                return false;
            }

            if (c != '{')
            {
                text.Append(c);
                continue;
            }

            var close = template.IndexOf('}', i + 1);
            var nextOpen = template.IndexOf('{', i + 1);
            if (close < 0 || (nextOpen >= 0 && nextOpen < close))
            {
                return false;
            }

            if (text.Length > 0)
            {
                segments.Add(new Segment(text.ToString(), false));
                text.Clear();
            }

            segments.Add(new Segment(template[(i + 1)..close].Trim(), true));
            i = close;
        }

        if (text.Length > 0)
        {
            segments.Add(new Segment(text.ToString(), false));
        }

        return true;
    }

    /// <summary>How many Hebrew prefix letters (ו, ה, ב, כ, ל, מ, ש — up to three) stand alone right before the end.</summary>
    private static int AttachedPrefixLength(StringBuilder output)
    {
        var length = 0;
        while (length < output.Length && length <= 3 && PrefixLetters.Contains(output[output.Length - 1 - length], StringComparison.Ordinal))
        {
            length++;
        }

        if (length is 0 or > 3)
        {
            return 0;
        }

        var before = output.Length - 1 - length;
        return before < 0 || !char.IsLetterOrDigit(output[before]) ? length : 0;
    }

    private static string? CleanValue(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var cleaned = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                cleaned.Append(char.IsWhiteSpace(c) ? ' ' : '\0');
                continue;
            }

            cleaned.Append(c);
        }

        var text = AnyWhitespace().Replace(cleaned.ToString().Replace("\0", "", StringComparison.Ordinal), " ").Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>Mends the sentence around a removed placeholder: spaces before punctuation, doubled or leading punctuation.</summary>
    private static string Tidy(string text)
    {
        text = Spaces().Replace(text, " ");
        text = SpaceBeforePunctuation().Replace(text, "$1");
        text = DoubledPunctuation().Replace(text, "$2");
        text = LeadingPunctuation().Replace(text, "");
        text = TrailingSeparators().Replace(text, "");
        return text;
    }

    private static bool IsHebrewLetter(char c) => c is >= '\u05D0' and <= '\u05EA';

    [GeneratedRegex(@"\s+")]
    private static partial Regex AnyWhitespace();

    [GeneratedRegex(@"[ \t\u00A0]{2,}")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"[ \t\u00A0]+([,.!?;:׃])")]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"([,;:])\s*([,.!?;:])")]
    private static partial Regex DoubledPunctuation();

    [GeneratedRegex(@"^[\s,.!?;:׃\-–]+")]
    private static partial Regex LeadingPunctuation();

    [GeneratedRegex(@"[\s,;:\-–]+$")]
    private static partial Regex TrailingSeparators();

    private sealed record Segment(string Text, bool IsPlaceholder);
}
