using System.Globalization;
using System.Text.RegularExpressions;
using ProSaaS.Application.Tenants;
using ProSaaS.Domain.Appointments;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Appointments;

/// <summary>The business's appointment calendar from its settings and time zone, and the time formats of the appointment API.</summary>
public static partial class AppointmentCalendars
{
    public const string InstantFormatMessage = "המועד חייב להיות בפורמט ISO-8601 עם אזור זמן, למשל 2026-03-15T09:30:00+02:00 או 2026-03-15T07:30:00Z.";
    public const string DateFormatMessage = "התאריך חייב להיות תאריך קיים בפורמט yyyy-MM-dd.";

    /// <summary>A business without settings has the defaults; an unknown zone reads as Asia/Jerusalem.</summary>
    public static async Task<AppointmentCalendar> LoadCalendarAsync(this ITenantQueries tenants, string tenantId, CancellationToken cancellationToken)
    {
        var settings = (await tenants.GetSettingsAsync(tenantId, cancellationToken))?.Settings ?? TenantSettings.Default;
        var profile = await tenants.GetProfileAsync(tenantId, cancellationToken);
        return new AppointmentCalendar(settings.Appointments, settings.BusinessHours, ZoneOf(profile?.TimeZone));
    }

    public static TimeZoneInfo ZoneOf(string? timeZone) =>
        TenantTimeZone.IsValid(timeZone) ? TimeZoneInfo.FindSystemTimeZoneById(timeZone!) : TimeZoneInfo.FindSystemTimeZoneById(TenantTimeZone.Default);

    /// <summary>
    /// An ISO-8601 moment that says which moment it is: a date, a time and an offset ("Z" or ±HH:mm). A time without an
    /// offset is refused rather than guessed.
    /// </summary>
    public static bool TryParseInstant(string? text, out DateTimeOffset instant)
    {
        instant = default;
        return text is not null
               && InstantPattern().IsMatch(text)
               && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    public static bool TryParseDate(string? text, out DateOnly date) => TenantSettingsRules.TryParseDate(text, out date);

    public static string FormatDate(DateOnly date) => date.ToString(TenantSettingsRules.DateFormat, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,7})?)?(Z|[+-][0-9]{2}:[0-9]{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex InstantPattern();
}
