using FluentValidation;
using ProSaaS.Application.Common.Paging;
using ProSaaS.Domain.Tenants;

namespace ProSaaS.Application.Faq.ListFaqEntries;

public sealed class ListFaqEntriesValidator : AbstractValidator<ListFaqEntries>
{
    public ListFaqEntriesValidator()
    {
        RuleFor(x => x.Channel).Must(c => AssistantChannels.TryParse(c, out _)).When(x => x.Channel is not null)
            .WithMessage(FaqEntries.ChannelMessage);
        RuleFor(x => x.Limit).InclusiveBetween(1, PageLimits.Max).WithMessage(FaqRequestRules.LimitMessage);
        RuleFor(x => x.Next).Must(next => NewestCursor.TryDecode(next, out _)).When(x => x.Next is not null)
            .WithMessage(FaqRequestRules.CursorMessage);
    }
}
