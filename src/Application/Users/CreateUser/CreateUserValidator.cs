using FluentValidation;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Users.CreateUser;

public sealed class CreateUserValidator : AbstractValidator<CreateUser>
{
    public CreateUserValidator()
    {
        RuleFor(x => x.Email).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("יש למלא אימייל.")
            .MaximumLength(User.MaxEmailLength).WithMessage("כתובת האימייל ארוכה מדי.")
            .EmailAddress().WithMessage("כתובת האימייל אינה תקינה.");
        RuleFor(x => x.DisplayName).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("יש למלא שם.")
            .MaximumLength(User.MaxDisplayNameLength).WithMessage($"השם ארוך מדי (עד {User.MaxDisplayNameLength} תווים).");
        RuleFor(x => x.Role).IsInEnum().WithMessage("התפקיד אינו מוכר.");
        RuleFor(x => x.Password).StrongPassword();
        RuleFor(x => x.TenantId)
            .MaximumLength(100).WithMessage("מזהה העסק ארוך מדי.")
            .NotEqual(User.PlatformTenantId).WithMessage("מזהה העסק שמור למערכת.")
            .When(x => x.TenantId is not null);
    }
}
