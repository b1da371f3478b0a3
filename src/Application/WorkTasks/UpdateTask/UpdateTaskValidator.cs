using FluentValidation;
using ProSaaS.Application.Common.Scheduling;
using ProSaaS.Domain.WorkTasks;

namespace ProSaaS.Application.WorkTasks.UpdateTask;

public sealed class UpdateTaskValidator : AbstractValidator<UpdateTask>
{
    public UpdateTaskValidator()
    {
        RuleFor(x => x.TaskId).NotEmpty().WithMessage("חסר מזהה משימה.");
        RuleFor(x => x.Title)
            .NotEmpty().WithMessage("למשימה חייבת להיות כותרת.")
            .MaximumLength(WorkTask.MaxTitleLength).WithMessage($"כותרת המשימה ארוכה מדי (עד {WorkTask.MaxTitleLength} תווים).");
        RuleFor(x => x.Description)
            .MaximumLength(WorkTask.MaxDescriptionLength).WithMessage($"תיאור המשימה ארוך מדי (עד {WorkTask.MaxDescriptionLength} תווים).");
        RuleFor(x => x.DueAt).Must(d => InstantText.TryParse(d, out _)).When(x => !string.IsNullOrEmpty(x.DueAt))
            .WithMessage(InstantText.FormatMessage);
        RuleFor(x => x.AssigneeUserId).NotEqual(Guid.Empty).WithMessage("מזהה המשתמש אינו תקין.");
        RuleFor(x => x.ExpectedVersion).GreaterThan(0).When(x => x.ExpectedVersion is not null)
            .WithMessage("גרסה צפויה חייבת להיות חיובית.");
    }
}
