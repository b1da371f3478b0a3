using FluentValidation;
using ProSaaS.Application.Users;

namespace ProSaaS.Application.Auth.ChangePassword;

public sealed class ChangePasswordValidator : AbstractValidator<ChangePassword>
{
    public ChangePasswordValidator()
    {
        RuleFor(x => x.CurrentPassword).NotEmpty().WithMessage("יש למלא את הסיסמה הנוכחית.");
        RuleFor(x => x.NewPassword).StrongPassword();
    }
}
