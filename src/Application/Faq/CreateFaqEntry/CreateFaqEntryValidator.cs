using FluentValidation;

namespace ProSaaS.Application.Faq.CreateFaqEntry;

public sealed class CreateFaqEntryValidator : AbstractValidator<CreateFaqEntry>
{
    public CreateFaqEntryValidator() =>
        FaqEntries.Fields(this, x => x.Question, x => x.Answer, x => x.Keywords, x => x.Phrasings, x => x.Channels);
}
