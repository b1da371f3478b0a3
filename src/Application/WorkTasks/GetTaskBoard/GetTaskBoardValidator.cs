using FluentValidation;
using ProSaaS.Application.Common.Paging;
using ProSaaS.Application.Common.Scheduling;

namespace ProSaaS.Application.WorkTasks.GetTaskBoard;

public sealed class GetTaskBoardValidator : AbstractValidator<GetTaskBoard>
{
    public GetTaskBoardValidator()
    {
        RuleFor(x => x.Assignee).Must(a => WorkItemText.IsPersonFilter(a, allowNobody: true)).When(x => !string.IsNullOrWhiteSpace(x.Assignee))
            .WithMessage("assignee חייב להיות me, none או מזהה משתמש.");
        RuleFor(x => x.LeadId).NotEqual(Guid.Empty).WithMessage("מזהה הליד אינו תקין.");
        RuleFor(x => x.Limit).InclusiveBetween(1, PageLimits.Max).WithMessage($"limit חייב להיות בין 1 ל-{PageLimits.Max}.");
    }
}
