using FluentValidation;

namespace ProSaaS.Application.Tenants.ReactivateTenant;

public sealed class ReactivateTenantValidator : AbstractValidator<ReactivateTenant>
{
    public ReactivateTenantValidator()
    {
        RuleFor(x => x.TenantId).NotEmpty().WithMessage("חסר מזהה עסק.");
    }
}
