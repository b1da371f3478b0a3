using FluentValidation;
using ProSaaS.Domain.Calls;

namespace ProSaaS.Application.Calls.AnswerOutboundCall;

public sealed class AnswerOutboundCallValidator : AbstractValidator<AnswerOutboundCall>
{
    public AnswerOutboundCallValidator()
    {
        RuleFor(x => x.CallId).NotEmpty().WithMessage("חסר מזהה השיחה (callId).");
        RuleFor(x => x.ProviderCallId).NotEmpty().WithMessage("חסר מזהה השיחה (CallSid).")
            .MaximumLength(Call.MaxProviderCallIdLength).WithMessage($"מזהה השיחה (CallSid) ארוך מדי (עד {Call.MaxProviderCallIdLength} תווים).");
    }
}
