using FluentValidation;

namespace ProSaaS.Application.Leads.DeleteLeads;

public sealed class DeleteLeadsValidator : AbstractValidator<DeleteLeads>
{
    public DeleteLeadsValidator()
    {
        RuleFor(x => x.LeadIds)
            .Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("יש לבחור לידים למחיקה.")
            .Must(ids => ids.Count is > 0 and <= DeleteLeads.MaxLeads).WithMessage($"אפשר למחוק 1–{DeleteLeads.MaxLeads} לידים בבת אחת.")
            .Must(ids => ids.All(id => id != Guid.Empty)).WithMessage("מזהה ליד אינו תקין.");
        RuleFor(x => x.Reason).MaximumLength(500).WithMessage("הסיבה ארוכה מדי (עד 500 תווים).");
    }
}
