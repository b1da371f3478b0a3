using FluentValidation;
using ProSaaS.Domain.Common.PhoneNumbers;

namespace ProSaaS.Application.Tenants.AssignPhoneNumber;

public sealed class AssignPhoneNumberValidator : AbstractValidator<AssignPhoneNumber>
{
    public AssignPhoneNumberValidator()
    {
        RuleFor(x => x.TenantId).NotEmpty().WithMessage("חסר מזהה עסק.");
        RuleFor(x => x.PhoneNumber)
            .Must(phone => IsraeliPhoneNumber.TryNormalize(phone, out _)).WithMessage("מספר הטלפון אינו תקין.");
    }
}
