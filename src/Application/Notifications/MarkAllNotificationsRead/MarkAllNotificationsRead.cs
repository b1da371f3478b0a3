using MediatR;
using ProSaaS.Application.Common.Context;

namespace ProSaaS.Application.Notifications.MarkAllNotificationsRead;

/// <summary>Marks every unread notification of the caller read; returns how many were marked.</summary>
public sealed record MarkAllNotificationsRead : IRequest<int>;

public sealed class MarkAllNotificationsReadHandler(INotificationInbox inbox, IRequestContext context, TimeProvider clock)
    : IRequestHandler<MarkAllNotificationsRead, int>
{
    public async Task<int> Handle(MarkAllNotificationsRead request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        return context.UserId is { } recipient
            ? await inbox.MarkAllReadAsync(tenantId, recipient, clock.GetUtcNow(), cancellationToken)
            : 0;
    }
}
