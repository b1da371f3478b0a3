using FluentValidation;

namespace ProSaaS.Application.Users.EnableUser;

public sealed class EnableUserValidator : AbstractValidator<EnableUser>
{
    public EnableUserValidator()
    {
        RuleFor(x => x.UserId).NotEmpty().WithMessage("חסר מזהה משתמש.");
    }
}
