using FluentValidation;
using ProSaaS.Domain.Outbound;

namespace ProSaaS.Application.Outbound;

/// <summary>The field rules a template's create and change share, so that every problem is listed at once.</summary>
internal static class OutboundTemplateValidation
{
    public static void Fields<T>(
        AbstractValidator<T> validator,
        System.Linq.Expressions.Expression<Func<T, string?>> name,
        System.Linq.Expressions.Expression<Func<T, string?>> description,
        System.Linq.Expressions.Expression<Func<T, string?>> promptText,
        System.Linq.Expressions.Expression<Func<T, string?>> greetingTemplate)
    {
        validator.RuleFor(name)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(OutboundTemplateRules.NameRequiredMessage)
            .Must(n => n is null || n.Trim().Length <= OutboundTemplate.MaxNameLength).WithMessage(OutboundTemplateRules.NameTooLongMessage);
        validator.RuleFor(description)
            .Must(d => d is null || d.Trim().Length <= OutboundTemplate.MaxDescriptionLength).WithMessage(OutboundTemplateRules.DescriptionTooLongMessage);
        validator.RuleFor(promptText)
            .Must(p => !string.IsNullOrWhiteSpace(p)).WithMessage(OutboundTemplateRules.PromptRequiredMessage)
            .Must(p => p is null || p.Trim().Length <= OutboundTemplate.MaxPromptLength).WithMessage(OutboundTemplateRules.PromptTooLongMessage);
        validator.RuleFor(greetingTemplate)
            .Custom((greeting, context) =>
            {
                if (OutboundGreeting.Check(greeting?.Trim()) is { } problem)
                {
                    context.AddFailure(problem.Message);
                }
            });
    }
}
