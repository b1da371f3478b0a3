using FluentValidation;
using ProSaaS.Application.Common.Scheduling;
using ProSaaS.Domain.Reminders;

namespace ProSaaS.Application.Reminders.SetReminder;

public sealed class SetReminderValidator : AbstractValidator<SetReminder>
{
    public SetReminderValidator()
    {
        RuleFor(x => x.LeadId).NotEmpty().WithMessage("חסר מזהה ליד.");
        RuleFor(x => x.Text)
            .NotEmpty().WithMessage("יש לכתוב על מה התזכורת.")
            .MaximumLength(Reminder.MaxTextLength).WithMessage($"טקסט התזכורת ארוך מדי (עד {Reminder.MaxTextLength} תווים).");
        RuleFor(x => x.DueAt)
            .NotEmpty().WithMessage("יש לקבוע מועד לתזכורת.")
            .Must(due => InstantText.TryParse(due, out _)).WithMessage(InstantText.FormatMessage)
            .When(x => !string.IsNullOrEmpty(x.DueAt), ApplyConditionTo.CurrentValidator);
        RuleFor(x => x.OwnerUserId).NotEqual(Guid.Empty).WithMessage("מזהה המשתמש אינו תקין.");
    }
}
