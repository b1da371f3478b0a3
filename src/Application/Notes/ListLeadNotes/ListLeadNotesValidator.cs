using FluentValidation;

namespace ProSaaS.Application.Notes.ListLeadNotes;

public sealed class ListLeadNotesValidator : AbstractValidator<ListLeadNotes>
{
    public ListLeadNotesValidator()
    {
        RuleFor(x => x.Limit).InclusiveBetween(1, ListLeadNotes.MaxLimit)
            .WithMessage($"limit חייב להיות בין 1 ל-{ListLeadNotes.MaxLimit}.");
        RuleFor(x => x.Next).Must(next => NoteCursor.TryDecode(next, out _))
            .When(x => x.Next is not null)
            .WithMessage("הסמן (next) אינו תקין; השתמשו בערך שהוחזר בעמוד הקודם.");
    }
}
