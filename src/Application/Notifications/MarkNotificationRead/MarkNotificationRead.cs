using FluentValidation;
using MediatR;
using ProSaaS.Application.Common.Context;
using ProSaaS.Application.Common.Errors;

namespace ProSaaS.Application.Notifications.MarkNotificationRead;

/// <summary>Marks one of the caller's notifications read. Someone else's notification is not found (404).</summary>
public sealed record MarkNotificationRead(Guid NotificationId) : IRequest<Unit>;

public sealed class MarkNotificationReadHandler(INotificationInbox inbox, IRequestContext context, TimeProvider clock)
    : IRequestHandler<MarkNotificationRead, Unit>
{
    public async Task<Unit> Handle(MarkNotificationRead request, CancellationToken cancellationToken)
    {
        var tenantId = context.RequireTenant();
        if (context.UserId is not { } recipient
            || !await inbox.MarkReadAsync(tenantId, recipient, request.NotificationId, clock.GetUtcNow(), cancellationToken))
        {
            throw new NotFoundException("notification", request.NotificationId);
        }

        return Unit.Value;
    }
}

public sealed class MarkNotificationReadValidator : AbstractValidator<MarkNotificationRead>
{
    public MarkNotificationReadValidator() => RuleFor(x => x.NotificationId).NotEmpty().WithMessage("חסר מזהה התראה.");
}
