using FluentValidation;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Prompts.RollbackPrompt;

public sealed class RollbackPromptValidator : AbstractValidator<RollbackPrompt>
{
    public RollbackPromptValidator()
    {
        PromptAccess.ChannelRule(this, x => x.Channel);
        RuleFor(x => x.Version).GreaterThanOrEqualTo(0).WithMessage(PromptRules.VersionMessage);
        RuleFor(x => x.Note).Must(TenantPrompts.IsValidNote).WithMessage(TenantPrompts.NoteTooLongMessage);
        RuleFor(x => x.BaseVersion).GreaterThanOrEqualTo(0).When(x => x.BaseVersion is not null).WithMessage(PromptRules.BaseVersionMessage);
    }
}
