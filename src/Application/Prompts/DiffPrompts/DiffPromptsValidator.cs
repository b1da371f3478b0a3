using FluentValidation;

namespace ProSaaS.Application.Prompts.DiffPrompts;

public sealed class DiffPromptsValidator : AbstractValidator<DiffPrompts>
{
    public DiffPromptsValidator()
    {
        PromptAccess.ChannelRule(this, x => x.Channel);
        RuleFor(x => x.From).NotNull().WithMessage("חסר from: מספר הגרסה להשוואה ממנה.")
            .GreaterThanOrEqualTo(0).WithMessage(PromptRules.VersionMessage);
        RuleFor(x => x.To).NotNull().WithMessage("חסר to: מספר הגרסה להשוואה אליה.")
            .GreaterThanOrEqualTo(0).WithMessage(PromptRules.VersionMessage);
    }
}
