using FluentValidation;

namespace ProSaaS.Application.Users;

/// <summary>
/// What a new password must be: 10–128 characters and not digits only. Length is what makes a password hard to
/// guess; composition rules beyond that mostly produce predictable passwords.
/// </summary>
public static class PasswordRules
{
    public const int MinLength = 10;
    public const int MaxLength = 128;

    public static IRuleBuilderOptions<T, string> StrongPassword<T>(this IRuleBuilderInitial<T, string> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("יש לבחור סיסמה.")
            .Length(MinLength, MaxLength).WithMessage($"הסיסמה חייבת להכיל {MinLength}–{MaxLength} תווים.")
            .Must(password => !password.All(char.IsDigit)).WithMessage("הסיסמה אינה יכולה להכיל ספרות בלבד.");
}
