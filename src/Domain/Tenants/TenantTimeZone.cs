using System.Text.RegularExpressions;

namespace ProSaaS.Domain.Tenants;

/// <summary>The IANA time zone a business lives in; appointments and business hours are read in it.</summary>
public static partial class TenantTimeZone
{
    public const string Default = "Asia/Jerusalem";

    /// <summary>An IANA zone id (e.g. "Europe/London") that this machine knows; Windows ids are refused.</summary>
    public static bool IsValid(string? timeZone)
    {
        // The id names a file under the zone database: only zone-shaped names are looked up at all.
        if (timeZone is null || !ZoneIdPattern().IsMatch(timeZone))
        {
            return false;
        }

        try
        {
            return TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) && zone.HasIanaId;
        }
        catch (Exception ex) when (ex is InvalidTimeZoneException or System.Security.SecurityException or IOException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9][A-Za-z0-9_+\-]*){0,2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ZoneIdPattern();
}
