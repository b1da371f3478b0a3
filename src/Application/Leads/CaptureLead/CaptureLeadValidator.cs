using FluentValidation;
using ProSaaS.Domain.Common.PhoneNumbers;
using ProSaaS.Domain.Leads;

namespace ProSaaS.Application.Leads.CaptureLead;

public sealed class CaptureLeadValidator : AbstractValidator<CaptureLead>
{
    public const int MaxFields = 50;
    public const int MaxFieldKeyLength = 64;
    public const int MaxFieldValueLength = 2000;

    public CaptureLeadValidator()
    {
        RuleFor(x => x.Name)
            .MaximumLength(Lead.MaxNameLength).WithMessage($"השם ארוך מדי (עד {Lead.MaxNameLength} תווים).");
        RuleFor(x => x.Phone)
            .Must(phone => IsraeliPhoneNumber.TryNormalize(phone, out _)).WithMessage("מספר הטלפון אינו תקין.")
            .When(x => !string.IsNullOrWhiteSpace(x.Phone));
        RuleFor(x => x)
            .Must(x => !string.IsNullOrWhiteSpace(x.Name) || !string.IsNullOrWhiteSpace(x.Phone))
            .WithName("name")
            .OverridePropertyName("name")
            .WithMessage("יש למלא שם או מספר טלפון.");
        RuleFor(x => x.Email)
            .EmailAddress().WithMessage("כתובת הדוא\"ל אינה תקינה.")
            .MaximumLength(320).WithMessage("כתובת הדוא\"ל ארוכה מדי.")
            .When(x => !string.IsNullOrWhiteSpace(x.Email));
        RuleFor(x => x.Source).IsInEnum().WithMessage("מקור הליד אינו מוכר.");
        RuleFor(x => x.Fields)
            .Must(f => f!.Count <= MaxFields).WithMessage($"אפשר לשמור עד {MaxFields} שדות.")
            .Must(f => f!.Keys.All(k => !string.IsNullOrWhiteSpace(k) && k.Length <= MaxFieldKeyLength))
            .WithMessage($"שם שדה חייב להכיל 1–{MaxFieldKeyLength} תווים.")
            .Must(f => f!.Values.All(v => v is not null && v.Length <= MaxFieldValueLength))
            .WithMessage($"ערך שדה ארוך מדי (עד {MaxFieldValueLength} תווים).")
            .When(x => x.Fields is not null);
    }
}
