using FluentValidation;

namespace ProSaaS.Application.Calls.StoreCallRecording;

public sealed class StoreCallRecordingValidator : AbstractValidator<StoreCallRecording>
{
    public StoreCallRecordingValidator()
    {
        RuleFor(x => x.Content).NotNull().WithMessage("חסר תוכן ההקלטה.");
        RuleFor(x => x.MaxBytes).GreaterThan(0).WithMessage("הגודל המרבי של הקלטה חייב להיות חיובי.");
    }
}
