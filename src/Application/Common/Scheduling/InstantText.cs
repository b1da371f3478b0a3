using System.Globalization;
using System.Text.RegularExpressions;

namespace ProSaaS.Application.Common.Scheduling;

/// <summary>
/// Due times on the wire: ISO-8601 with an explicit offset or <c>Z</c> (<c>2026-03-01T10:00:00+02:00</c>), never a bare
/// local time whose meaning would depend on the server's zone. Stored and answered in UTC.
/// </summary>
public static partial class InstantText
{
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Latest = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public const string FormatMessage =
        "יש לציין מועד בפורמט ISO-8601 עם אזור זמן, למשל 2026-03-01T10:00:00+02:00 או 2026-03-01T08:00:00Z.";

    public static bool TryParse(string? text, out DateTimeOffset instant)
    {
        instant = default;
        if (text is null || text.Length > 40 || !IsoWithOffset().IsMatch(text))
        {
            return false;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        instant = parsed.ToUniversalTime();
        return instant >= Earliest && instant < Latest;
    }

    /// <summary>The parsed value of text a validator has already accepted.</summary>
    public static DateTimeOffset Parse(string text) =>
        TryParse(text, out var instant) ? instant : throw new FormatException($"'{text}' is not an ISO-8601 instant with an offset.");

    public static DateTimeOffset? ParseOptional(string? text) => string.IsNullOrWhiteSpace(text) ? null : Parse(text);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|z|[+-]\d{2}:?\d{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex IsoWithOffset();
}
