using FluentValidation;

namespace ProSaaS.Application.Calls.DeleteExpiredRecordings;

public sealed class DeleteExpiredRecordingsValidator : AbstractValidator<DeleteExpiredRecordings>
{
    public DeleteExpiredRecordingsValidator()
    {
        RuleFor(x => x.Limit).InclusiveBetween(1, 1000).WithMessage("המגבלה חייבת להיות בין 1 ל-1000.");
    }
}
