using FluentValidation;
using ProSaaS.Domain.Notes;

namespace ProSaaS.Application.Notes.EditLeadNote;

public sealed class EditLeadNoteValidator : AbstractValidator<EditLeadNote>
{
    public EditLeadNoteValidator()
    {
        RuleFor(x => x.LeadId).NotEmpty().WithMessage("חסר מזהה ליד.");
        RuleFor(x => x.NoteId).NotEmpty().WithMessage("חסר מזהה פתק.");
        RuleFor(x => x.Text).MaximumLength(LeadNote.MaxTextLength).WithMessage($"הטקסט ארוך מדי (עד {LeadNote.MaxTextLength:N0} תווים).");
        RuleFor(x => x.ExpectedVersion).GreaterThan(0).When(x => x.ExpectedVersion is not null)
            .WithMessage("גרסה צפויה חייבת להיות חיובית.");
    }
}
