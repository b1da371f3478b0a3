using FluentValidation;
using ProSaaS.Application.Common.Scheduling;
using ProSaaS.Domain.Reminders;

namespace ProSaaS.Application.Reminders.ChangeReminder;

public sealed class ChangeReminderValidator : AbstractValidator<ChangeReminder>
{
    public ChangeReminderValidator()
    {
        RuleFor(x => x.ReminderId).NotEmpty().WithMessage("חסר מזהה תזכורת.");
        RuleFor(x => x.Text)
            .NotEmpty().WithMessage("יש לכתוב על מה התזכורת.")
            .MaximumLength(Reminder.MaxTextLength).WithMessage($"טקסט התזכורת ארוך מדי (עד {Reminder.MaxTextLength} תווים).");
        RuleFor(x => x.DueAt)
            .NotEmpty().WithMessage("יש לקבוע מועד לתזכורת.")
            .Must(due => InstantText.TryParse(due, out _)).WithMessage(InstantText.FormatMessage)
            .When(x => !string.IsNullOrEmpty(x.DueAt), ApplyConditionTo.CurrentValidator);
        RuleFor(x => x.OwnerUserId).NotEqual(Guid.Empty).WithMessage("מזהה המשתמש אינו תקין.");
        RuleFor(x => x.ExpectedVersion).GreaterThan(0).When(x => x.ExpectedVersion is not null)
            .WithMessage("גרסה צפויה חייבת להיות חיובית.");
    }
}
