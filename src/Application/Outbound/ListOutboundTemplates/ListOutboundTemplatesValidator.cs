using FluentValidation;
using ProSaaS.Application.Common.Paging;

namespace ProSaaS.Application.Outbound.ListOutboundTemplates;

public sealed class ListOutboundTemplatesValidator : AbstractValidator<ListOutboundTemplates>
{
    public ListOutboundTemplatesValidator()
    {
        RuleFor(x => x.Limit).InclusiveBetween(1, PageLimits.Max).WithMessage(OutboundTemplateRules.LimitMessage);
        RuleFor(x => x.Next).Must(next => NewestCursor.TryDecode(next, out _)).When(x => x.Next is not null)
            .WithMessage(OutboundTemplateRules.CursorMessage);
    }
}
