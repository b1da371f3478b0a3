using FluentValidation;
using ProSaaS.Application.Leads.CaptureLead;
using ProSaaS.Domain.Common.PhoneNumbers;
using ProSaaS.Domain.Leads;

namespace ProSaaS.Application.Leads.ChangeLeadDetails;

public sealed class ChangeLeadDetailsValidator : AbstractValidator<ChangeLeadDetails>
{
    public ChangeLeadDetailsValidator()
    {
        RuleFor(x => x.Name)
            .Must(n => n!.Trim().Length > 0).WithMessage("אי אפשר למחוק את שם הליד; אפשר לתקן אותו.")
            .MaximumLength(Lead.MaxNameLength).WithMessage($"השם ארוך מדי (עד {Lead.MaxNameLength} תווים).")
            .When(x => x.Name is not null);
        RuleFor(x => x.Phone)
            .Must(phone => IsraeliPhoneNumber.TryNormalize(phone, out _)).WithMessage("מספר הטלפון אינו תקין.")
            .When(x => x.Phone is not null);
        RuleFor(x => x.Email)
            .EmailAddress().WithMessage("כתובת הדוא\"ל אינה תקינה.")
            .MaximumLength(320).WithMessage("כתובת הדוא\"ל ארוכה מדי.")
            .When(x => !string.IsNullOrWhiteSpace(x.Email));
        RuleFor(x => x.Fields)
            .Must(f => f!.Count <= CaptureLeadValidator.MaxFields).WithMessage($"אפשר לשנות עד {CaptureLeadValidator.MaxFields} שדות בבת אחת.")
            .Must(f => f!.Values.All(v => v is null || v.Length <= CaptureLeadValidator.MaxFieldValueLength))
            .WithMessage($"ערך שדה ארוך מדי (עד {CaptureLeadValidator.MaxFieldValueLength} תווים).")
            .When(x => x.Fields is not null);
        RuleFor(x => x)
            .Must(x => x.Name is not null || x.Phone is not null || x.Email is not null || x.Fields is { Count: > 0 })
            .OverridePropertyName("name")
            .WithMessage("לא נשלח שום שינוי.");
    }
}
