using FluentValidation;
using ProSaaS.Domain.Users;

namespace ProSaaS.Application.Auth.SignIn;

public sealed class SignInValidator : AbstractValidator<SignIn>
{
    /// <summary>Generous, but bounds the work a single request can make the password hasher do.</summary>
    public const int MaxPasswordLength = 1024;

    public SignInValidator()
    {
        RuleFor(x => x.Email)
            .NotEmpty().WithMessage("יש למלא אימייל.")
            .MaximumLength(User.MaxEmailLength).WithMessage("כתובת האימייל ארוכה מדי.");
        RuleFor(x => x.Password)
            .NotEmpty().WithMessage("יש למלא סיסמה.")
            .MaximumLength(MaxPasswordLength).WithMessage("הסיסמה ארוכה מדי.");
    }
}
