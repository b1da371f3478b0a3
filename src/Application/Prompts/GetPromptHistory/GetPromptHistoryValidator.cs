using FluentValidation;
using ProSaaS.Application.Common.Paging;

namespace ProSaaS.Application.Prompts.GetPromptHistory;

public sealed class GetPromptHistoryValidator : AbstractValidator<GetPromptHistory>
{
    public GetPromptHistoryValidator()
    {
        PromptAccess.ChannelRule(this, x => x.Channel);
        RuleFor(x => x.Limit).InclusiveBetween(1, PageLimits.Max).WithMessage(PromptRules.LimitMessage);
        RuleFor(x => x.Next).Must(next => PromptVersionCursor.TryDecode(next, out _)).When(x => x.Next is not null)
            .WithMessage(PromptRules.CursorMessage);
    }
}
