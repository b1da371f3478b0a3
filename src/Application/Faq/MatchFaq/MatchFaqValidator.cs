using FluentValidation;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Faq.MatchFaq;

public sealed class MatchFaqValidator : AbstractValidator<MatchFaq>
{
    public MatchFaqValidator()
    {
        RuleFor(x => x.Text).Must(t => !string.IsNullOrWhiteSpace(t) && t.Length <= FaqRequestRules.MaxMatchTextLength)
            .WithMessage(FaqRequestRules.MatchTextMessage);
        RuleFor(x => x.Channel).Must(c => AssistantChannels.TryParse(c, out _)).WithMessage(FaqEntries.ChannelMessage);
    }
}
