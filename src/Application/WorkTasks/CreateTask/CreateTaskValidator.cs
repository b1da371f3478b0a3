using FluentValidation;
using ProSaaS.Application.Common.Scheduling;
using ProSaaS.Domain.WorkTasks;

namespace ProSaaS.Application.WorkTasks.CreateTask;

public sealed class CreateTaskValidator : AbstractValidator<CreateTask>
{
    public CreateTaskValidator()
    {
        RuleFor(x => x.Title)
            .NotEmpty().WithMessage("למשימה חייבת להיות כותרת.")
            .MaximumLength(WorkTask.MaxTitleLength).WithMessage($"כותרת המשימה ארוכה מדי (עד {WorkTask.MaxTitleLength} תווים).");
        RuleFor(x => x.Description)
            .MaximumLength(WorkTask.MaxDescriptionLength).WithMessage($"תיאור המשימה ארוך מדי (עד {WorkTask.MaxDescriptionLength} תווים).");
        RuleFor(x => x.Status).Must(s => WorkTaskStatusText.TryParse(s, out _)).When(x => x.Status is not null)
            .WithMessage(WorkTaskStatusText.Message);
        RuleFor(x => x.DueAt).Must(d => InstantText.TryParse(d, out _)).When(x => !string.IsNullOrEmpty(x.DueAt))
            .WithMessage(InstantText.FormatMessage);
        RuleFor(x => x.AssigneeUserId).NotEqual(Guid.Empty).WithMessage("מזהה המשתמש אינו תקין.");
        RuleFor(x => x.LeadId).NotEqual(Guid.Empty).WithMessage("מזהה הליד אינו תקין.");
        RuleFor(x => x.Position).Must(p => double.IsFinite(p!.Value) && Math.Abs(p.Value) <= WorkTaskLimits.MaxPosition)
            .When(x => x.Position is not null)
            .WithMessage(WorkTaskLimits.PositionMessage);
    }
}
