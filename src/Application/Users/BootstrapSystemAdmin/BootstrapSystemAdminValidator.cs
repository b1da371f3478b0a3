using FluentValidation;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Users.BootstrapSystemAdmin;

public sealed class BootstrapSystemAdminValidator : AbstractValidator<BootstrapSystemAdmin>
{
    public BootstrapSystemAdminValidator()
    {
        RuleFor(x => x.Email).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("יש למלא אימייל.")
            .MaximumLength(User.MaxEmailLength).WithMessage("כתובת האימייל ארוכה מדי.")
            .EmailAddress().WithMessage("כתובת האימייל אינה תקינה.");
        RuleFor(x => x.DisplayName).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("יש למלא שם.")
            .MaximumLength(User.MaxDisplayNameLength).WithMessage($"השם ארוך מדי (עד {User.MaxDisplayNameLength} תווים).");
        RuleFor(x => x.Password).StrongPassword();
    }
}
