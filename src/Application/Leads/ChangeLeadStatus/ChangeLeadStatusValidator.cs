using FluentValidation;
using ProSaaS.Domain.Leads;

namespace ProSaaS.Application.Leads.ChangeLeadStatus;

public sealed class ChangeLeadStatusValidator : AbstractValidator<ChangeLeadStatus>
{
    public ChangeLeadStatusValidator()
    {
        RuleFor(x => x.LeadId).NotEmpty().WithMessage("חסר מזהה ליד.");
        RuleFor(x => x.Status)
            .NotEmpty().WithMessage("יש לבחור סטטוס.")
            .MaximumLength(Lead.MaxStatusLength).WithMessage($"שם הסטטוס ארוך מדי (עד {Lead.MaxStatusLength} תווים).");
        RuleFor(x => x.Reason).MaximumLength(500).WithMessage("הסיבה ארוכה מדי (עד 500 תווים).");
        RuleFor(x => x.ExpectedVersion).GreaterThan(0).When(x => x.ExpectedVersion is not null)
            .WithMessage("גרסה צפויה חייבת להיות חיובית.");
    }
}
