using FluentValidation;

namespace ProSaaS.Application.Leads.ListLeads;

public sealed class ListLeadsValidator : AbstractValidator<ListLeads>
{
    public ListLeadsValidator()
    {
        RuleFor(x => x.Limit).InclusiveBetween(1, ListLeads.MaxLimit)
            .WithMessage($"limit חייב להיות בין 1 ל-{ListLeads.MaxLimit}.");
        RuleFor(x => x.Next).Must(next => LeadCursor.TryDecode(next, out _))
            .When(x => x.Next is not null)
            .WithMessage("הסמן (next) אינו תקין; השתמשו בערך שהוחזר בעמוד הקודם.");
        RuleFor(x => x.Search).MaximumLength(100).WithMessage("מחרוזת החיפוש ארוכה מדי (עד 100 תווים).");
        RuleFor(x => x.Assignee).Must(AssigneeFilter.IsValid).WithMessage("assignee חייב להיות me, none או מזהה משתמש.");
        RuleFor(x => x.Status).MaximumLength(40).WithMessage("שם הסטטוס ארוך מדי.");
    }
}
