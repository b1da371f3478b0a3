using FluentValidation;

namespace ProSaaS.Application.Webhooks.ListWebhookDeliveries;

public sealed class ListWebhookDeliveriesValidator : AbstractValidator<ListWebhookDeliveries>
{
    public ListWebhookDeliveriesValidator()
    {
        RuleFor(x => x.Limit).InclusiveBetween(1, WebhookLimits.MaxPageSize).WithMessage(WebhookLimits.LimitMessage);
        RuleFor(x => x.Next).Must(next => WebhookCursor.TryDecode(next, out _)).When(x => x.Next is not null)
            .WithMessage(WebhookLimits.CursorMessage);
    }
}
