using FluentValidation;

namespace ProSaaS.Application.Outbound.UpdateOutboundTemplate;

public sealed class UpdateOutboundTemplateValidator : AbstractValidator<UpdateOutboundTemplate>
{
    public UpdateOutboundTemplateValidator()
    {
        RuleFor(x => x.TemplateId).NotEmpty().WithMessage("חסר מזהה תבנית.");
        OutboundTemplateValidation.Fields(this, x => x.Name, x => x.Description, x => x.PromptText, x => x.GreetingTemplate);
        RuleFor(x => x.ExpectedVersion).GreaterThan(0).When(x => x.ExpectedVersion is not null)
            .WithMessage("גרסה צפויה חייבת להיות חיובית.");
    }
}
