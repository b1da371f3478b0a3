using FluentValidation;

namespace ProSaaS.Application.Calls;

/// <summary>What every media host report must carry: its id and when it happened.</summary>
public abstract class CallCommandValidator<TCommand> : AbstractValidator<TCommand>
    where TCommand : ICallCommand
{
    protected CallCommandValidator()
    {
        RuleFor(x => x.CommandId).NotEmpty().WithMessage("חסר מזהה הדיווח (commandId).");
        RuleFor(x => x.At).NotEqual(default(DateTimeOffset)).WithMessage("חסר מועד הדיווח (at).");
    }
}
