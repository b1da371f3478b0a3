using FluentValidation;

namespace ProSaaS.Application.Tenants.ChangeTenantLimits;

public sealed class ChangeTenantLimitsValidator : AbstractValidator<ChangeTenantLimits>
{
    public ChangeTenantLimitsValidator()
    {
        RuleFor(x => x.TenantId).NotEmpty().WithMessage("חסר מזהה עסק.");
        this.AddLimitRules(x => x.MaxConcurrentCalls, x => x.MaxOutboundCalls);
    }
}
