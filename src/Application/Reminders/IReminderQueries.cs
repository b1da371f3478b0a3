using ProSaaS.Application.Common.Paging;
using ProSaaS.Domain.Common;

namespace ProSaaS.Application.Reminders;

/// <summary>Reads of the <c>lead_reminders</c> read model, each row with its lead and owner joined in the same query.</summary>
public interface IReminderQueries
{
    Task<ReminderView?> GetAsync(string tenantId, Guid reminderId, CancellationToken cancellationToken);

    /// <summary>Earliest due first, then by id; <paramref name="after"/> continues after the last item of the previous page.</summary>
    Task<IReadOnlyList<ReminderView>> ListAsync(string tenantId, ReminderFilter filter, DueCursor? after, int limit, CancellationToken cancellationToken);
}

/// <summary>
/// Filters of a reminder list. <see cref="Completed"/> null means both open and completed ones. A due range
/// (<see cref="DueFrom"/> inclusive, <see cref="DueBefore"/> exclusive) is applied to open reminders only.
/// </summary>
public sealed record ReminderFilter(
    Guid? LeadId = null,
    Guid? OwnerUserId = null,
    bool? Completed = null,
    DateTimeOffset? DueFrom = null,
    DateTimeOffset? DueBefore = null);

/// <summary>
/// A reminder with its lead's name and phone and its owner's display name. <see cref="DueWindow"/> places an open
/// reminder's due time on the business's calendar (overdue, today, upcoming); null once completed.
/// </summary>
public sealed record ReminderView(
    Guid Id,
    Guid LeadId,
    string? LeadName,
    string? LeadPhone,
    Guid OwnerUserId,
    string? OwnerName,
    string Text,
    DateTimeOffset DueAt,
    DueWindow? DueWindow,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? NotifiedAt,
    string? CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version);

/// <summary><see cref="Next"/> is the cursor of the following page, or null on the last page.</summary>
public sealed record ReminderPage(IReadOnlyList<ReminderView> Items, string? Next);
