using FluentValidation;

namespace ProSaaS.Application.Users.GetUser;

public sealed class GetUserValidator : AbstractValidator<GetUser>
{
    public GetUserValidator()
    {
        RuleFor(x => x.UserId).NotEmpty().WithMessage("חסר מזהה משתמש.");
    }
}
