using FluentValidation;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Tenants.CreateTenant;

public sealed class CreateTenantValidator : AbstractValidator<CreateTenant>
{
    public CreateTenantValidator()
    {
        RuleFor(x => x.Name)
            .NotEmpty().WithMessage("יש להזין את שם העסק.")
            .Must(name => name is null || name.Trim().Length <= Tenant.MaxNameLength).WithMessage($"שם העסק ארוך מדי (עד {Tenant.MaxNameLength} תווים).");
        RuleFor(x => x.Slug)
            .Must(slug => TenantSlug.IsValid(TenantSlug.Normalize(slug)))
            .WithMessage($"המזהה הקצר חייב להכיל {TenantSlug.MinLength}–{TenantSlug.MaxLength} אותיות לטיניות קטנות, ספרות ומקפים, בלי מקף בהתחלה או בסוף.");
        RuleFor(x => x.TimeZone)
            .Must(tz => TenantTimeZone.IsValid(tz!.Trim())).When(x => x.TimeZone is not null)
            .WithMessage("אזור הזמן אינו מוכר (יש להשתמש בשם IANA, למשל Asia/Jerusalem).");
        this.AddLimitRules(x => x.MaxConcurrentCalls, x => x.MaxOutboundCalls);
        RuleFor(x => x.Settings!).SetValidator(new TenantSettingsValidator()).When(x => x.Settings is not null);
    }
}
