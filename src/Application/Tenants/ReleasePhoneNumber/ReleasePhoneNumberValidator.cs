using FluentValidation;
using ProSaaS.Domain.Common.PhoneNumbers;

namespace ProSaaS.Application.Tenants.ReleasePhoneNumber;

public sealed class ReleasePhoneNumberValidator : AbstractValidator<ReleasePhoneNumber>
{
    public ReleasePhoneNumberValidator()
    {
        RuleFor(x => x.TenantId).NotEmpty().WithMessage("חסר מזהה עסק.");
        RuleFor(x => x.PhoneNumber)
            .Must(phone => IsraeliPhoneNumber.TryNormalize(phone, out _)).WithMessage("מספר הטלפון אינו תקין.");
    }
}
