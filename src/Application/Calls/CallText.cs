using System.Text.Json;
using ProSaaS.Domain.Calls;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Calls;

/// <summary>The wire names of call values in query strings (the same snake_case the JSON uses) and the local-date range of a list.</summary>
public static partial class CallText
{
    public static readonly IReadOnlyDictionary<string, CallDirection> Directions = NamesOf<CallDirection>();

    public static readonly IReadOnlyDictionary<string, CallStatus> Statuses = NamesOf<CallStatus>();

    public static readonly string DirectionMessage = $"direction חייב להיות אחד מ: {string.Join(", ", Directions.Keys)}.";

    public static readonly string StatusMessage = $"status חייב להיות אחד מ: {string.Join(", ", Statuses.Keys)}.";

    public const string DateMessage = "התאריך חייב להיות תאריך קיים בפורמט yyyy-MM-dd.";

    public const string InstantMessage = "הזמן חייב להיות בפורמט ISO 8601 עם אזור זמן, למשל 2025-03-01T22:00:00Z.";

    public static string WireName<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static bool TryParseDate(string? text, out DateOnly date) => TenantSettingsRules.TryParseDate(text, out date);

    /// <summary>An ISO 8601 instant that says its offset (<c>2025-03-01T22:00:00Z</c>, <c>2025-03-02T00:00:00+02:00</c>).</summary>
    public static bool TryParseInstant(string? text, out DateTimeOffset instant)
    {
        instant = default;
        return text is not null && InstantPattern().IsMatch(text)
               && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
                   System.Globalization.DateTimeStyles.None, out instant);
    }

    /// <summary>The instant a local date of the business begins.</summary>
    public static DateTimeOffset StartOfDay(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        // A day whose midnight a clock change skips begins at the first valid minute after it.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static Dictionary<string, TEnum> NamesOf<TEnum>()
        where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().ToDictionary(WireName, v => v, StringComparer.Ordinal);

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial System.Text.RegularExpressions.Regex InstantPattern();
}
