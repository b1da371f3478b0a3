using FluentValidation;

namespace ProSaaS.Application.Calls.Tools.RequestHumanTool;

public sealed class RequestHumanToolValidator : AbstractValidator<RequestHumanTool>
{
    public RequestHumanToolValidator()
    {
        RuleFor(x => x.Reason)
            .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("חסרה הסיבה (reason): במה הפונה צריך עזרה, במשפט קצר.")
            .MaximumLength(CallToolCatalog.MaxReasonLength).WithMessage($"הסיבה ארוכה מדי (עד {CallToolCatalog.MaxReasonLength} תווים).");
        RuleFor(x => x.PreferredTime)
            .MaximumLength(CallToolCatalog.MaxPreferredTimeLength)
            .WithMessage($"המועד המועדף ארוך מדי (עד {CallToolCatalog.MaxPreferredTimeLength} תווים).")
            .OverridePropertyName("preferred_time");
    }
}
