using FluentValidation;

namespace ProSaaS.Application.Notes.AddNoteAttachment;

public sealed class AddNoteAttachmentValidator : AbstractValidator<AddNoteAttachment>
{
    public AddNoteAttachmentValidator()
    {
        RuleFor(x => x.LeadId).NotEmpty().WithMessage("חסר מזהה ליד.");
        RuleFor(x => x.NoteId).NotEmpty().WithMessage("חסר מזהה פתק.");
        RuleFor(x => x.FileName).MaximumLength(1000).WithMessage("שם הקובץ ארוך מדי.");
        RuleFor(x => x.DeclaredContentType).MaximumLength(200).WithMessage("סוג התוכן שהוצהר ארוך מדי.");
    }
}
