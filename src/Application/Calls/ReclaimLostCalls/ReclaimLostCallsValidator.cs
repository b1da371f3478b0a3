using FluentValidation;

namespace ProSaaS.Application.Calls.ReclaimLostCalls;

public sealed class ReclaimLostCallsValidator : AbstractValidator<ReclaimLostCalls>
{
    public ReclaimLostCallsValidator()
    {
        RuleFor(x => x.SilentFor).GreaterThan(TimeSpan.Zero).WithMessage("משך השקט חייב להיות חיובי.");
        RuleFor(x => x.Limit).InclusiveBetween(1, 1000).WithMessage("המגבלה חייבת להיות בין 1 ל-1000.");
    }
}
