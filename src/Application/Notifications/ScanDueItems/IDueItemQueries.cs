namespace ProSaaS.Application.Notifications.ScanDueItems;

/// <summary>Across every business: open reminders and unfinished tasks whose due time has passed and whose notification is still owed.</summary>
public interface IDueItemQueries
{
    /// <summary>Earliest due first.</summary>
    Task<IReadOnlyList<DueItem>> FindDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);
}

public enum DueItemKind
{
    Reminder,
    Task,
}

public sealed record DueItem(string TenantId, DueItemKind Kind, Guid Id);
