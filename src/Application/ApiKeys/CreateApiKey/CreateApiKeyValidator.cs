using FluentValidation;
using ProSaaS.Domain.ApiKeys;

namespace ProSaaS.Application.ApiKeys.CreateApiKey;

public sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKey>
{
    public CreateApiKeyValidator()
    {
        RuleFor(x => x.Name).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("יש לתת למפתח שם.")
            .MaximumLength(ApiKey.MaxNameLength).WithMessage($"שם המפתח ארוך מדי (עד {ApiKey.MaxNameLength} תווים).");
        RuleFor(x => x.Role).IsInEnum().WithMessage("התפקיד אינו מוכר.");
    }
}
