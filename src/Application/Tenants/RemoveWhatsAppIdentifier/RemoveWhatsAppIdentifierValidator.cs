using FluentValidation;

namespace ProSaaS.Application.Tenants.RemoveWhatsAppIdentifier;

public sealed class RemoveWhatsAppIdentifierValidator : AbstractValidator<RemoveWhatsAppIdentifier>
{
    public RemoveWhatsAppIdentifierValidator()
    {
        RuleFor(x => x.TenantId).NotEmpty().WithMessage("חסר מזהה עסק.");
        RuleFor(x => x.Identifier).NotEmpty().WithMessage("חסר מזהה וואטסאפ.");
    }
}
