using FluentValidation;

namespace ProSaaS.Application.Leads.GetLeadAsOf;

public sealed class GetLeadAsOfValidator : AbstractValidator<GetLeadAsOf>
{
    public GetLeadAsOfValidator()
    {
        RuleFor(x => x.LeadId).NotEmpty().WithMessage("חסר מזהה ליד.");
        RuleFor(x => x.Version).GreaterThan(0).When(x => x.Version is not null).WithMessage("גרסה חייבת להיות חיובית.");
    }
}
