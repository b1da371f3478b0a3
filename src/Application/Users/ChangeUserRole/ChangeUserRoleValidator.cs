using FluentValidation;

namespace ProSaaS.Application.Users.ChangeUserRole;

public sealed class ChangeUserRoleValidator : AbstractValidator<ChangeUserRole>
{
    public ChangeUserRoleValidator()
    {
        RuleFor(x => x.UserId).NotEmpty().WithMessage("חסר מזהה משתמש.");
        RuleFor(x => x.Role).IsInEnum().WithMessage("התפקיד אינו מוכר.");
    }
}
