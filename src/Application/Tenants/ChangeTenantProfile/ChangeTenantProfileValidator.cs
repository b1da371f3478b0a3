using FluentValidation;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Tenants.ChangeTenantProfile;

public sealed class ChangeTenantProfileValidator : AbstractValidator<ChangeTenantProfile>
{
    public ChangeTenantProfileValidator()
    {
        RuleFor(x => x.Name)
            .NotEmpty().WithMessage("יש להזין את שם העסק.")
            .Must(name => name is null || name.Trim().Length <= Tenant.MaxNameLength).WithMessage($"שם העסק ארוך מדי (עד {Tenant.MaxNameLength} תווים).");
        RuleFor(x => x.TimeZone)
            .Must(tz => TenantTimeZone.IsValid(tz!.Trim())).When(x => x.TimeZone is not null)
            .WithMessage("אזור הזמן אינו מוכר (יש להשתמש בשם IANA, למשל Asia/Jerusalem).");
        RuleFor(x => x.Address)
            .Must(a => a!.Trim().Length <= Tenant.MaxAddressLength).When(x => x.Address is not null)
            .WithMessage($"הכתובת ארוכה מדי (עד {Tenant.MaxAddressLength} תווים).")
            .Must(a => !a!.Contains('\n') && !a.Contains('\r')).When(x => x.Address is not null)
            .WithMessage("הכתובת צריכה להיות בשורה אחת.");
        RuleFor(x => x.ExpectedVersion).GreaterThan(0).When(x => x.ExpectedVersion is not null)
            .WithMessage("גרסה צפויה חייבת להיות חיובית.");
    }
}
