using FluentValidation;

namespace ProSaaS.Application.Calls.Tools.EndCallTool;

public sealed class EndCallToolValidator : AbstractValidator<EndCallTool>
{
    public EndCallToolValidator()
    {
        RuleFor(x => x.Reason)
            .Must(reason => CallToolCatalog.EndReasons.Contains(reason))
            .When(x => !string.IsNullOrWhiteSpace(x.Reason))
            .WithMessage($"reason חייב להיות אחד מ: {string.Join(", ", CallToolCatalog.EndReasons)}.");
    }
}
