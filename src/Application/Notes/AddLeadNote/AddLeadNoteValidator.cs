using FluentValidation;
using ProSaaS.Domain.Notes;

namespace ProSaaS.Application.Notes.AddLeadNote;

public sealed class AddLeadNoteValidator : AbstractValidator<AddLeadNote>
{
    public AddLeadNoteValidator()
    {
        RuleFor(x => x.LeadId).NotEmpty().WithMessage("חסר מזהה ליד.");
        RuleFor(x => x.Text).MaximumLength(LeadNote.MaxTextLength).WithMessage($"הטקסט ארוך מדי (עד {LeadNote.MaxTextLength:N0} תווים).");
        RuleFor(x => x.Text).Must(text => !string.IsNullOrWhiteSpace(text)).When(x => x.File is null)
            .WithMessage("פתק חייב לכלול טקסט או קובץ.");
    }
}
