using FluentValidation;
using ProSaaS.Domain.Calls;

namespace ProSaaS.Application.Calls.RecordProviderCallStatus;

public sealed class RecordProviderCallStatusValidator : AbstractValidator<RecordProviderCallStatus>
{
    public RecordProviderCallStatusValidator()
    {
        RuleFor(x => x.ProviderCallId).NotEmpty().WithMessage("חסר מזהה השיחה (CallSid).")
            .MaximumLength(Call.MaxProviderCallIdLength).WithMessage($"מזהה השיחה (CallSid) ארוך מדי (עד {Call.MaxProviderCallIdLength} תווים).");
        RuleFor(x => x.DurationSeconds).GreaterThanOrEqualTo(0).When(x => x.DurationSeconds is not null)
            .WithMessage("משך השיחה (CallDuration) אינו יכול להיות שלילי.");
    }
}
