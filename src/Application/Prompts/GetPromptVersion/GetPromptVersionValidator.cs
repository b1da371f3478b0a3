using FluentValidation;

namespace ProSaaS.Application.Prompts.GetPromptVersion;

public sealed class GetPromptVersionValidator : AbstractValidator<GetPromptVersion>
{
    public GetPromptVersionValidator()
    {
        PromptAccess.ChannelRule(this, x => x.Channel);
        RuleFor(x => x.Version).GreaterThanOrEqualTo(0).WithMessage(PromptRules.VersionMessage);
    }
}
