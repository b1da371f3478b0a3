using FluentValidation;

namespace ProSaaS.Application.Notes.ReceiveNoteFile;

public sealed class ReceiveNoteFileValidator : AbstractValidator<ReceiveNoteFile>
{
    public ReceiveNoteFileValidator()
    {
        RuleFor(x => x.FileName).MaximumLength(1000).WithMessage("שם הקובץ ארוך מדי.");
        RuleFor(x => x.DeclaredContentType).MaximumLength(200).WithMessage("סוג התוכן שהוצהר ארוך מדי.");
    }
}
