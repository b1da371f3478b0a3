using FluentValidation;

namespace ProSaaS.Application.Calls.WrapUp.WrapUpDueCalls;

public sealed class WrapUpDueCallsValidator : AbstractValidator<WrapUpDueCalls>
{
    public WrapUpDueCallsValidator()
    {
        RuleFor(x => x.Settle).GreaterThanOrEqualTo(TimeSpan.Zero).WithMessage("זמן ההמתנה לדיווחים האחרונים אינו יכול להיות שלילי.");
        RuleFor(x => x.MaxAttempts).InclusiveBetween(1, 20).WithMessage("מספר הניסיונות חייב להיות בין 1 ל-20.");
        RuleFor(x => x.RetryDelay).GreaterThan(TimeSpan.Zero).WithMessage("ההמתנה בין ניסיונות חייבת להיות חיובית.");
        RuleFor(x => x.MaxAge).GreaterThan(TimeSpan.Zero).WithMessage("הגיל המרבי של שיחה לסיכום חייב להיות חיובי.");
        RuleFor(x => x.Lease).GreaterThan(TimeSpan.Zero).WithMessage("משך התפיסה של שיחה חייב להיות חיובי.");
        RuleFor(x => x.Limit).InclusiveBetween(1, 1000).WithMessage("המגבלה חייבת להיות בין 1 ל-1000.");
    }
}
