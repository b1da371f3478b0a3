using FluentValidation;

namespace ProSaaS.Application.Webhooks.ListWebhookEndpoints;

public sealed class ListWebhookEndpointsValidator : AbstractValidator<ListWebhookEndpoints>
{
    public ListWebhookEndpointsValidator()
    {
        RuleFor(x => x.Limit).InclusiveBetween(1, WebhookLimits.MaxPageSize).WithMessage(WebhookLimits.LimitMessage);
        RuleFor(x => x.Next).Must(next => WebhookCursor.TryDecode(next, out _)).When(x => x.Next is not null)
            .WithMessage(WebhookLimits.CursorMessage);
    }
}
