using FluentValidation;
using ProSaaS.Application.Common.Paging;
using ProSaaS.Application.Common.Scheduling;

namespace ProSaaS.Application.WorkTasks.ListTasks;

public sealed class ListTasksValidator : AbstractValidator<ListTasks>
{
    public ListTasksValidator()
    {
        RuleFor(x => x.Status).Must(s => WorkTaskStatusText.TryParse(s, out _)).When(x => !string.IsNullOrWhiteSpace(x.Status))
            .WithMessage(WorkTaskStatusText.Message);
        RuleFor(x => x.Assignee).Must(a => WorkItemText.IsPersonFilter(a, allowNobody: true)).When(x => !string.IsNullOrWhiteSpace(x.Assignee))
            .WithMessage("assignee חייב להיות me, none או מזהה משתמש.");
        RuleFor(x => x.LeadId).NotEqual(Guid.Empty).WithMessage("מזהה הליד אינו תקין.");
        RuleFor(x => x.Due).Must(d => WorkItemText.TryParseDue(d, out _)).When(x => !string.IsNullOrWhiteSpace(x.Due))
            .WithMessage(WorkItemText.DueMessage);
        RuleFor(x => x.Status).Must(s => !string.Equals(s?.Trim(), "done", StringComparison.OrdinalIgnoreCase))
            .When(x => !string.IsNullOrWhiteSpace(x.Due))
            .WithMessage("due חל על משימות שלא הושלמו; אין לשלב אותו עם status=done.");
        RuleFor(x => x.Sort).Must(s => s!.Trim().ToLowerInvariant() is "due" or "position").When(x => !string.IsNullOrWhiteSpace(x.Sort))
            .WithMessage("sort חייב להיות due או position.");
        RuleFor(x => x.Status).NotEmpty().When(x => x.ByPosition)
            .WithMessage("סדר הלוח (sort=position) הוא בתוך עמודה: יש לציין status.");
        RuleFor(x => x.Limit).InclusiveBetween(1, PageLimits.Max).WithMessage($"limit חייב להיות בין 1 ל-{PageLimits.Max}.");
        RuleFor(x => x.Next).Must((request, next) => request.ByPosition ? PositionCursor.TryDecode(next, out _) : DueCursor.TryDecode(next, out _))
            .When(x => x.Next is not null)
            .WithMessage("הסמן (next) אינו תקין; השתמשו בערך שהוחזר בעמוד הקודם באותו סדר.");
    }
}
