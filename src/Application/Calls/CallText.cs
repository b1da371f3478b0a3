using System.Text.Json;
using ProSaaS.Domain.Calls;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Calls;

/// <summary>The wire names of call values in query strings (the same snake_case the JSON uses) and the local-date range of a list.</summary>
public static class CallText
{
    public static readonly IReadOnlyDictionary<string, CallDirection> Directions = NamesOf<CallDirection>();

    public static readonly IReadOnlyDictionary<string, CallStatus> Statuses = NamesOf<CallStatus>();

    public static readonly string DirectionMessage = $"direction חייב להיות אחד מ: {string.Join(", ", Directions.Keys)}.";

    public static readonly string StatusMessage = $"status חייב להיות אחד מ: {string.Join(", ", Statuses.Keys)}.";

    public const string DateMessage = "התאריך חייב להיות תאריך קיים בפורמט yyyy-MM-dd.";

    public static string WireName<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static bool TryParseDate(string? text, out DateOnly date) => TenantSettingsRules.TryParseDate(text, out date);

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
}
