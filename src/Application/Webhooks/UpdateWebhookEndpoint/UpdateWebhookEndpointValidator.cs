using FluentValidation;

namespace ProSaaS.Application.Webhooks.UpdateWebhookEndpoint;

public sealed class UpdateWebhookEndpointValidator : AbstractValidator<UpdateWebhookEndpoint>
{
    public UpdateWebhookEndpointValidator()
    {
        WebhookValidation.Url(RuleFor(x => x.Url));
        WebhookValidation.Description(RuleFor(x => x.Description));
        WebhookValidation.EventTypeCount(RuleFor(x => x.EventTypes));
        WebhookValidation.EventType(RuleForEach(x => x.EventTypes));
        RuleFor(x => x.Enabled).NotNull().WithMessage("יש לציין אם נקודת ה-webhook פעילה (enabled: true או false).");
    }
}
