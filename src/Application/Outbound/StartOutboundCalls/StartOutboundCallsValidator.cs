using FluentValidation;

namespace ProSaaS.Application.Outbound.StartOutboundCalls;

public sealed class StartOutboundCallsValidator : AbstractValidator<StartOutboundCalls>
{
    public const string CountMessage = "יש לבחור בין ליד אחד לשלושה לידים לשיחה.";
    public const string DistinctMessage = "אותו ליד נבחר יותר מפעם אחת.";

    public StartOutboundCallsValidator()
    {
        RuleFor(x => x.LeadIds).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage(CountMessage)
            .Must(ids => ids is { Count: >= 1 and <= OutboundCallLimits.MaxLeadsPerStart }).WithMessage(CountMessage)
            .Must(ids => ids is null || ids.Distinct().Count() == ids.Count).WithMessage(DistinctMessage);
        RuleForEach(x => x.LeadIds).NotEmpty().WithMessage("מזהה הליד אינו תקין.");
        RuleFor(x => x.TemplateId).NotEmpty().WithMessage("יש לבחור תבנית שיחה.");
    }
}
