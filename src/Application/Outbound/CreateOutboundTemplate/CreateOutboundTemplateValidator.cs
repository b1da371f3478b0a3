using FluentValidation;

namespace ProSaaS.Application.Outbound.CreateOutboundTemplate;

public sealed class CreateOutboundTemplateValidator : AbstractValidator<CreateOutboundTemplate>
{
    public CreateOutboundTemplateValidator() =>
        OutboundTemplateValidation.Fields(this, x => x.Name, x => x.Description, x => x.PromptText, x => x.GreetingTemplate);
}
