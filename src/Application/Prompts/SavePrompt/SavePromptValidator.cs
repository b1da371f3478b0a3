using FluentValidation;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Prompts.SavePrompt;

public sealed class SavePromptValidator : AbstractValidator<SavePrompt>
{
    public SavePromptValidator()
    {
        PromptAccess.ChannelRule(this, x => x.Channel);
        RuleFor(x => x.Text)
            .Must(t => TenantPrompts.Normalise(t).Length > 0).WithMessage(TenantPrompts.TextRequiredMessage)
            .Must(t => TenantPrompts.Normalise(t).Length <= TenantPrompts.MaxTextLength).WithMessage(TenantPrompts.TextTooLongMessage);
        RuleFor(x => x.Note).Must(TenantPrompts.IsValidNote).WithMessage(TenantPrompts.NoteTooLongMessage);
        RuleFor(x => x.BaseVersion)
            .NotNull().WithMessage("חסר baseVersion: מספר הגרסה שעליה נעשה השינוי (0 לשינוי של ברירת המחדל).")
            .GreaterThanOrEqualTo(0).WithMessage(PromptRules.BaseVersionMessage);
    }
}
