using FluentValidation;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Tenants.AddWhatsAppIdentifier;

public sealed class AddWhatsAppIdentifierValidator : AbstractValidator<AddWhatsAppIdentifier>
{
    public AddWhatsAppIdentifierValidator()
    {
        RuleFor(x => x.TenantId).NotEmpty().WithMessage("חסר מזהה עסק.");
        RuleFor(x => x.Identifier)
            .Must(identifier => WhatsAppIdentifier.TryNormalize(identifier, out _))
            .WithMessage($"מזהה הוואטסאפ חייב להיות מספר טלפון או מזהה של עד {WhatsAppIdentifier.MaxLength} תווים.");
    }
}
