using FluentValidation;

namespace ProSaaS.Application.Faq.UpdateFaqEntry;

public sealed class UpdateFaqEntryValidator : AbstractValidator<UpdateFaqEntry>
{
    public UpdateFaqEntryValidator()
    {
        RuleFor(x => x.EntryId).NotEmpty().WithMessage("חסר מזהה השאלה.");
        FaqEntries.Fields(this, x => x.Question, x => x.Answer, x => x.Keywords, x => x.Phrasings, x => x.Channels);
        RuleFor(x => x.ExpectedVersion).GreaterThan(0).When(x => x.ExpectedVersion is not null)
            .WithMessage("גרסה צפויה חייבת להיות חיובית.");
    }
}
