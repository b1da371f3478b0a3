using ProSaaS.Application.Common.Paging;

namespace ProSaaS.Application.Notifications;

/// <summary>
/// The <c>notifications</c> read model: rows are written by the reminder and task projections when an item comes due;
/// whether a recipient has read one is the recipient's own bookkeeping, written here directly and not an event.
/// </summary>
public interface INotificationInbox
{
    /// <summary>The recipient's notifications, newest first, with the lead's name joined in the same query.</summary>
    Task<IReadOnlyList<NotificationView>> ListAsync(
        string tenantId, string recipientId, bool unreadOnly, NewestCursor? after, int limit, CancellationToken cancellationToken);

    /// <summary>Marks one of the recipient's notifications read (a read one keeps its first reading); false when it has none such.</summary>
    Task<bool> MarkReadAsync(string tenantId, string recipientId, Guid notificationId, DateTimeOffset readAt, CancellationToken cancellationToken);

    /// <summary>Marks every unread notification of the recipient read; returns how many.</summary>
    Task<int> MarkAllReadAsync(string tenantId, string recipientId, DateTimeOffset readAt, CancellationToken cancellationToken);
}

public enum NotificationKind
{
    ReminderDue,
    TaskDue,
}

/// <summary>
/// Something that came due for the recipient: a reminder (<see cref="SubjectId"/> is its id) or a task. Lead fields
/// are set when the subject is about a lead.
/// </summary>
public sealed record NotificationView(
    Guid Id,
    NotificationKind Kind,
    Guid SubjectId,
    Guid? LeadId,
    string? LeadName,
    string Title,
    DateTimeOffset DueAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ReadAt);

public sealed record NotificationPage(IReadOnlyList<NotificationView> Items, string? Next);
