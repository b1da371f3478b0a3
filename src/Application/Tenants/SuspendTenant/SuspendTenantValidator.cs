using FluentValidation;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Tenants.SuspendTenant;

public sealed class SuspendTenantValidator : AbstractValidator<SuspendTenant>
{
    public SuspendTenantValidator()
    {
        RuleFor(x => x.TenantId).NotEmpty().WithMessage("חסר מזהה עסק.");
        RuleFor(x => x.Reason)
            .NotEmpty().WithMessage("יש לציין סיבה להשהיית העסק.")
            .Must(reason => reason is null || reason.Trim().Length <= Tenant.MaxSuspensionReasonLength)
            .WithMessage($"סיבת ההשהיה ארוכה מדי (עד {Tenant.MaxSuspensionReasonLength} תווים).");
    }
}
