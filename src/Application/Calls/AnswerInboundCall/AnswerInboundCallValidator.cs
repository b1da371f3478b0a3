using FluentValidation;
using ProSaaS.Domain.Calls;

namespace ProSaaS.Application.Calls.AnswerInboundCall;

public sealed class AnswerInboundCallValidator : AbstractValidator<AnswerInboundCall>
{
    public AnswerInboundCallValidator()
    {
        RuleFor(x => x.ProviderCallId).NotEmpty().WithMessage("חסר מזהה השיחה (CallSid).")
            .MaximumLength(Call.MaxProviderCallIdLength).WithMessage($"מזהה השיחה (CallSid) ארוך מדי (עד {Call.MaxProviderCallIdLength} תווים).");
    }
}
