using FluentValidation;

namespace ProSaaS.Application.Webhooks.CreateWebhookEndpoint;

public sealed class CreateWebhookEndpointValidator : AbstractValidator<CreateWebhookEndpoint>
{
    public CreateWebhookEndpointValidator()
    {
        WebhookValidation.Url(RuleFor(x => x.Url));
        WebhookValidation.Description(RuleFor(x => x.Description));
        WebhookValidation.EventTypeCount(RuleFor(x => x.EventTypes));
        WebhookValidation.EventType(RuleForEach(x => x.EventTypes));
        RuleFor(x => x.Kind).IsInEnum().When(x => x.Kind is not null).WithMessage("סוג ה-webhook אינו מוכר (generic או monday_transcript).");
    }
}
