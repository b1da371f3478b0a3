using FluentValidation;
using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Paging;

namespace ProSaaS.Application.Notifications.ListNotifications;

/// <summary>
/// The caller's own notifications, newest first; <see cref="Unread"/> keeps the unread ones. A caller is the recipient
/// of its reminders and assigned tasks, and of unassigned tasks it created (an API key included).
/// </summary>
public sealed record ListNotifications(bool Unread = false, int Limit = PageLimits.Default, string? Next = null) : IRequest<NotificationPage>;

public sealed class ListNotificationsHandler(INotificationInbox inbox, IRequestContext context) : IRequestHandler<ListNotifications, NotificationPage>
{
    public async Task<NotificationPage> Handle(ListNotifications request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        if (context.UserId is not { } recipient)
        {
            return new NotificationPage([], null);
        }

        NewestCursor.TryDecode(request.Next, out var after);
        var rows = await inbox.ListAsync(tenantId, recipient, request.Unread, after, request.Limit + 1, cancellationToken);
        var items = rows.Take(request.Limit).ToList();
        var next = rows.Count > request.Limit ? new NewestCursor(items[^1].CreatedAt, items[^1].Id).Encode() : null;
        return new NotificationPage(items, next);
    }
}

public sealed class ListNotificationsValidator : AbstractValidator<ListNotifications>
{
    public ListNotificationsValidator()
    {
        RuleFor(x => x.Limit).InclusiveBetween(1, PageLimits.Max).WithMessage($"limit חייב להיות בין 1 ל-{PageLimits.Max}.");
        RuleFor(x => x.Next).Must(n => NewestCursor.TryDecode(n, out _)).When(x => x.Next is not null)
            .WithMessage("הסמן (next) אינו תקין; השתמשו בערך שהוחזר בעמוד הקודם.");
    }
}
