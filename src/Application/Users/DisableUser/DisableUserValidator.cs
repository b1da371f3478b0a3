using FluentValidation;

namespace ProSaaS.Application.Users.DisableUser;

public sealed class DisableUserValidator : AbstractValidator<DisableUser>
{
    public DisableUserValidator()
    {
        RuleFor(x => x.UserId).NotEmpty().WithMessage("חסר מזהה משתמש.");
    }
}
