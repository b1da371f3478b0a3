namespace ProSaaS.Application.Common.Scheduling;

/// <summary>The time zone a business lives in, for reading due times on its own calendar.</summary>
public interface ITenantTimeZones
{
    /// <summary>The business's zone; Asia/Jerusalem when it has none this machine knows.</summary>
    Task<TimeZoneInfo> GetAsync(string tenantId, CancellationToken cancellationToken);
}
