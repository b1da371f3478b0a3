using FluentValidation;

namespace ProSaaS.Application.Tenants.UpdateTenantSettings;

public sealed class UpdateTenantSettingsValidator : AbstractValidator<UpdateTenantSettings>
{
    public UpdateTenantSettingsValidator()
    {
        RuleFor(x => x.Settings).NotNull().WithMessage("חסרות הגדרות העסק.").SetValidator(new TenantSettingsValidator());
        RuleFor(x => x.ExpectedVersion).GreaterThan(0).When(x => x.ExpectedVersion is not null)
            .WithMessage("גרסה צפויה חייבת להיות חיובית.");
    }
}
