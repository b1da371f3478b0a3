using FluentValidation;

namespace ProSaaS.Application.Leads.GetLeadActivity;

public sealed class GetLeadActivityValidator : AbstractValidator<GetLeadActivity>
{
    public GetLeadActivityValidator()
    {
        RuleFor(x => x.Limit)
            .InclusiveBetween(1, GetLeadActivity.MaxLimit).WithMessage($"מספר הרשומות בעמוד חייב להיות 1–{GetLeadActivity.MaxLimit}.");
    }
}
