using FluentValidation;
using ProSaaS.Application.Common.Paging;
using ProSaaS.Application.Common.Scheduling;

namespace ProSaaS.Application.Reminders.ListReminders;

public sealed class ListRemindersValidator : AbstractValidator<ListReminders>
{
    public ListRemindersValidator()
    {
        RuleFor(x => x.Owner).Must(o => WorkItemText.IsPersonFilter(o, allowNobody: false))
            .When(x => !string.IsNullOrWhiteSpace(x.Owner))
            .WithMessage("owner חייב להיות me או מזהה משתמש.");
        RuleFor(x => x.Due).Must(d => WorkItemText.TryParseDue(d, out _))
            .When(x => !string.IsNullOrWhiteSpace(x.Due))
            .WithMessage(WorkItemText.DueMessage);
        RuleFor(x => x.Completed).NotEqual(true).When(x => !string.IsNullOrWhiteSpace(x.Due))
            .WithMessage("due חל על תזכורות פתוחות בלבד; אין לשלב אותו עם completed=true.");
        RuleFor(x => x.Limit).InclusiveBetween(1, PageLimits.Max).WithMessage($"limit חייב להיות בין 1 ל-{PageLimits.Max}.");
        RuleFor(x => x.Next).Must(n => DueCursor.TryDecode(n, out _)).When(x => x.Next is not null)
            .WithMessage("הסמן (next) אינו תקין; השתמשו בערך שהוחזר בעמוד הקודם.");
    }
}
