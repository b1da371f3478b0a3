using FluentValidation;

namespace ProSaaS.Application.Calls.CallAudit;

public sealed class GetCallStateValidator : AbstractValidator<GetCallState>
{
    public GetCallStateValidator()
    {
        RuleFor(x => x.Version).GreaterThanOrEqualTo(1).WithMessage("version חייב להיות מספר אירוע של השיחה (1 ומעלה).");
    }
}
