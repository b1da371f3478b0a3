using FluentValidation;

namespace ProSaaS.Application.WorkTasks.MoveTask;

public sealed class MoveTaskValidator : AbstractValidator<MoveTask>
{
    public MoveTaskValidator()
    {
        RuleFor(x => x.TaskId).NotEmpty().WithMessage("חסר מזהה משימה.");
        RuleFor(x => x.Status)
            .NotEmpty().WithMessage(WorkTaskStatusText.Message)
            .Must(s => WorkTaskStatusText.TryParse(s, out _)).WithMessage(WorkTaskStatusText.Message)
            .When(x => !string.IsNullOrEmpty(x.Status), ApplyConditionTo.CurrentValidator);
        RuleFor(x => x.Position).Must(p => double.IsFinite(p!.Value) && Math.Abs(p.Value) <= WorkTaskLimits.MaxPosition)
            .When(x => x.Position is not null)
            .WithMessage(WorkTaskLimits.PositionMessage);
        RuleFor(x => x.ExpectedVersion).GreaterThan(0).When(x => x.ExpectedVersion is not null)
            .WithMessage("גרסה צפויה חייבת להיות חיובית.");
    }
}
